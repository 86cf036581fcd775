import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import {
  assignedProfile,
  assignProfileBody,
  profileCodeParams,
  profileList,
  publishedVersion,
  publishVersionBody,
  unitIdParams,
} from './deadline-profiles.schemas.js';
import { assignUnitProfile } from './use-cases/assign-unit-profile.js';
import { listDeadlineProfiles } from './use-cases/list-deadline-profiles.js';
import { publishProfileVersion } from './use-cases/publish-profile-version.js';

/** 期限配置: deadline profiles, their versions and which units use which. */
export async function deadlineProfileRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];

  app.get(
    '/api/deadline-profiles',
    {
      schema: {
        tags,
        summary: '期限配置 Deadline profiles with every version and the units that name one',
        response: { 200: profileList, ...errorResponses },
      },
    },
    async (req) => listDeadlineProfiles(ctxOf(req)),
  );

  app.post(
    '/api/deadline-profiles/:code/versions',
    {
      schema: {
        tags,
        summary: '发布新版本 Publish a new version of a profile, effective from a date',
        params: profileCodeParams,
        body: publishVersionBody,
        response: { 201: publishedVersion, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await publishProfileVersion(ctxOf(req), req.params.code, req.body)),
  );

  app.put(
    '/api/deadline-profiles/units/:unitId',
    {
      schema: {
        tags,
        summary: '设置单位期限配置 Choose the profile of a unit and its subtree (null: inherit)',
        params: unitIdParams,
        body: assignProfileBody,
        response: { 200: assignedProfile, ...errorResponses },
      },
    },
    async (req) => {
      await assignUnitProfile(ctxOf(req), req.params.unitId, req.body.profileCode);
      return { unitId: req.params.unitId, profileCode: req.body.profileCode };
    },
  );
}

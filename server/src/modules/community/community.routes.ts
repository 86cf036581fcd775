import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import {
  assistanceCreate,
  assistanceLink,
  assistanceList,
  assistanceReview,
  assistanceView,
  boundaryImport,
  boundaryImportResult,
  courtyardCreate,
  coverageQuery,
  gridList,
  gridsQuery,
  gridUpdate,
  mapQuery,
  matterScopeFigures,
  matterScopeFiguresQuery,
  matterScopeSet,
  matterScopeView,
  operationsMap,
  visitCoverage,
  visitCreate,
  visitCreated,
  visitList,
  visitPlanSet,
  visitsQuery,
} from './community.schemas.js';
import {
  createAssistance,
  getAssistance,
  linkAssistanceCase,
  listAssistance,
  reviewAssistance,
} from './use-cases/assistance.js';
import { createCourtyard } from './use-cases/create-courtyard.js';
import { getMatterScopeFigures } from './use-cases/get-matter-scope-figures.js';
import { getOperationsMap } from './use-cases/get-operations-map.js';
import { importBoundaries } from './use-cases/import-boundaries.js';
import { listGrids } from './use-cases/list-grids.js';
import { recordVisit } from './use-cases/record-visit.js';
import { getMatterScope, setMatterScope } from './use-cases/set-matter-scope.js';
import { updateGrid } from './use-cases/update-grid.js';
import { getVisitCoverage, listVisits, setVisitPlan } from './use-cases/visits.js';

/** Community governance: grids (网格, 和美院落) and the operations map (挂图作战). */
export async function communityRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['community'];

  app.get(
    '/api/community/grids',
    {
      schema: {
        tags,
        summary: '网格 Grids and courtyard units I can see, with boundaries, heads and members',
        querystring: gridsQuery,
        response: { 200: gridList, ...errorResponses },
      },
    },
    async (req) => listGrids(ctxOf(req), req.query),
  );

  app.put(
    '/api/community/grids/:id',
    {
      schema: {
        tags,
        summary: '设置网格 Set a grid’s boundary, households, buildings and roster (head + members)',
        params: idParams,
        body: gridUpdate,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await updateGrid(ctxOf(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/community/grids/:id/courtyards',
    {
      schema: {
        tags,
        summary: '新建和美院落 Create a courtyard unit (1 head + 2 members) inside a grid',
        params: idParams,
        body: courtyardCreate,
        response: { 201: z.object({ id: z.uuid() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createCourtyard(ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/community/grids/import',
    {
      schema: {
        tags,
        summary: '导入网格边界 Import grid boundaries from a GeoJSON FeatureCollection (all or nothing)',
        body: boundaryImport,
        response: { 200: boundaryImportResult, ...errorResponses },
      },
      bodyLimit: 8 * 1024 * 1024,
    },
    async (req) => importBoundaries(ctxOf(req), req.body),
  );

  app.get(
    '/api/community/map',
    {
      schema: {
        tags,
        summary: '挂图作战 Grid polygons with the cases on them, coloured by risk (三色), filterable',
        querystring: mapQuery,
        response: { 200: operationsMap, ...errorResponses },
      },
    },
    async (req) => getOperationsMap(ctxOf(req), req.query),
  );

  app.get(
    '/api/community/cases/:id/matter-scope',
    {
      schema: {
        tags,
        summary: '三事分流 A case’s matter scope (big/small/private), its default and suggested routing',
        params: idParams,
        response: { 200: matterScopeView, ...errorResponses },
      },
    },
    async (req) => getMatterScope(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/community/cases/:id/matter-scope',
    {
      schema: {
        tags,
        summary: '三事分流 Classify an open case as a big, small or private matter (with a reason)',
        params: idParams,
        body: matterScopeSet,
        response: { 200: z.object({ version: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => setMatterScope(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/community/matter-scope/figures',
    {
      schema: {
        tags,
        summary: '三事分流 figures: cases received by scope, open, concluded, resolved on the spot',
        querystring: matterScopeFiguresQuery,
        response: { 200: matterScopeFigures, ...errorResponses },
      },
    },
    async (req) => getMatterScopeFigures(ctxOf(req), req.query),
  );

  app.post(
    '/api/community/visits',
    {
      schema: {
        tags,
        summary:
          '走访/巡查记录 Record a home visit or patrol; a need or hidden danger found becomes a case in one step',
        body: visitCreate,
        response: { 201: visitCreated, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await recordVisit(ctxOf(req), req.body)),
  );

  app.get(
    '/api/community/visits',
    {
      schema: {
        tags,
        summary: '走访/巡查记录 Latest visit and patrol records of my area',
        querystring: visitsQuery,
        response: { 200: visitList, ...errorResponses },
      },
    },
    async (req) => listVisits(ctxOf(req), req.query),
  );

  app.put(
    '/api/community/visit-plans',
    {
      schema: {
        tags,
        summary: '走访计划 How often a cadre visits a grid’s households (times a week)',
        body: visitPlanSet,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await setVisitPlan(ctxOf(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/community/visits/coverage',
    {
      schema: {
        tags,
        summary: '走访覆盖 Home visits, patrols and findings per grid and per cadre, against the plans',
        querystring: coverageQuery,
        response: { 200: visitCoverage, ...errorResponses },
      },
    },
    async (req) => getVisitCoverage(ctxOf(req), req.query),
  );

  app.get(
    '/api/community/assistance',
    {
      schema: {
        tags,
        summary: '帮扶救助 Assistance records I may see (optionally only those due for review)',
        querystring: z.object({ due: z.enum(['true', 'false']).optional() }),
        response: { 200: assistanceList, ...errorResponses },
      },
    },
    async (req) => listAssistance(ctxOf(req), { due: req.query.due === 'true' }),
  );

  app.post(
    '/api/community/assistance',
    {
      schema: {
        tags,
        summary: '帮扶救助 Record a family or person in difficulty, measures, responsible unit, review date',
        body: assistanceCreate,
        response: { 201: z.object({ id: z.uuid() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createAssistance(ctxOf(req), req.body)),
  );

  app.get(
    '/api/community/assistance/:id',
    {
      schema: {
        tags,
        summary: '帮扶救助 One assistance record with its linked cases',
        params: idParams,
        response: { 200: assistanceView, ...errorResponses },
      },
    },
    async (req) => getAssistance(ctxOf(req), req.params.id),
  );

  app.patch(
    '/api/community/assistance/:id',
    {
      schema: {
        tags,
        summary: '帮扶救助 Review: measures, next review date, responsible unit, close',
        params: idParams,
        body: assistanceReview,
        response: { 200: assistanceView, ...errorResponses },
      },
    },
    async (req) => reviewAssistance(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/community/assistance/:id/cases',
    {
      schema: {
        tags,
        summary: '帮扶救助 Link a case to the assistance record',
        params: idParams,
        body: assistanceLink,
        response: { 200: assistanceView, ...errorResponses },
      },
    },
    async (req) => linkAssistanceCase(ctxOf(req), req.params.id, req.body.caseId),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UNIT_KINDS } from '../../../../common/src/roles.js';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses, idParams, okResponse, paged } from '../../http/schemas.js';
import { can } from '../../policy/policy.js';
import { presentDutyEntry, presentUnit, presentWorkstation } from './org.presenter.js';
import {
  ancestorsOf,
  findUnitInScope,
  findWorkstation,
  listDutyRoster,
  listUnits,
  unitDirectory,
} from './org.repository.js';
import {
  createUnitBody,
  dutyRosterBody,
  unitDetail,
  unitListQuery,
  unitSummary,
  updateUnitBody,
  workstationBody,
} from './org.schemas.js';
import {
  createUnit as createUnitUseCase,
  removeWorkstation,
  replaceDutyRoster,
  setWorkstation,
  updateUnit,
} from './use-cases/manage-units.js';

export async function orgRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];

  const detail = async (req: Parameters<typeof ctxOf>[0], id: string) => {
    const ctx = ctxOf(req);
    const unit = await findUnitInScope(ctx.db, ctx.actor, id);
    if (!unit) throw new AppError('NOT_FOUND');
    const [ancestors, ws, roster] = await Promise.all([
      ancestorsOf(ctx.db, unit.path),
      findWorkstation(ctx.db, id),
      listDutyRoster(ctx.db, id),
    ]);
    const manage = can(ctx.actor, 'org.manage', { unitPath: unit.path });
    return {
      ...presentUnit(unit),
      ancestors: ancestors.map((a) => ({ id: a.id, name: a.name, kind: a.kind as 'district' })),
      workstation: ws ? presentWorkstation(ws) : null,
      dutyRoster: roster.map(presentDutyEntry),
      abilities: {
        update: manage,
        createChild: manage,
        manageWorkstation: manage && unit.kind === 'community',
      },
    };
  };

  app.get(
    '/api/org-units',
    {
      schema: {
        tags,
        summary: '组织机构列表 List units in my jurisdiction',
        querystring: unitListQuery,
        response: { 200: paged(unitSummary), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const { page, pageSize, includeInactive, ...f } = req.query;
      const { rows, total } = await listUnits(
        ctx.db,
        ctx.actor,
        { ...f, includeInactive: includeInactive === 'true' },
        { page, pageSize },
      );
      return { items: rows.map(presentUnit), total, page, pageSize };
    },
  );

  app.get(
    '/api/org-units/directory',
    {
      schema: {
        tags,
        summary:
          '单位名录 Units a case can be sent to (transfer, assign, whistle): the actor’s whole district',
        description:
          'Names and kinds of the active units of the district(s) the actor works in: organs are public, so a village ' +
          'can transfer to a department outside its own subtree. Nothing else about the units is returned.',
        querystring: z.object({
          kind: z.enum(UNIT_KINDS).optional(),
          q: z.string().trim().max(50).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                parentId: z.uuid().nullable(),
                kind: z.enum(UNIT_KINDS),
                name: z.string(),
                depth: z.number().int(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      if (!can(ctx.actor, 'org.read')) throw new AppError('FORBIDDEN');
      const rows = await unitDirectory(ctx.db, ctx.actor, req.query);
      return { items: rows.map((r) => ({ ...r, kind: r.kind as (typeof UNIT_KINDS)[number] })) };
    },
  );

  app.get(
    '/api/org-units/:id',
    {
      schema: {
        tags,
        summary: '单位详情 Unit detail',
        params: idParams,
        response: { 200: unitDetail, ...errorResponses },
      },
    },
    async (req) => detail(req, req.params.id),
  );

  app.post(
    '/api/org-units',
    {
      schema: {
        tags,
        summary: '新建单位 Create a unit',
        body: createUnitBody,
        response: { 201: unitDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const id = await createUnitUseCase(ctxOf(req), req.body);
      return reply.status(201).send(await detail(req, id));
    },
  );

  app.patch(
    '/api/org-units/:id',
    {
      schema: {
        tags,
        summary: '修改单位 Update a unit',
        params: idParams,
        body: updateUnitBody,
        response: { 200: unitDetail, ...errorResponses },
      },
    },
    async (req) => {
      await updateUnit(ctxOf(req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.put(
    '/api/org-units/:id/workstation',
    {
      schema: {
        tags,
        summary: '设立/修改我来办工作室 Set up or update the workstation',
        params: idParams,
        body: workstationBody,
        response: { 200: unitDetail, ...errorResponses },
      },
    },
    async (req) => {
      await setWorkstation(ctxOf(req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.delete(
    '/api/org-units/:id/workstation',
    {
      schema: {
        tags,
        summary: '撤销工作室 Remove the workstation',
        params: idParams,
        response: { 200: okResponse, ...errorResponses },
      },
    },
    async (req) => {
      await removeWorkstation(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/org-units/:id/duty-roster',
    {
      schema: {
        tags,
        summary: '设置值班表 Replace the weekly duty roster',
        params: idParams,
        body: dutyRosterBody,
        response: { 200: z.object({ entries: unitDetail.shape.dutyRoster }), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await replaceDutyRoster(ctx, req.params.id, req.body.entries);
      return { entries: (await listDutyRoster(ctx.db, req.params.id)).map(presentDutyEntry) };
    },
  );
}

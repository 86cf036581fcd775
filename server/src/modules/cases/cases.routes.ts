import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { errorMessage } from '../../../../common/src/errors.js';
import { normalizeIdNumber } from '../../../../common/src/id-number.js';
import type { Ctx } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { requestLang } from '../../http/lang.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import { fieldCryptoFor, normalizePhone } from '../../lib/field-crypto.js';
import { can, scopeRoots } from '../../policy/policy.js';
import { today } from './case-clock.js';
import { loadEvents } from './case-events.js';
import { caseScope } from './cases.policy.js';
import { loadCaseDetail, presentCase, presentListItem } from './cases.presenter.js';
import { findCaseInScope, historyByIdentity, listCases } from './cases.repository.js';
import {
  ACTION_BODIES,
  assignmentBodies,
  COMMAND_BODIES,
  caseListQuery,
  historyQuery,
  intakeBody,
  supervisionReplyBody,
  unmaskBody,
} from './cases.schemas.js';
import { COMMAND_NAMES, COMMANDS, STATUS_LABELS } from './cases.workflow.js';
import * as actions from './use-cases/actions.js';
import * as assignments from './use-cases/assignments.js';
import * as decide from './use-cases/decide.js';
import * as handle from './use-cases/handle.js';
import { registerCase } from './use-cases/register-case.js';
import * as review from './use-cases/review.js';
import { runCommand } from './use-cases/run-command.js';

const caseIdParams = z.object({ id: z.uuid() });
const caseDetail = z
  .looseObject({
    id: z.uuid(),
    caseNo: z.string(),
    version: z.number().int(),
    status: z.string(),
    abilities: z.looseObject({
      commands: z.array(z.string()),
      actions: z.array(z.string()),
      unmask: z.boolean(),
    }),
  })
  .describe(
    'Case detail: the record, masked parties, deadlines with colours, tasks, supervision and abilities',
  );
const listItem = z.looseObject({
  id: z.uuid(),
  caseNo: z.string(),
  title: z.string(),
  status: z.string(),
  dueOn: z.string().nullable(),
  dueColour: z.enum(['green', 'yellow', 'red']).nullable(),
  daysLeft: z.number().int().nullable(),
});

/** The units whose work is "mine": where I handle cases, or, for read-only roles, where I read them. */
function workRoots(actor: Ctx['actor']): string[] {
  const handle = scopeRoots(actor, 'case.handle');
  return handle.length ? handle : scopeRoots(actor, 'case.read');
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);

/** The use case behind each command name. */
const COMMAND_USE_CASES = {
  ...decide,
  ...handle,
  ...review,
} as unknown as Record<string, (actor: Ctx['actor'], body: unknown) => Parameters<typeof runCommand>[2]>;
const ACTION_USE_CASES = actions as unknown as Record<
  string,
  (actor: Ctx['actor'], body: unknown) => Parameters<typeof runCommand>[2]
>;

export async function caseRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  const detail = async (req: FastifyRequest, id: string) => {
    const ctx = ctxOf(req);
    const found = await loadCaseDetail(ctx.db, ctx.actor, id);
    if (!found) {
      // Attempts on a confidential matter are recorded: who looked for an accusation matters (第30条).
      const hidden = await ctx.db
        .selectFrom('cases')
        .select('is_confidential')
        .where('id', '=', id)
        .executeTakeFirst();
      if (hidden?.is_confidential) {
        await ctx.db
          .insertInto('personal_data_access')
          .values({
            user_id: ctx.actor.userId,
            unit_id: ctx.actor.unitId,
            case_id: id,
            action: 'denied',
            reason: 'case.view',
            ip: req.ip,
          })
          .execute();
      }
      throw new AppError('NOT_FOUND');
    }
    return presentCase(ctx, found.c, found.rows);
  };

  /**
   * The case after a command. A command can take the case out of the actor's view (a referral to
   * discipline inspection): that is a success, answered with the bare outcome, not a 404.
   */
  const afterCommand = async (req: FastifyRequest, id: string) => {
    const ctx = ctxOf(req);
    const c = await findCaseInScope(ctx.db, ctx.actor, id);
    if (c) return presentCase(ctx, c);
    const bare = await ctx.db
      .selectFrom('cases')
      .select(['case_no', 'version', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      id,
      caseNo: bare.case_no,
      version: bare.version,
      status: bare.status,
      hidden: true,
      abilities: { commands: [], actions: [], unmask: false },
    };
  };

  app.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '登记 Register a petition or dispute (any channel)',
        description:
          'Answers with the case page (`case`), or with `view=summary` only the number, visibility and warnings ' +
          '(what a form needs before it opens the case page).',
        querystring: z.object({ view: z.enum(['full', 'summary']).default('full') }),
        body: intakeBody,
        response: {
          201: z.object({
            id: z.uuid(),
            caseNo: z.string(),
            referredToDiscipline: z.boolean(),
            /** False when the matter left the registrar's view at once (referred to discipline inspection). */
            visible: z.boolean(),
            warnings: z.array(z.object({ code: z.string(), caseId: z.uuid(), caseNo: z.string() })),
            case: caseDetail.nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const r = await registerCase(ctx, req.body);
      const c = await findCaseInScope(ctx.db, ctx.actor, r.caseId);
      if (req.query.view === 'summary') {
        return reply.status(201).send({
          id: r.caseId,
          caseNo: r.caseNo,
          referredToDiscipline: r.referredToDiscipline,
          visible: !!c,
          warnings: r.warnings,
          case: null,
        });
      }
      return reply.status(201).send({
        id: r.caseId,
        caseNo: r.caseNo,
        referredToDiscipline: r.referredToDiscipline,
        visible: !!c,
        warnings: r.warnings,
        // A matter referred to discipline inspection leaves the registrar's view at once.
        case: c ? await presentCase(ctx, c) : null,
      });
    },
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '事项列表 Cases in my jurisdiction (filters, sorted by due date, cursor pagination)',
        querystring: caseListQuery,
        response: {
          200: z.object({ items: z.array(listItem), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      if (!can(ctx.actor, 'case.read')) throw new AppError('FORBIDDEN');
      const { sort, cursor, limit, open, overdue, mine, supervised, ...f } = req.query;
      const asOf = today();
      const work = workRoots(ctx.actor);
      const r = await listCases(
        ctx.db,
        ctx.actor,
        {
          ...f,
          open: open === undefined ? undefined : open === 'true',
          overdue: overdue === 'true',
          mineRoots: mine === 'true' ? work : undefined,
          supervisedRoots: supervised === 'true' ? work : undefined,
        },
        { sort, cursor, limit },
        asOf,
      );
      return { items: r.items.map((i) => presentListItem(i, asOf)), nextCursor: r.nextCursor };
    },
  );

  app.get(
    '/api/cases/summary',
    {
      schema: {
        tags,
        summary: '待办概况 My to-do counts by colour, overdue, due this week, supervision',
        response: {
          200: z.object({
            open: z.number().int(),
            green: z.number().int(),
            yellow: z.number().int(),
            red: z.number().int(),
            dueThisWeek: z.number().int(),
            supervisionOpen: z.number().int(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      if (!can(ctx.actor, 'case.read')) throw new AppError('FORBIDDEN');
      const asOf = today();
      const roots = workRoots(ctx.actor);
      // "Mine" is what my units own, not everything I may read.
      const mine = sql.join(
        roots.map((r) => sql`cases.owner_path <@ ${r}::ltree`),
        sql` or `,
      );
      const row = await sql<{ open: number; red: number; yellow: number; week: number }>`
        select count(*)::int as open,
               count(*) filter (where due_on < ${asOf}::date)::int as red,
               count(*) filter (where due_on >= ${asOf}::date and due_on - ${asOf}::date <= greatest(3, 0.2 * coalesce(due_period, 0)))::int as yellow,
               count(*) filter (where due_on >= ${asOf}::date and due_on <= ${asOf}::date + 7)::int as week
          from cases
         where is_open and (${mine}) and ${caseScope(ctx.actor)}`.execute(ctx.db);
      const sup = await sql<{ n: number }>`
        select count(*)::int as n from supervision_orders o join org_units u on u.id = o.target_unit_id
         where o.status = 'open' and (${sql.join(
           roots.map((r) => sql`u.path <@ ${r}::ltree`),
           sql` or `,
         )})`.execute(ctx.db);
      const r = row.rows[0] ?? { open: 0, red: 0, yellow: 0, week: 0 };
      return {
        open: r.open,
        red: r.red,
        yellow: r.yellow,
        green: r.open - r.red - r.yellow,
        dueThisWeek: r.week,
        supervisionOpen: sup.rows[0]?.n ?? 0,
      };
    },
  );

  app.get(
    '/api/cases/history',
    {
      schema: {
        tags,
        summary: '信访人既往事项 Earlier cases of the same person (by ID number or phone)',
        querystring: historyQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                caseNo: z.string(),
                title: z.string(),
                status: z.string(),
                statusLabel: z.object({ zh: z.string(), en: z.string() }),
                receivedAt: z.string(),
                categoryCode: z.string(),
                isTerminated: z.boolean(),
              }),
            ),
            outsideScope: z.number().int(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      if (!can(ctx.actor, 'case.intake') && !can(ctx.actor, 'case.read')) throw new AppError('FORBIDDEN');
      if (!req.query.idNumber && !req.query.phone) {
        throw new AppError('VALIDATION_FAILED', [
          { path: 'querystring.idNumber', message: '请输入身份证号或手机号' },
        ]);
      }
      const fc = fieldCryptoFor(ctx.config);
      const id = req.query.idNumber
        ? (normalizeIdNumber(req.query.idNumber) ?? req.query.idNumber.toUpperCase())
        : undefined;
      const rows = await historyByIdentity(ctx.db, {
        id: id ? fc.blindIndexes(id) : undefined,
        phone: req.query.phone ? fc.blindIndexes(normalizePhone(req.query.phone)) : undefined,
      });
      const visible = new Set(
        rows.length
          ? (
              await ctx.db
                .selectFrom('cases')
                .select('id')
                .where(
                  'id',
                  'in',
                  rows.map((r) => r.id),
                )
                .where(caseScope(ctx.actor))
                .execute()
            ).map((r) => r.id)
          : [],
      );
      const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
      const items = unique.filter((r) => visible.has(r.id));
      return {
        items: items.map((r) => ({
          id: r.id,
          caseNo: r.case_no,
          title: r.title,
          status: r.status,
          statusLabel: STATUS_LABELS[r.status as keyof typeof STATUS_LABELS],
          receivedAt: r.received_at.toISOString(),
          categoryCode: r.category_code,
          isTerminated: r.status === 'terminated' || !!r.fingerprint,
        })),
        // Confidential matters are never counted: their existence is itself protected.
        outsideScope: unique.filter((r) => !visible.has(r.id) && !r.is_confidential).length,
      };
    },
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: '事项详情 Case detail with abilities',
        params: caseIdParams,
        response: { 200: caseDetail, ...errorResponses },
      },
    },
    async (req) => detail(req, req.params.id),
  );

  app.get(
    '/api/cases/:id/approvers',
    {
      schema: {
        tags,
        summary:
          '可选批准人/包案领导 Leaders who may approve an extension or take the case as package leader',
        params: caseIdParams,
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.uuid(), displayName: z.string(), unitName: z.string() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const c = await findCaseInScope(ctx.db, ctx.actor, req.params.id);
      if (!c) throw new AppError('NOT_FOUND');
      // Leaders whose area contains the handling unit: the people who can approve for it.
      const rows = await sql<{ id: string; display_name: string; unit_name: string }>`
        select distinct u.id, u.display_name, ou.name as unit_name
          from user_roles r join users u on u.id = r.user_id join org_units ou on ou.id = r.unit_id
         where r.role = 'leader' and u.is_active and ${c.owner_path}::ltree <@ ou.path
         order by ou.name, u.display_name limit 100`.execute(ctx.db);
      return {
        items: rows.rows.map((r) => ({ id: r.id, displayName: r.display_name, unitName: r.unit_name })),
      };
    },
  );

  app.get(
    '/api/cases/:id/events',
    {
      schema: {
        tags,
        summary: '办理记录 The case record (audit events, hash-chained)',
        params: caseIdParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                seq: z.number().int(),
                type: z.string(),
                at: z.string(),
                actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
                unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
                fromStatus: z.string().nullable(),
                toStatus: z.string().nullable(),
                payload: z.unknown(),
                hash: z.string(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const c = await findCaseInScope(ctx.db, ctx.actor, req.params.id);
      if (!c) throw new AppError('NOT_FOUND');
      const events = await loadEvents(ctx.db, c.id);
      const userIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x))];
      const unitIds = [...new Set(events.map((e) => e.actorUnitId).filter((x): x is string => !!x))];
      const [users, units] = await Promise.all([
        userIds.length
          ? ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()
          : [],
        unitIds.length
          ? ctx.db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', unitIds).execute()
          : [],
      ]);
      return {
        items: events.map((e) => {
          const u = users.find((x) => x.id === e.actorId);
          const un = units.find((x) => x.id === e.actorUnitId);
          return {
            seq: e.seq,
            type: e.type,
            at: e.at.toISOString(),
            actor: u ? { id: u.id, name: u.display_name } : null,
            unit: un ? { id: un.id, name: un.name } : null,
            fromStatus: e.fromStatus,
            toStatus: e.toStatus,
            payload: e.payload,
            hash: e.hash,
          };
        }),
      };
    },
  );

  /**
   * Routing many cases at once (批量交办/转送) from the queue: each case goes through its own
   * command in its own transaction, exactly as if sent alone, and the answer says per case whether it
   * went through and, if not, why. One refused case never holds the others back.
   */
  const BULK_COMMANDS = ['assign', 'transfer'] as const;
  for (const name of BULK_COMMANDS) {
    const { version: _version, ...rest } = (COMMAND_BODIES[name] as z.ZodObject<z.ZodRawShape>).shape;
    const commandOf = COMMAND_USE_CASES[name];
    if (!commandOf) throw new Error(`no use case for command ${name}`);
    app.post(
      `/api/cases/bulk/${kebab(name)}`,
      {
        schema: {
          tags: ['case commands'],
          summary: `批量${COMMANDS[name].labelZh} Bulk ${COMMANDS[name].labelEn.toLowerCase()}`,
          body: z.object({
            items: z
              .array(z.object({ id: z.uuid(), version: z.number().int().min(1) }))
              .min(1)
              .max(100)
              .refine((xs) => new Set(xs.map((x) => x.id)).size === xs.length, '同一事项不能重复选择'),
            ...rest,
          }),
          response: {
            200: z.object({
              results: z.array(
                z.object({
                  id: z.uuid(),
                  ok: z.boolean(),
                  caseNo: z.string().nullable(),
                  status: z.string().nullable(),
                  error: z.object({ code: z.string(), message: z.string() }).nullable(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        const { items, ...payload } = req.body as { items: { id: string; version: number }[] };
        const lang = requestLang(req);
        const results = [];
        for (const item of items) {
          try {
            await runCommand(ctx, item.id, commandOf(ctx.actor, { ...payload, version: item.version }));
            const after = await ctx.db
              .selectFrom('cases')
              .select(['case_no', 'status'])
              .where('id', '=', item.id)
              .executeTakeFirstOrThrow();
            results.push({ id: item.id, ok: true, caseNo: after.case_no, status: after.status, error: null });
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            results.push({
              id: item.id,
              ok: false,
              caseNo: null,
              status: null,
              error: { code: err.code, message: err.messages?.[lang] ?? errorMessage(err.code, lang) },
            });
          }
        }
        return { results };
      },
    );
  }

  for (const name of COMMAND_NAMES) {
    const spec = COMMANDS[name];
    const useCase = COMMAND_USE_CASES[name];
    if (!useCase) throw new Error(`no use case for command ${name}`);
    app.post(
      `/api/cases/:id/${kebab(name)}`,
      {
        schema: {
          tags: ['case commands'],
          summary: `${spec.labelZh} ${spec.labelEn}`,
          description: `Allowed from: ${spec.from.join(', ')}. Leads to: ${spec.to.join(', ')}. Writes event ${spec.event}.`,
          params: caseIdParams,
          body: COMMAND_BODIES[name],
          response: { 200: caseDetail, ...errorResponses },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        await runCommand(ctx, req.params.id, useCase(ctx.actor, req.body));
        return afterCommand(req, req.params.id);
      },
    );
  }

  for (const [name, body] of Object.entries(ACTION_BODIES)) {
    const useCase = ACTION_USE_CASES[name];
    if (!useCase) throw new Error(`no use case for action ${name}`);
    app.post(
      `/api/cases/:id/${kebab(name)}`,
      {
        schema: {
          tags: ['case commands'],
          summary: ACTION_SUMMARIES[name as keyof typeof ACTION_SUMMARIES],
          params: caseIdParams,
          body,
          response: { 200: caseDetail, ...errorResponses },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        await runCommand(ctx, req.params.id, useCase(ctx.actor, req.body));
        return afterCommand(req, req.params.id);
      },
    );
  }

  const taskParams = z.object({ id: z.uuid(), assignmentId: z.uuid() });
  const taskRoutes = [
    ['report-in', assignmentBodies.reportIn, '报到 Report in', assignments.reportIn],
    ['feedback', assignmentBodies.feedback, '反馈办理结果 Feed back', assignments.submitFeedback],
    ['object', assignmentBodies.object, '对交办提出异议 Object to the summons', assignments.objectAssignment],
    [
      'decide-objection',
      assignmentBodies.decideObjection,
      '处理异议 Decide the objection',
      assignments.decideAssignmentObjection,
    ],
  ] as const;
  for (const [path, body, summary, fn] of taskRoutes) {
    app.post(
      `/api/cases/:id/assignments/:assignmentId/${path}`,
      {
        schema: {
          tags: ['case commands'],
          summary,
          params: taskParams,
          body,
          response: { 200: caseDetail, ...errorResponses },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        const params = req.params as z.infer<typeof taskParams>;
        await (fn as (c: Ctx, id: string, a: string, b: unknown) => Promise<void>)(
          ctx,
          params.id,
          params.assignmentId,
          req.body,
        );
        return detail(req, params.id);
      },
    );
  }

  app.post(
    '/api/cases/:id/supervision/:orderId/reply',
    {
      schema: {
        tags: ['case commands'],
        summary: '督办回复 Reply to a supervision order',
        params: z.object({ id: z.uuid(), orderId: z.uuid() }),
        body: supervisionReplyBody,
        response: { 200: caseDetail, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await assignments.replySupervision(ctx, req.params.id, req.params.orderId, req.body.reply);
      return afterCommand(req, req.params.id);
    },
  );

  app.post(
    '/api/cases/:id/parties/:partyId/unmask',
    {
      schema: {
        tags,
        summary: '查看完整身份信息 Unmask a party’s ID number or phone (reason required, logged)',
        params: z.object({ id: z.uuid(), partyId: z.uuid() }),
        body: unmaskBody,
        response: {
          200: z.object({
            idNumber: z.string().nullable().optional(),
            phone: z.string().nullable().optional(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const c = await findCaseInScope(ctx.db, ctx.actor, req.params.id);
      if (!c) throw new AppError('NOT_FOUND');
      const party = await ctx.db
        .selectFrom('case_parties')
        .selectAll()
        .where('case_id', '=', c.id)
        .where('id', '=', req.params.partyId)
        .executeTakeFirst();
      if (!party) throw new AppError('NOT_FOUND');
      const units = await ctx.db
        .selectFrom('case_units')
        .select('unit_path')
        .where('case_id', '=', c.id)
        .execute();
      const allowed = units.some((u) => can(ctx.actor, 'case.unmask', { unitPath: u.unit_path }));
      await ctx.db
        .insertInto('personal_data_access')
        .values({
          user_id: ctx.actor.userId,
          unit_id: ctx.actor.unitId,
          case_id: c.id,
          party_id: party.id,
          action: allowed ? 'unmask' : 'denied',
          fields: req.body.fields,
          reason: req.body.reason,
          ip: req.ip,
        })
        .execute();
      if (!allowed) throw new AppError('FORBIDDEN');
      const fc = fieldCryptoFor(ctx.config);
      return {
        ...(req.body.fields.includes('idNumber') && {
          idNumber: party.id_number_enc ? fc.decrypt(party.id_number_enc) : null,
        }),
        ...(req.body.fields.includes('phone') && {
          phone: party.phone_enc ? fc.decrypt(party.phone_enc) : null,
        }),
      };
    },
  );
}

const ACTION_SUMMARIES = {
  extend: '延期 Extend the handling period (≤30 days, leader approval)',
  whistle: '吹哨 Summon departments (lead and co-handlers with tasks)',
  attachLeader: '领导包案 Attach a leader with the four fixes',
  reportProgress: '报告进展 Report progress',
  confirmReceipt: '签收 Petitioner confirms receipt',
  supervise: '督办 Raise a supervision order',
} as const;

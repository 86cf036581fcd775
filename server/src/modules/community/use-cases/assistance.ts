import { sql } from 'kysely';
import type { Conn } from '../../../db/database.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import type { Actor } from '../../../policy/actor.js';
import { can, scopeFilter } from '../../../policy/policy.js';
import { recordAdminEvent } from '../../audit/admin-events.js';
import { today } from '../../cases/case-clock.js';
import { caseScope } from '../../cases/cases.policy.js';
import { findCaseInScope } from '../../cases/cases.repository.js';
import { findUnitPath } from '../community.repository.js';
import type { AssistanceCreate, AssistanceReview, AssistanceView } from '../community.schemas.js';

/**
 * 帮扶救助 (S10). A record is visible to holders of assistance.read over the family's unit
 * (workstation, town and district petition offices, leaders) or over its responsible unit (the
 * department brought in, e.g. 民政局); to nobody else: out of reach answers 404. It is changed by
 * holders of assistance.manage over the family's unit. Every change writes an admin event.
 */
function visible(actor: Actor) {
  return sql<boolean>`(${scopeFilter(actor, 'assistance.read', 'r.unit_path')} or exists (
    select 1 from org_units ru where ru.id = r.responsible_unit_id
       and ${scopeFilter(actor, 'assistance.read', 'ru.path')}))`;
}

function baseQuery(conn: Conn, actor: Actor) {
  return conn
    .selectFrom('assistance_records as r')
    .innerJoin('org_units as u', 'u.id', 'r.unit_id')
    .leftJoin('org_units as ru', 'ru.id', 'r.responsible_unit_id')
    .select([
      'r.id',
      'r.unit_id',
      'u.name as unit_name',
      'r.unit_path',
      'r.household',
      'r.situation',
      'r.hardships',
      'r.measures',
      'r.responsible_unit_id',
      'ru.name as responsible_name',
      sql<string>`to_char(r.review_on, 'YYYY-MM-DD')`.as('review_on'),
      'r.status',
    ])
    .where(visible(actor));
}

async function present(ctx: Ctx, rows: Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>) {
  const { db, actor } = ctx;
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await db
        .selectFrom('assistance_case_links as l')
        .innerJoin('cases', 'cases.id', 'l.case_id')
        .select([
          'l.record_id',
          'cases.id',
          'cases.case_no',
          'cases.title',
          sql<boolean>`${caseScope(actor)}`.as('readable'),
        ])
        .where('l.record_id', 'in', ids)
        .orderBy('l.linked_at')
        .execute()
    : [];
  const asOf = today();
  return rows.map(
    (r): AssistanceView => ({
      id: r.id,
      unit: { id: r.unit_id, name: r.unit_name },
      household: r.household,
      situation: r.situation,
      hardships: r.hardships as AssistanceView['hardships'],
      measures: r.measures,
      responsibleUnit:
        r.responsible_unit_id && r.responsible_name
          ? { id: r.responsible_unit_id, name: r.responsible_name }
          : null,
      reviewOn: r.review_on,
      isReviewDue: r.status === 'active' && r.review_on <= asOf,
      status: r.status as 'active' | 'closed',
      cases: links
        .filter((l) => l.record_id === r.id && l.readable)
        .map((l) => ({ id: l.id, caseNo: l.case_no, title: l.title })),
      hiddenCases: links.filter((l) => l.record_id === r.id && !l.readable).length,
      canManage: can(actor, 'assistance.manage', { unitPath: r.unit_path }),
    }),
  );
}

export async function listAssistance(ctx: Ctx, q: { due?: boolean | undefined }) {
  if (!can(ctx.actor, 'assistance.read')) throw new AppError('FORBIDDEN');
  let s = baseQuery(ctx.db, ctx.actor).orderBy('r.review_on').limit(200);
  if (q.due) s = s.where('r.status', '=', 'active').where('r.review_on', '<=', today());
  return { items: await present(ctx, await s.execute()) };
}

export async function getAssistance(ctx: Ctx, id: string): Promise<AssistanceView> {
  if (!can(ctx.actor, 'assistance.read')) throw new AppError('NOT_FOUND');
  const row = await baseQuery(ctx.db, ctx.actor).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const [v] = await present(ctx, [row]);
  if (!v) throw new AppError('NOT_FOUND');
  return v;
}

async function checkResponsible(conn: Conn, id: string | undefined) {
  if (!id) return;
  const u = await findUnitPath(conn, id);
  if (!u)
    throw new AppError('VALIDATION_FAILED', [{ path: 'body.responsibleUnitId', message: '单位不存在' }]);
}

async function linkCase(ctx: Ctx, conn: Conn, recordId: string, caseId: string, path: string) {
  const c = await findCaseInScope(conn, ctx.actor, caseId);
  if (!c) throw new AppError('VALIDATION_FAILED', [{ path, message: '事项不存在或您无权查看' }]);
  await conn
    .insertInto('assistance_case_links')
    .values({ record_id: recordId, case_id: caseId, linked_by: ctx.actor.userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function createAssistance(ctx: Ctx, b: AssistanceCreate): Promise<{ id: string }> {
  const { db, actor } = ctx;
  const unit = await findUnitPath(db, b.unitId);
  if (!unit || !can(actor, 'assistance.manage', { unitPath: unit.path })) {
    throw new AppError(unit && can(actor, 'org.read', { unitPath: unit.path }) ? 'FORBIDDEN' : 'NOT_FOUND');
  }
  return db.transaction().execute(async (trx) => {
    await checkResponsible(trx, b.responsibleUnitId);
    const row = await trx
      .insertInto('assistance_records')
      .values({
        unit_id: unit.id,
        unit_path: unit.path,
        household: b.household,
        situation: b.situation,
        hardships: b.hardships,
        measures: b.measures ?? null,
        responsible_unit_id: b.responsibleUnitId ?? null,
        review_on: b.reviewOn,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, caseId] of b.caseIds.entries())
      await linkCase(ctx, trx, row.id, caseId, `body.caseIds.${i}`);
    await recordAdminEvent(trx, {
      actor,
      type: 'assistance.created',
      entityType: 'assistance',
      entityId: row.id,
      payload: { hardships: b.hardships, cases: b.caseIds.length },
      requestId: ctx.requestId,
    });
    return { id: row.id };
  });
}

/** Loads a record the actor manages, locked; readable but not manageable → 403, else 404. */
async function lockManaged(ctx: Ctx, conn: Conn, id: string) {
  const row = await conn
    .selectFrom('assistance_records as r')
    .select(['r.id', 'r.unit_path'])
    .where('r.id', '=', id)
    .where(visible(ctx.actor))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (!can(ctx.actor, 'assistance.manage', { unitPath: row.unit_path })) throw new AppError('FORBIDDEN');
  return row;
}

export async function reviewAssistance(ctx: Ctx, id: string, b: AssistanceReview): Promise<AssistanceView> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockManaged(ctx, trx, id);
    await checkResponsible(trx, b.responsibleUnitId);
    await trx
      .updateTable('assistance_records')
      .set({
        ...(b.measures !== undefined ? { measures: b.measures } : {}),
        ...(b.reviewOn ? { review_on: b.reviewOn } : {}),
        ...(b.status ? { status: b.status } : {}),
        ...(b.responsibleUnitId ? { responsible_unit_id: b.responsibleUnitId } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: 'assistance.reviewed',
      entityType: 'assistance',
      entityId: id,
      payload: { reviewOn: b.reviewOn ?? null, status: b.status ?? null },
      requestId: ctx.requestId,
    });
  });
  return getAssistance(ctx, id);
}

export async function linkAssistanceCase(ctx: Ctx, id: string, caseId: string): Promise<AssistanceView> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockManaged(ctx, trx, id);
    await linkCase(ctx, trx, id, caseId, 'body.caseId');
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: 'assistance.case_linked',
      entityType: 'assistance',
      entityId: id,
      payload: { caseId },
      requestId: ctx.requestId,
    });
  });
  return getAssistance(ctx, id);
}

import type { z } from 'zod';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { scopeRoots } from '../../../policy/policy.js';
import { recordAdminEvent } from '../../audit/admin-events.js';
import { findUnit, sameDistrict } from '../../cases/cases.repository.js';
import { canAdministerRoster } from '../mechanisms.policy.js';
import { presentRoster } from '../mechanisms.presenter.js';
import { rosterOfDistrict, rosterQuery, sittingsOf } from '../mechanisms.repository.js';
import type { rosterInput, rosterPatch } from '../mechanisms.schemas.js';

/**
 * Rosters are read by whoever picks from them (case workers choosing mediators, panellists and
 * experts from the whole district: 本镇, 市级专家库, 外镇) and by the district's administrators.
 */
function districtsOf(ctx: Ctx): string[] {
  const roots = [...scopeRoots(ctx.actor, 'case.handle'), ...scopeRoots(ctx.actor, 'org.manage')];
  return [...new Set(roots.map((p) => p.split('.')[0] as string))];
}

export async function listRoster(
  ctx: Ctx,
  q: { kind?: string | undefined; activeOnly?: boolean | undefined },
) {
  const districts = districtsOf(ctx);
  if (!districts.length) throw new AppError('FORBIDDEN');
  const items = [];
  for (const d of districts) {
    const rows = await rosterOfDistrict(ctx.db, d, q.kind);
    items.push(...rows.filter((r) => !q.activeOnly || r.is_active).map(presentRoster));
  }
  return { items };
}

async function checkUnits(
  ctx: Ctx,
  ownerUnitId: string,
  workUnitId: string | null | undefined,
  userId?: string | null,
) {
  const owner = await findUnit(ctx.db, ownerUnitId);
  if (!owner || !canAdministerRoster(ctx.actor, owner.path)) throw new AppError('NOT_FOUND');
  if (owner.kind !== 'district' && owner.kind !== 'town') {
    throw new AppError('VALIDATION_FAILED', [
      { path: 'body.ownerUnitId', message: '名库应属于区或乡镇街道' },
    ]);
  }
  if (workUnitId) {
    const w = await findUnit(ctx.db, workUnitId);
    if (!w || !sameDistrict(w.path, owner.path)) {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.workUnitId', message: '单位不存在或不在本区' }]);
    }
  }
  if (userId) {
    const u = await ctx.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!u) throw new AppError('VALIDATION_FAILED', [{ path: 'body.userId', message: '用户不存在' }]);
  }
  return owner;
}

export async function createRosterEntry(ctx: Ctx, b: z.infer<typeof rosterInput>) {
  const owner = await checkUnits(ctx, b.ownerUnitId, b.workUnitId, b.userId);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('mechanism_roster')
      .values({
        kind: b.kind,
        name: b.name,
        user_id: b.userId ?? null,
        identity: b.identity,
        expertise: b.expertise,
        level: b.level,
        work_unit: b.workUnit,
        work_unit_id: b.workUnitId ?? null,
        owner_unit_id: owner.id,
        owner_path: owner.path,
        is_active: b.isActive,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: 'mechanism_roster.created',
      entityType: 'mechanism_roster',
      entityId: row.id,
      payload: { kind: b.kind, level: b.level, ownerUnitId: owner.id },
      requestId: ctx.requestId,
    });
    return presentRoster(await rosterQuery(trx).where('r.id', '=', row.id).executeTakeFirstOrThrow());
  });
}

export async function updateRosterEntry(ctx: Ctx, id: string, b: z.infer<typeof rosterPatch>) {
  const current = await rosterQuery(ctx.db).where('r.id', '=', id).executeTakeFirst();
  if (!current || !canAdministerRoster(ctx.actor, current.owner_path)) throw new AppError('NOT_FOUND');
  const owner = await checkUnits(ctx, b.ownerUnitId ?? current.owner_unit_id, b.workUnitId, b.userId);
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('mechanism_roster')
      .set({
        ...(b.name !== undefined && { name: b.name }),
        ...(b.userId !== undefined && { user_id: b.userId }),
        ...(b.identity !== undefined && { identity: b.identity }),
        ...(b.expertise !== undefined && { expertise: b.expertise }),
        ...(b.level !== undefined && { level: b.level }),
        ...(b.workUnit !== undefined && { work_unit: b.workUnit }),
        ...(b.workUnitId !== undefined && { work_unit_id: b.workUnitId }),
        ...(b.isActive !== undefined && { is_active: b.isActive }),
        owner_unit_id: owner.id,
        owner_path: owner.path,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: 'mechanism_roster.updated',
      entityType: 'mechanism_roster',
      entityId: id,
      payload: { fields: Object.keys(b) },
      requestId: ctx.requestId,
    });
    return presentRoster(await rosterQuery(trx).where('r.id', '=', id).executeTakeFirstOrThrow());
  });
}

/**
 * Who sat on what: the records a roster entry was on. Case numbers and kinds only, no petition
 * content; confidential cases are left out.
 */
export async function listSittings(ctx: Ctx, id: string) {
  const entry = await rosterQuery(ctx.db).where('r.id', '=', id).executeTakeFirst();
  if (!entry || !districtsOf(ctx).includes(entry.owner_path.split('.')[0] as string)) {
    throw new AppError('NOT_FOUND');
  }
  const rows = await sittingsOf(ctx.db, id);
  return {
    items: rows
      .filter((r) => !r.is_confidential)
      .map((r) => ({
        caseId: r.case_id,
        caseNo: r.case_no,
        mechanismId: r.mechanism_id,
        kind: r.kind,
        role: r.role,
        status: r.status,
        since: r.added_at instanceof Date ? r.added_at.toISOString() : String(r.added_at),
        hasOpinion: !!r.opinion,
      })),
  };
}

import { ALLOWED_PARENT_KINDS, type UnitKind } from '../../../../../common/src/roles.js';
import type { Conn } from '../../../db/database.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { authorize, can } from '../../../policy/policy.js';
import { recordAdminEvent } from '../../audit/admin-events.js';
import { invalidateProfiles } from '../../cases/case-clock.js';
import { findUnitForUpdate, findUnitInScope, hasActiveChildren, pathLabel } from '../org.repository.js';

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/** Loads a unit the actor may manage, or 404 if it is outside what they can even see. */
async function unitToManage(ctx: Ctx, conn: Conn, id: string) {
  const visible = await findUnitInScope(conn, ctx.actor, id);
  if (!visible) throw new AppError('NOT_FOUND');
  authorize(ctx.actor, 'org.manage', { unitPath: visible.path }, true);
  const locked = await findUnitForUpdate(conn, id);
  if (!locked) throw new AppError('NOT_FOUND');
  return locked;
}

export async function createUnit(
  ctx: Ctx,
  input: {
    parentId: string;
    kind: UnitKind;
    name: string;
    shortName?: string | undefined;
    divisionCode?: string | undefined;
    sortOrder?: number | undefined;
  },
): Promise<string> {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const parent = await unitToManage(ctx, trx, input.parentId);
      if (!ALLOWED_PARENT_KINDS[input.kind].includes(parent.kind as UnitKind))
        throw new AppError('INVALID_PARENT_UNIT');
      const id = crypto.randomUUID();
      await trx
        .insertInto('org_units')
        .values({
          id,
          parent_id: parent.id,
          path: `${parent.path}.${pathLabel(id)}`,
          depth: parent.depth + 1,
          kind: input.kind,
          name: input.name,
          short_name: input.shortName ?? null,
          division_code: input.divisionCode ?? null,
          sort_order: input.sortOrder ?? 0,
        })
        .execute();
      await recordAdminEvent(trx, {
        actor: ctx.actor,
        type: 'org_unit.created',
        entityType: 'org_unit',
        entityId: id,
        payload: { parentId: parent.id, kind: input.kind, name: input.name },
        requestId: ctx.requestId,
      });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('UNIT_CODE_TAKEN');
    throw err;
  }
}

export async function updateUnit(
  ctx: Ctx,
  id: string,
  input: {
    name?: string | undefined;
    shortName?: string | null | undefined;
    divisionCode?: string | null | undefined;
    sortOrder?: number | undefined;
    isActive?: boolean | undefined;
    deadlineProfile?: string | null | undefined;
  },
): Promise<void> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const unit = await unitToManage(ctx, trx, id);
      if (input.isActive === false && unit.is_active && (await hasActiveChildren(trx, id))) {
        throw new AppError('UNIT_HAS_CHILDREN');
      }
      const changes = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.shortName !== undefined && { short_name: input.shortName }),
        ...(input.divisionCode !== undefined && { division_code: input.divisionCode }),
        ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
        ...(input.isActive !== undefined && { is_active: input.isActive }),
        ...(input.deadlineProfile !== undefined && { deadline_profile: input.deadlineProfile }),
      };
      if (Object.keys(changes).length === 0) return;
      await trx
        .updateTable('org_units')
        .set({ ...changes, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      if (input.deadlineProfile !== undefined) invalidateProfiles();
      await recordAdminEvent(trx, {
        actor: ctx.actor,
        type: 'org_unit.updated',
        entityType: 'org_unit',
        entityId: id,
        payload: { changes: input },
        requestId: ctx.requestId,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('UNIT_CODE_TAKEN');
    throw err;
  }
}

export async function setWorkstation(
  ctx: Ctx,
  unitId: string,
  input: {
    name: string;
    publicPhone: string;
    address: string;
    openingHours: string;
    latitude?: number | null | undefined;
    longitude?: number | null | undefined;
    isPublished: boolean;
  },
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const unit = await unitToManage(ctx, trx, unitId);
    if (unit.kind !== 'community') throw new AppError('WORKSTATION_NOT_ALLOWED');
    const values = {
      name: input.name,
      public_phone: input.publicPhone,
      address: input.address,
      opening_hours: input.openingHours,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      is_published: input.isPublished,
      updated_at: new Date(),
    };
    await trx
      .insertInto('workstations')
      .values({ unit_id: unitId, ...values })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
      .execute();
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: 'workstation.updated',
      entityType: 'workstation',
      entityId: unitId,
      payload: { name: input.name, isPublished: input.isPublished },
      requestId: ctx.requestId,
    });
  });
}

export async function removeWorkstation(ctx: Ctx, unitId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await unitToManage(ctx, trx, unitId);
    const res = await trx.deleteFrom('workstations').where('unit_id', '=', unitId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new AppError('NOT_FOUND');
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: 'workstation.removed',
      entityType: 'workstation',
      entityId: unitId,
      requestId: ctx.requestId,
    });
  });
}

export async function replaceDutyRoster(
  ctx: Ctx,
  unitId: string,
  entries: {
    weekday: number;
    startTime: string;
    endTime: string;
    staffName: string;
    staffTitle?: string | null | undefined;
    userId?: string | null | undefined;
    note?: string | null | undefined;
  }[],
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await unitToManage(ctx, trx, unitId);
    const ws = await trx
      .selectFrom('workstations')
      .select('unit_id')
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    if (!ws) throw new AppError('WORKSTATION_NOT_ALLOWED');
    const userIds = [...new Set(entries.map((e) => e.userId).filter((u): u is string => !!u))];
    if (userIds.length) {
      // Only staff the admin can see may be put on the roster.
      const found = await trx
        .selectFrom('users')
        .innerJoin('org_units', 'org_units.id', 'users.unit_id')
        .select(['users.id', 'org_units.path'])
        .where('users.id', 'in', userIds)
        .execute();
      const visible = found.filter((u) => can(ctx.actor, 'user.read', { unitPath: u.path }));
      if (visible.length !== userIds.length) {
        const missing = entries.findIndex((e) => e.userId && !visible.some((v) => v.id === e.userId));
        throw new AppError('VALIDATION_FAILED', [
          { path: `body.entries.${missing}.userId`, message: '人员不存在' },
        ]);
      }
    }
    await trx.deleteFrom('duty_roster_entries').where('unit_id', '=', unitId).execute();
    if (entries.length) {
      await trx
        .insertInto('duty_roster_entries')
        .values(
          entries.map((e) => ({
            unit_id: unitId,
            weekday: e.weekday,
            start_time: e.startTime,
            end_time: e.endTime,
            staff_name: e.staffName,
            staff_title: e.staffTitle ?? null,
            user_id: e.userId ?? null,
            note: e.note ?? null,
          })),
        )
        .execute();
    }
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: 'duty_roster.replaced',
      entityType: 'workstation',
      entityId: unitId,
      payload: { entries: entries.length },
      requestId: ctx.requestId,
    });
  });
}

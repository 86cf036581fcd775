import type { Conn } from '../../../db/database.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import type { Actor } from '../../../policy/actor.js';
import { isWithin, scopeRoots } from '../../../policy/policy.js';
import { recordAdminEvent } from '../../audit/admin-events.js';
import { authorizeManageGrid } from '../community.policy.js';
import {
  findGridUnitForUpdate,
  replaceMembers,
  upsertGrid,
  usersWithUnits,
} from '../community.repository.js';
import { COURTYARD_MAX_MEMBERS, type GridType, type GridUpdate } from '../community.schemas.js';

type MemberInput = NonNullable<GridUpdate['members']>[number];

/**
 * Checks a roster and fills in names from the accounts: at most one head; a courtyard unit has at
 * most two members besides its head; an account must be active and within the actor's reach
 * (user.read or grid.manage: a workstation may put its own staff and grid workers on a grid).
 */
export async function resolveMembers(conn: Conn, actor: Actor, type: GridType, members: MemberInput[]) {
  const problems: { path: string; message: string }[] = [];
  const heads = members.filter((m) => m.role === 'head').length;
  if (heads > 1) problems.push({ path: 'body.members', message: '每个网格只能有一名网格长（院落长）' });
  if (type === 'courtyard' && members.length - heads > COURTYARD_MAX_MEMBERS)
    problems.push({ path: 'body.members', message: `和美院落除院落长外最多${COURTYARD_MAX_MEMBERS}名成员` });
  const ids = [...new Set(members.flatMap((m) => (m.userId ? [m.userId] : [])))];
  if (ids.length !== members.filter((m) => m.userId).length)
    problems.push({ path: 'body.members', message: '同一人员不能重复加入' });
  const users = new Map((await usersWithUnits(conn, ids)).map((u) => [u.id, u]));
  const roots = [...scopeRoots(actor, 'user.read'), ...scopeRoots(actor, 'grid.manage')];
  const resolved = members.map((m, i) => {
    const u = m.userId ? users.get(m.userId) : undefined;
    if (m.userId && (!u || !roots.some((r) => isWithin(u.path, r))))
      problems.push({ path: `body.members.${i}.userId`, message: '人员不存在或不在本辖区' });
    const name = m.name ?? u?.display_name;
    if (!name) problems.push({ path: `body.members.${i}.name`, message: '请填写姓名' });
    return { role: m.role, userId: m.userId ?? null, name: name ?? '', duty: m.duty ?? null };
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
  return resolved;
}

/** Sets a grid's boundary, size and roster (the whole roster is replaced), with its admin event. */
export async function updateGrid(ctx: Ctx, unitId: string, input: GridUpdate): Promise<void> {
  const { db, actor } = ctx;
  await db.transaction().execute(async (trx) => {
    const unit = await findGridUnitForUpdate(trx, unitId);
    authorizeManageGrid(actor, unit?.kind === 'grid' ? unit : undefined);
    const type = (unit?.grid_type ?? 'grid') as GridType;
    await upsertGrid(trx, unitId, {
      gridType: type,
      boundary: input.boundary,
      households: input.households,
      buildings: input.buildings,
    });
    let memberCount: number | undefined;
    if (input.members) {
      const members = await resolveMembers(trx, actor, type, input.members);
      await replaceMembers(trx, unitId, members);
      memberCount = members.length;
    }
    await recordAdminEvent(trx, {
      actor,
      type: 'grid.updated',
      entityType: 'grid',
      entityId: unitId,
      payload: {
        boundary: input.boundary === undefined ? 'kept' : input.boundary ? 'set' : 'removed',
        ...(memberCount !== undefined ? { members: memberCount } : {}),
      },
      requestId: ctx.requestId,
    });
  });
}

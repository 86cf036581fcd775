import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { recordAdminEvent } from '../../audit/admin-events.js';
import { pathLabel } from '../../org/org.repository.js';
import { authorizeManageGrid } from '../community.policy.js';
import { findGridUnitForUpdate, replaceMembers, upsertGrid } from '../community.repository.js';
import type { CourtyardCreate } from '../community.schemas.js';
import { resolveMembers } from './update-grid.js';

/**
 * 和美院落: a courtyard unit is a small grid inside a grid (an org unit of kind grid under it), with
 * one head and up to two members. Courtyards do not nest.
 */
export async function createCourtyard(
  ctx: Ctx,
  gridId: string,
  input: CourtyardCreate,
): Promise<{ id: string }> {
  const { db, actor } = ctx;
  return db.transaction().execute(async (trx) => {
    const grid = await findGridUnitForUpdate(trx, gridId);
    authorizeManageGrid(actor, grid?.kind === 'grid' ? grid : undefined);
    if (!grid || grid.grid_type === 'courtyard')
      throw new AppError('VALIDATION_FAILED', [{ path: 'params.id', message: '和美院落只能设在网格之下' }]);
    const members = await resolveMembers(trx, actor, 'courtyard', input.members);
    const id = crypto.randomUUID();
    await trx
      .insertInto('org_units')
      .values({
        id,
        parent_id: grid.id,
        path: `${grid.path}.${pathLabel(id)}`,
        depth: grid.depth + 1,
        kind: 'grid',
        name: input.name,
      })
      .execute();
    await upsertGrid(trx, id, {
      gridType: 'courtyard',
      boundary: input.boundary ?? null,
      households: input.households ?? null,
    });
    await replaceMembers(trx, id, members);
    await recordAdminEvent(trx, {
      actor,
      type: 'grid.courtyard_created',
      entityType: 'grid',
      entityId: id,
      payload: { gridId: grid.id, members: members.length },
      requestId: ctx.requestId,
    });
    return { id };
  });
}

import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { canManageGrid } from '../community.policy.js';
import { findUnitPath, listGridUnits, membersOf } from '../community.repository.js';
import type { GridList, GridType, GridView } from '../community.schemas.js';
import type { GridGeometry } from '../geo.js';

/** 网格: the grids and courtyard units the actor can see, with boundaries and rosters. */
export async function listGrids(ctx: Ctx, q: { unitId?: string | undefined }): Promise<GridList> {
  const { db, actor } = ctx;
  let within: string | undefined;
  if (q.unitId) {
    const u = await findUnitPath(db, q.unitId);
    if (!u || !can(actor, 'org.read', { unitPath: u.path })) throw new AppError('NOT_FOUND');
    within = u.path;
  }
  const rows = await listGridUnits(db, actor, within);
  const members = await membersOf(
    db,
    rows.map((r) => r.id),
  );
  const items: GridView[] = rows.map((r) => {
    const type = (r.grid_type ?? 'grid') as GridType;
    return {
      id: r.id,
      name: r.name,
      parentId: r.parent_id,
      communityName:
        r.parent_kind === 'grid'
          ? `${r.grandparent_name ?? ''} ${r.parent_name ?? ''}`.trim()
          : r.parent_name,
      type,
      boundary: (r.boundary as GridGeometry | null) ?? null,
      centre:
        r.centre_lng !== null && r.centre_lat !== null ? { lng: r.centre_lng, lat: r.centre_lat } : null,
      households: r.households,
      buildings: r.buildings,
      members: members
        .filter((m) => m.unit_id === r.id)
        .map((m) => ({
          id: m.id,
          role: m.member_role as 'head' | 'member',
          userId: m.user_id,
          name: m.name,
          duty: m.duty,
        })),
      canManage: canManageGrid(actor, r.path),
    };
  });
  return { items, canManage: can(actor, 'grid.manage') };
}

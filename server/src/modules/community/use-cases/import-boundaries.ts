import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { recordAdminEvent } from '../../audit/admin-events.js';
import { manageableGridUnits, upsertGrid } from '../community.repository.js';
import type { BoundaryImport } from '../community.schemas.js';

/**
 * Imports grid boundaries from a GeoJSON FeatureCollection, all or nothing. Each feature names its
 * grid by `properties.unitId`, or by `properties.community` and `properties.name` (the names the
 * organisation tree shows). Every feature must find exactly one grid the actor manages; otherwise
 * nothing is stored and every unmatched feature is reported.
 */
export async function importBoundaries(ctx: Ctx, input: BoundaryImport): Promise<{ updated: number }> {
  const { db, actor } = ctx;
  if (!can(actor, 'grid.manage')) throw new AppError('FORBIDDEN');
  return db.transaction().execute(async (trx) => {
    const grids = await manageableGridUnits(trx, actor);
    const byId = new Map(grids.map((g) => [g.id, g]));
    const problems: { path: string; message: string }[] = [];
    const seen = new Set<string>();
    const matched = input.features.map((f, i) => {
      const p = f.properties;
      let found: string | undefined;
      if (p.unitId) {
        found = byId.has(p.unitId) ? p.unitId : undefined;
        if (!found)
          problems.push({ path: `body.features.${i}.properties.unitId`, message: '网格不存在或不在本辖区' });
      } else if (p.name) {
        const hits = grids.filter(
          (g) => g.name === p.name && (!p.community || g.parent_name === p.community),
        );
        if (hits.length === 1) found = hits[0]?.id;
        else
          problems.push({
            path: `body.features.${i}.properties.name`,
            message: hits.length
              ? '名称对应多个网格，请同时填写所属社区（community）或网格ID（unitId）'
              : '找不到该名称的网格',
          });
      } else {
        problems.push({ path: `body.features.${i}.properties`, message: '请用 unitId 或 name 指明网格' });
      }
      if (found && seen.has(found))
        problems.push({ path: `body.features.${i}.properties`, message: '同一网格出现了多次' });
      if (found) seen.add(found);
      return found;
    });
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
    for (const [i, f] of input.features.entries()) {
      const unitId = matched[i];
      if (unitId) await upsertGrid(trx, unitId, { boundary: f.geometry });
    }
    await recordAdminEvent(trx, {
      actor,
      type: 'grid.boundaries_imported',
      entityType: 'grid',
      entityId: actor.unitId,
      payload: { grids: [...seen] },
      requestId: ctx.requestId,
    });
    return { updated: seen.size };
  });
}

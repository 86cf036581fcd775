import type { MatterScope } from '../../../../../common/src/community.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { authorizeMap } from '../community.policy.js';
import { findUnitPath, listGridUnits, mapCases, topCategoryNames } from '../community.repository.js';
import { type GridType, MAP_CASE_LIMIT, type MapQuery, type OperationsMap } from '../community.schemas.js';
import { containsPoint, extentOf, type GridGeometry } from '../geo.js';

type Colour = 'red' | 'yellow' | 'green';

/**
 * 挂图作战: the grids with a boundary that the actor can see, and the cases of the actor's case
 * scope placed on them. A case reported with a position lies where it was reported, in the
 * deepest grid (a courtyard before its grid) whose polygon holds it; a case with a grid but no
 * position sits at that grid's centre. A grid's counts include its courtyards' cases; its hot
 * issue is the first-level category with most cases.
 */
export async function getOperationsMap(ctx: Ctx, q: MapQuery): Promise<OperationsMap> {
  const { db, actor } = ctx;
  authorizeMap(actor);
  let within: string | undefined;
  if (q.unitId) {
    const u = await findUnitPath(db, q.unitId);
    if (
      !u ||
      !(can(actor, 'org.read', { unitPath: u.path }) || can(actor, 'case.read', { unitPath: u.path }))
    )
      throw new AppError('NOT_FOUND');
    within = u.path;
  }
  const units = await listGridUnits(db, actor, within);
  const grids = units.flatMap((u) => {
    if (!u.boundary) return [];
    const boundary = u.boundary as GridGeometry;
    return [{ ...u, boundary, extent: extentOf(boundary), depth: u.path.split('.').length }];
  });
  // Deepest first, so a courtyard wins over the grid around it.
  const byDepth = [...grids].sort((a, b) => b.depth - a.depth);
  const byId = new Map(grids.map((g) => [g.id, g]));

  const rows = await mapCases(db, actor, q, MAP_CASE_LIMIT, within);
  const truncated = rows.length > MAP_CASE_LIMIT;
  let unplaced = 0;
  const cases: OperationsMap['cases'] = [];
  for (const r of rows.slice(0, MAP_CASE_LIMIT)) {
    const base = {
      id: r.id,
      caseNo: r.case_no,
      title: r.title,
      riskColour: r.risk_colour as Colour,
      matterScope: r.matter_scope as MatterScope,
      status: r.status,
      categoryCode: r.category_code,
      receivedAt: new Date(r.received_at).toISOString(),
    };
    if (r.longitude !== null && r.latitude !== null) {
      const lng = r.longitude;
      const lat = r.latitude;
      const hit = byDepth.find(
        (g) =>
          lng >= g.extent.minLng &&
          lng <= g.extent.maxLng &&
          lat >= g.extent.minLat &&
          lat <= g.extent.maxLat &&
          containsPoint(g.boundary, lng, lat),
      );
      cases.push({ ...base, gridId: hit?.id ?? null, lng, lat, placed: 'exact' });
      continue;
    }
    const g = r.location_unit_id ? byId.get(r.location_unit_id) : undefined;
    if (g)
      cases.push({ ...base, gridId: g.id, lng: g.extent.centreLng, lat: g.extent.centreLat, placed: 'grid' });
    else unplaced++;
  }

  // Counts per grid, rolled up to the grids around it (a courtyard's case is also its grid's).
  const counts = new Map(grids.map((g) => [g.id, { red: 0, yellow: 0, green: 0, total: 0 }]));
  const cats = new Map<string, Map<string, number>>();
  for (const c of cases) {
    const g = c.gridId ? byId.get(c.gridId) : undefined;
    if (!g) continue;
    for (const a of grids) {
      if (a.id !== g.id && !g.path.startsWith(`${a.path}.`)) continue;
      const n = counts.get(a.id);
      if (n) {
        n[c.riskColour]++;
        n.total++;
      }
      const m = cats.get(a.id) ?? new Map<string, number>();
      const top = c.categoryCode.slice(0, 2);
      m.set(top, (m.get(top) ?? 0) + 1);
      cats.set(a.id, m);
    }
  }
  const hot = new Map<string, { code: string; count: number }>();
  for (const [id, m] of cats) {
    const [code, count] = [...m.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0] ?? [];
    if (code && count) hot.set(id, { code, count });
  }
  const names = new Map<string, string>();
  for (const n of await topCategoryNames(db, [...new Set([...hot.values()].map((h) => h.code))]))
    if (!names.has(n.code)) names.set(n.code, n.name);

  return {
    grids: grids.map((g) => {
      const h = hot.get(g.id);
      return {
        id: g.id,
        name: g.name,
        parentId: g.parent_id,
        communityName:
          g.parent_kind === 'grid'
            ? `${g.grandparent_name ?? ''} ${g.parent_name ?? ''}`.trim()
            : g.parent_name,
        type: (g.grid_type ?? 'grid') as GridType,
        boundary: g.boundary,
        centre: { lng: g.extent.centreLng, lat: g.extent.centreLat },
        counts: counts.get(g.id) ?? { red: 0, yellow: 0, green: 0, total: 0 },
        hotCategory: h ? { code: h.code, name: names.get(h.code) ?? h.code, count: h.count } : null,
      };
    }),
    cases,
    unplaced,
    truncated,
  };
}

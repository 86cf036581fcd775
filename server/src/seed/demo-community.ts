import type { Conn } from '../db/database.js';
import { replaceMembers, upsertGrid } from '../modules/community/community.repository.js';
import type { GridGeometry } from '../modules/community/geo.js';
import { pathLabel } from '../modules/org/org.repository.js';
import { DEMO_UNITS } from './demo-data.js';

/**
 * Plausible grid boundaries for the demo district: each community a slightly irregular block of
 * about 800 m × 900 m around its workstation, cut into its grids as strips from west to east; one
 * 和美院落 in 杏林社区 第一网格. Grid heads are the grid worker (杏林 第一网格) or named residents.
 */
const HALF_W = 0.0045;
const HALF_H = 0.004;
const HEADS = [
  '刘建国',
  '张桂兰',
  '陈志强',
  '杨秀英',
  '黄海涛',
  '周玉梅',
  '吴国平',
  '徐丽华',
  '孙德明',
  '马春燕',
];

type Pt = [number, number];
const lerp = (a: Pt, b: Pt, t: number): Pt => [
  Number((a[0] + (b[0] - a[0]) * t).toFixed(6)),
  Number((a[1] + (b[1] - a[1]) * t).toFixed(6)),
];

/** The grid strips of one community block centred at (lng, lat). */
export function demoGridPolygons(lng: number, lat: number, n: number): GridGeometry[] {
  const sw: Pt = [lng - HALF_W, lat - HALF_H + 0.0004];
  const se: Pt = [lng + HALF_W - 0.0003, lat - HALF_H];
  const ne: Pt = [lng + HALF_W, lat + HALF_H - 0.0002];
  const nw: Pt = [lng - HALF_W + 0.0004, lat + HALF_H];
  return Array.from({ length: n }, (_, i) => {
    const b0 = lerp(sw, se, i / n);
    const b1 = lerp(sw, se, (i + 1) / n);
    const t0 = lerp(nw, ne, i / n);
    const t1 = lerp(nw, ne, (i + 1) / n);
    return { type: 'Polygon', coordinates: [[b0, b1, t1, t0, b0]] };
  });
}

export async function seedCommunityDemo(
  trx: Conn,
  unitIds: Map<string, string>,
  userIds: Map<string, string>,
): Promise<void> {
  let h = 0;
  for (const c of DEMO_UNITS.filter((u) => u.workstation)) {
    const grids = DEMO_UNITS.filter((u) => u.parent === c.key && u.kind === 'grid');
    const ws = c.workstation;
    if (!ws) continue;
    const polygons = demoGridPolygons(ws.lng, ws.lat, grids.length);
    for (const [i, g] of grids.entries()) {
      const id = unitIds.get(g.key);
      const boundary = polygons[i];
      if (!id || !boundary) continue;
      await upsertGrid(trx, id, {
        gridType: 'grid',
        boundary,
        households: 180 + 40 * i,
        buildings: 6 + 2 * i,
      });
      const grid1 = g.key === 'xl_g1' ? userIds.get('xl_grid1') : undefined;
      await replaceMembers(trx, id, [
        grid1
          ? { role: 'head', userId: grid1, name: '孙刚（杏林社区第一网格）', duty: '专职网格员' }
          : { role: 'head', userId: null, name: HEADS[h++ % HEADS.length] ?? '网格长', duty: '网格长' },
        { role: 'member', userId: null, name: `${g.name}楼栋长`, duty: '楼栋长' },
        { role: 'member', userId: null, name: `${g.name}党员中心户`, duty: '党员中心户' },
      ]);
    }
  }
  // Visit plan (定时走访): the grid worker of 杏林社区 第一网格 visits its households twice a week.
  const worker = userIds.get('xl_grid1');
  const xlG1 = unitIds.get('xl_g1');
  if (worker && xlG1) {
    await trx
      .insertInto('visit_plans')
      .values({ unit_id: xlG1, cadre_user_id: worker, times_per_week: 2, note: '每周至少两次入户走访' })
      .execute();
  }
  // 和美院落: 杏林社区 第一网格 3号院, one head and two members.
  const gridId = unitIds.get('xl_g1');
  const grid = DEMO_UNITS.find((u) => u.key === 'xl');
  if (!gridId || !grid?.workstation) return;
  const parent = await trx
    .selectFrom('org_units')
    .select(['path', 'depth'])
    .where('id', '=', gridId)
    .executeTakeFirstOrThrow();
  const id = crypto.randomUUID();
  await trx
    .insertInto('org_units')
    .values({
      id,
      parent_id: gridId,
      path: `${parent.path}.${pathLabel(id)}`,
      depth: parent.depth + 1,
      kind: 'grid',
      name: '3号院（和美院落）',
    })
    .execute();
  const x = grid.workstation.lng - HALF_W + 0.0008;
  const y = grid.workstation.lat - 0.001;
  const yard: GridGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + 0.0012, y],
        [x + 0.0012, y + 0.0009],
        [x, y + 0.0009],
        [x, y],
      ],
    ],
  };
  await upsertGrid(trx, id, { gridType: 'courtyard', boundary: yard, households: 36, buildings: 2 });
  await replaceMembers(trx, id, [
    { role: 'head', userId: null, name: '老周', duty: '院落长' },
    { role: 'member', userId: null, name: '钱阿姨', duty: '院落成员' },
    { role: 'member', userId: null, name: '小赵', duty: '院落成员' },
  ]);
}

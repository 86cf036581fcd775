import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../test/factories.js';
import { testDb } from '../../test/story-helpers.js';

const square = (x: number, y: number, s: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ],
});

async function setUp() {
  const d = await makeDistrict();
  const gridA2 = await makeUnit(d.communityA1, 'grid', '第二网格');
  const communityB1 = await makeUnit(d.townB, 'community', '乙一村');
  const gridB1 = await makeUnit(communityB1, 'grid', '第一网格');
  return { ...d, gridA2, communityB1, gridB1 };
}

describe('grids', () => {
  it('imports boundaries by community and grid name, all or nothing, within the importer’s jurisdiction', async () => {
    const d = await setUp();
    const clerkA = await signInAs(d.clerkA);
    // 第一网格 exists in both towns; the clerk of town A reaches only A's, so the name is enough.
    const bad = await clerkA.post('/api/community/grids/import', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { community: '甲一村', name: '第一网格' },
          geometry: square(116, 39, 0.01),
        },
        { type: 'Feature', properties: { unitId: d.gridB1.id }, geometry: square(116.1, 39, 0.01) },
      ],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('features.1.properties.unitId');
    expect(
      (await clerkA.get('/api/community/grids')).body.items.every((g: { boundary: unknown }) => !g.boundary),
    ).toBe(true);

    const ok = await clerkA.post('/api/community/grids/import', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { community: '甲一村', name: '第一网格' },
          geometry: square(116, 39, 0.01),
        },
        { type: 'Feature', properties: { unitId: d.gridA2.id }, geometry: square(116.01, 39, 0.01) },
      ],
    });
    expect((await expectOk(ok)).updated).toBe(2);
    const list = (await clerkA.get('/api/community/grids')).body.items as {
      id: string;
      communityName: string;
      centre: { lng: number; lat: number } | null;
    }[];
    expect(list.map((g) => g.id).sort()).toEqual([d.gridA1.id, d.gridA2.id].sort());
    expect(list.find((g) => g.id === d.gridA1.id)?.centre?.lng).toBeCloseTo(116.005);
    expect(list[0]?.communityName).toBe('甲一村');

    // An unclosed ring never reaches the database.
    const open = await clerkA.post('/api/community/grids/import', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { unitId: d.gridA1.id },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [116, 39],
                [116.1, 39],
                [116.1, 39.1],
                [116, 39.2],
              ],
            ],
          },
        },
      ],
    });
    expect(open.status).toBe(400);
    const events = await (await testDb())
      .selectFrom('admin_events')
      .select('type')
      .where('type', '=', 'grid.boundaries_imported')
      .where('actor_id', '=', d.clerkA.id)
      .execute();
    expect(events).toHaveLength(1);
  }, 120_000);

  it('sets one grid head and members; courtyard units hold a head and two members; others are refused', async () => {
    const d = await setUp();
    const clerkA = await signInAs(d.clerkA);
    const url = `/api/community/grids/${d.gridA1.id}`;
    const twoHeads = await clerkA.put(url, {
      members: [
        { role: 'head', userId: d.gridWorker.id },
        { role: 'head', name: '李大姐' },
      ],
    });
    expect(twoHeads.status).toBe(400);
    await expectOk(
      await clerkA.put(url, {
        households: 320,
        members: [
          { role: 'head', userId: d.gridWorker.id, duty: '专职网格员' },
          { role: 'member', name: '李大姐', duty: '楼栋长' },
          { role: 'member', name: '王师傅', duty: '党员中心户' },
        ],
      }),
      204,
    );
    // A user of the other town is not within reach.
    const foreign = await makeUser(d.townB, []);
    expect((await clerkA.put(url, { members: [{ role: 'member', userId: foreign.id }] })).status).toBe(400);

    const tooBig = await clerkA.post(`${url}/courtyards`, {
      name: '3号院',
      members: [
        { role: 'head', name: '院落长' },
        { role: 'member', name: '甲' },
        { role: 'member', name: '乙' },
        { role: 'member', name: '丙' },
      ],
    });
    expect(tooBig.status).toBe(400);
    const yard = await expectOk(
      await clerkA.post(`${url}/courtyards`, {
        name: '3号院',
        boundary: square(116.001, 39.001, 0.002),
        members: [
          { role: 'head', name: '院落长老张' },
          { role: 'member', name: '甲' },
          { role: 'member', name: '乙' },
        ],
      }),
      201,
    );

    // The grid worker sees the own grid, its roster and its courtyard, and may not change them.
    const worker = await signInAs(d.gridWorker);
    const mine = (await worker.get('/api/community/grids')).body;
    expect(mine.canManage).toBe(false);
    const g1 = mine.items.find((g: { id: string }) => g.id === d.gridA1.id);
    expect(g1.households).toBe(320);
    expect(g1.members.map((m: { role: string; name: string }) => `${m.role}:${m.name}`)).toEqual([
      expect.stringMatching(/^head:测试用户/),
      'member:李大姐',
      'member:王师傅',
    ]);
    const y = mine.items.find((g: { id: string }) => g.id === yard.id);
    expect(y.type).toBe('courtyard');
    expect(y.members).toHaveLength(3);
    expect(mine.items.some((g: { id: string }) => g.id === d.gridA2.id)).toBe(false);
    expect((await worker.put(url, { households: 1 })).status).toBe(403);

    // Another town's clerk: the grid does not exist for them.
    const clerkB = await signInAs(d.clerkB);
    expect((await clerkB.put(url, { households: 1 })).status).toBe(404);
    expect((await clerkB.post(`${url}/courtyards`, { name: 'x' })).status).toBe(404);
  }, 120_000);
});

describe('operations map', () => {
  it('places the cases in the right grids by position or grid, coloured, filtered and scoped', async () => {
    const d = await setUp();
    const clerkA = await signInAs(d.clerkA);
    await expectOk(
      await clerkA.post('/api/community/grids/import', {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { unitId: d.gridA1.id }, geometry: square(116, 39, 0.01) },
          { type: 'Feature', properties: { unitId: d.gridA2.id }, geometry: square(116.01, 39, 0.01) },
        ],
      }),
    );
    const yard = await expectOk(
      await clerkA.post(`/api/community/grids/${d.gridA1.id}/courtyards`, {
        name: '1号院',
        boundary: square(116.001, 39.001, 0.002),
      }),
      201,
    );
    const reg = async (over: Record<string, unknown>) =>
      (await expectOk(await clerkA.post('/api/cases', intake(over)), 201)).id as string;
    const red = await reg({
      riskColour: 'red',
      riskReason: '群体聚集苗头',
      longitude: 116.005,
      latitude: 39.008,
    });
    const inYard = await reg({ longitude: 116.002, latitude: 39.002, categoryCode: '0302' });
    const byGrid = await reg({ riskColour: 'yellow', riskReason: '多次来访', locationUnitId: d.gridA2.id });
    const nowhere = await reg({});
    const outside = await reg({ longitude: 117, latitude: 40 });

    const map = (await clerkA.get('/api/community/map')).body;
    const at = (id: string) => map.cases.find((c: { id: string }) => c.id === id);
    expect(at(red)).toMatchObject({ gridId: d.gridA1.id, riskColour: 'red', placed: 'exact' });
    expect(at(inYard)).toMatchObject({ gridId: yard.id as string });
    expect(at(byGrid)).toMatchObject({ gridId: d.gridA2.id, placed: 'grid' });
    expect(at(byGrid).lng).toBeCloseTo(116.015, 9);
    expect(at(byGrid).lat).toBeCloseTo(39.005, 9);
    expect(at(outside)).toMatchObject({ gridId: null });
    expect(at(nowhere)).toBeUndefined();
    expect(map.unplaced).toBeGreaterThanOrEqual(1);
    const grid = (id: string) => map.grids.find((g: { id: string }) => g.id === id);
    // The grid counts its courtyard's case too.
    expect(grid(d.gridA1.id).counts).toEqual({ red: 1, yellow: 0, green: 1, total: 2 });
    expect(grid(yard.id as string).counts.total).toBe(1);
    expect(grid(d.gridA2.id).counts).toEqual({ red: 0, yellow: 1, green: 0, total: 1 });
    expect(grid(d.gridA2.id).hotCategory.code).toBe('01');

    const onlyRed = (await clerkA.get('/api/community/map?colour=red')).body;
    expect(onlyRed.cases.map((c: { id: string }) => c.id)).toEqual([red]);
    const twoColours = (await clerkA.get('/api/community/map?colour=red,yellow')).body;
    expect(twoColours.cases).toHaveLength(2);
    const cat = (await clerkA.get('/api/community/map?category=03')).body;
    expect(cat.cases.map((c: { id: string }) => c.id)).toEqual([inYard]);

    // Town B sees neither town A's grids nor its cases; a mediator (no case reading) is refused.
    const clerkB = await signInAs(d.clerkB);
    const other = (await clerkB.get('/api/community/map')).body;
    expect(other.grids).toHaveLength(0);
    expect(other.cases.some((c: { id: string }) => c.id === red)).toBe(false);
    const mediator = await signInAs(await makeUser(d.district, [{ role: 'mediator' }]));
    expect((await mediator.get('/api/community/map')).status).toBe(403);
  }, 120_000);
});

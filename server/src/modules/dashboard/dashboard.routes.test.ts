import { describe, expect, it } from 'vitest';
import { cmd, expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../test/factories.js';
import { receivedDaysAgo, testDb } from '../../test/story-helpers.js';
import type { Client } from '../../test/test-app.js';
import { today } from '../cases/case-clock.js';
import { monthsBetween } from './use-cases/get-area-figures.js';

async function register(client: Client, over: Record<string, unknown> = {}): Promise<string> {
  return (await expectOk(await client.post('/api/cases', intake(over)), 201)).id as string;
}

/** Every case id the queue lists for these filters (all pages). */
async function queueIds(client: Client, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await client.get(`/api/cases?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((x: { id: string }) => x.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

const countOf = <K extends string>(list: ({ count: number } & Record<K, string>)[], key: K, value: string) =>
  list.find((x) => x[key] === value)?.count ?? 0;

describe('GET /api/dashboard/area', () => {
  it('counts the cases created here by month, category, channel, stage and deadline colour', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const clerkB = await signInAs(d.clerkB);
    const leader = await signInAs(await makeUser(d.district, [{ role: 'leader' }]));

    const late = await register(ws, { receivedAt: receivedDaysAgo(25), categoryCode: '0204' });
    await register(ws, { channel: 'phone' });
    const rejected = await register(ws, { channel: 'letter', categoryCode: '0302' });
    await expectOk(await cmd(ws, rejected, 'reject', { reason: '不属于信访事项', basis: '第26条' }));
    await register(clerkB, { unitId: d.townB.id, channel: 'grid', petitioners: [], categoryCode: '0107' });

    const res = await leader.get('/api/dashboard/area');
    expect(res.status).toBe(200);
    const f = res.body;
    expect(f.to).toBe(today());
    expect(f.byMonth).toHaveLength(12);
    expect(f.byMonth.at(-1).month).toBe(today().slice(0, 7));
    expect(f.received).toBe(4);
    expect(f.byMonth.reduce((s: number, m: { count: number }) => s + m.count, 0)).toBe(4);
    expect(f.openNow).toBe(3);
    expect(countOf(f.byCategory, 'code', '01')).toBe(2);
    expect(countOf(f.byCategory, 'code', '02')).toBe(1);
    expect(countOf(f.byCategory, 'code', '03')).toBe(1);
    expect(f.byCategory.find((c: { code: string }) => c.code === '01').name).not.toBe('01');
    expect(f.byChannel).toEqual([
      { channel: 'visit', count: 1 },
      { channel: 'letter', count: 1 },
      { channel: 'phone', count: 1 },
      { channel: 'grid', count: 1 },
    ]);
    expect(countOf(f.byStatusGroup, 'group', 'intake')).toBe(3);
    expect(countOf(f.byStatusGroup, 'group', 'not_handled')).toBe(1);
    // The 25-day-old matter's written-notice clock has run out: red, as in the queue.
    expect(f.byColour.red).toBeGreaterThanOrEqual(1);
    expect(f.byColour.red + f.byColour.yellow + f.byColour.green + f.byColour.none).toBe(3);
    for (const colour of ['red', 'yellow', 'green'] as const) {
      const ids = await queueIds(leader, `colour=${colour}`);
      expect({ colour, count: f.byColour[colour] }).toEqual({ colour, count: ids.length });
    }
    expect(await queueIds(leader, 'colour=red')).toContain(late);
  });

  it('shows a town leader only the town, and refuses units outside it', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const clerkB = await signInAs(d.clerkB);
    await register(ws);
    await register(ws, { channel: 'phone' });
    await register(clerkB, { unitId: d.townB.id });

    const townLeader = await signInAs(await makeUser(d.townA, [{ role: 'leader' }]));
    const town = await townLeader.get('/api/dashboard/area');
    expect(town.status).toBe(200);
    expect(town.body.received).toBe(2);
    expect(town.body.openNow).toBe(2);
    expect(await queueIds(townLeader, 'tab=all&sort=received')).toHaveLength(2);

    const district = await signInAs(await makeUser(d.district, [{ role: 'petition_clerk' }]));
    expect((await district.get('/api/dashboard/area')).body.received).toBe(3);
    const narrowed = await district.get(`/api/dashboard/area?unitId=${d.townB.id}`);
    expect(narrowed.body).toMatchObject({ received: 1, unit: { id: d.townB.id, name: '乙镇' } });

    expect((await townLeader.get(`/api/dashboard/area?unitId=${d.townB.id}`)).status).toBe(404);
    expect((await townLeader.get(`/api/dashboard/area?unitId=${crypto.randomUUID()}`)).status).toBe(404);
    const otherDistrict = await makeUnit(null, 'district');
    expect((await district.get(`/api/dashboard/area?unitId=${otherDistrict.id}`)).status).toBe(404);
  });

  it('counts months in Asia/Shanghai time: 00:30 Beijing on the 1st is the new month', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const leader = await signInAs(await makeUser(d.townA, [{ role: 'leader' }]));
    // 2026-10-31 23:59 and 2026-11-01 00:30 in Beijing; in UTC both are still 31 October.
    await register(ws, { receivedAt: '2026-10-31T15:59:00Z' });
    await register(ws, { receivedAt: '2026-10-31T16:30:00Z' });
    // 2025-11-30 23:50 Beijing: one day before the default twelve months begin.
    await register(ws, { receivedAt: '2025-11-30T15:50:00Z' });
    await register(ws, { receivedAt: '2025-11-30T16:10:00Z' });

    const res = await leader.get('/api/dashboard/area?from=2025-11-01&to=2026-11-20');
    expect(res.status).toBe(200);
    const months = Object.fromEntries(
      res.body.byMonth.map((m: { month: string; count: number }) => [m.month, m.count]),
    );
    expect(months).toMatchObject({ '2025-11': 1, '2025-12': 1, '2026-10': 1, '2026-11': 1 });

    const oneDay = await leader.get('/api/dashboard/area?from=2026-11-01&to=2026-11-01');
    expect(oneDay.body.received).toBe(1);
    // The default period starts on the 1st of the month eleven months back, Beijing time.
    const byDefault = await leader.get('/api/dashboard/area?to=2026-11-20');
    expect(byDefault.body.from).toBe('2025-12-01');
    expect(byDefault.body.received).toBe(3);
  });

  it('refuses roles without the office view, and bad periods with a message per field', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    expect((await ws.get('/api/dashboard/area')).status).toBe(403);
    expect((await (await signInAs(d.gridWorker)).get('/api/dashboard/area')).status).toBe(403);
    expect((await (await signInAs(d.admin)).get('/api/dashboard/area')).status).toBe(403);

    const leader = await signInAs(await makeUser(d.townA, [{ role: 'leader' }]));
    const reversed = await leader.get('/api/dashboard/area?from=2026-05-01&to=2026-04-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe('VALIDATION_FAILED');
    expect(reversed.body.error.details).toEqual([
      { path: 'querystring.to', message: '结束时间须晚于开始时间' },
    ]);
    const bad = await leader.get('/api/dashboard/area?from=2026-02-30&to=2020-01-01&unitId=x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((e: { path: string }) => e.path).sort()).toEqual([
      'querystring.from',
      'querystring.unitId',
    ]);
    const long = await leader.get('/api/dashboard/area?from=2020-01-01&to=2026-01-01');
    expect(long.body.error.details).toEqual([{ path: 'querystring.from', message: '统计区间不得超过3年' }]);
  });

  it('lists every month of the period, across a year end', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-31', '2026-03-31')).toEqual(['2026-03']);
  });
});

describe('GET /api/dashboard/my-reports', () => {
  it('lists what I reported, newest first, with location and photo, and nobody else’s', async () => {
    const d = await makeDistrict();
    const grid = await signInAs(d.gridWorker);
    const other = await signInAs(await makeUser(d.gridA1, [{ role: 'grid_worker' }]));
    const db = await testDb();
    const upload = await db
      .insertInto('uploads')
      .values({
        storage_key: `test/${crypto.randomUUID()}`,
        original_name: '现场.jpg',
        mime: 'image/jpeg',
        kind: 'image',
        size: 100,
        sha256: '0'.repeat(64),
        uploaded_by: d.gridWorker.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const older = await register(grid, {
      channel: 'grid',
      petitioners: [],
      receivedAt: receivedDaysAgo(2),
      title: '井盖缺失',
    });
    const newer = await register(grid, {
      channel: 'grid',
      petitioners: [],
      title: '路灯不亮',
      latitude: 30.2741,
      longitude: 120.1551,
      uploadIds: [upload.id],
    });
    await register(other, { channel: 'grid', petitioners: [], title: '别人的上报' });

    const res = await grid.get('/api/dashboard/my-reports');
    expect(res.status).toBe(200);
    expect(res.body.items.map((x: { id: string }) => x.id)).toEqual([newer, older]);
    expect(res.body.items[0]).toMatchObject({
      title: '路灯不亮',
      status: 'registered',
      statusLabel: { zh: '已登记' },
      hasLocation: true,
      attachmentCount: 1,
    });
    expect(res.body.items[1]).toMatchObject({ hasLocation: false, attachmentCount: 0 });
    expect((await grid.get('/api/dashboard/my-reports?limit=1')).body.items).toHaveLength(1);

    const mediator = await signInAs(await makeUser(d.communityA1, [{ role: 'mediator' }]));
    expect((await mediator.get('/api/dashboard/my-reports')).status).toBe(403);
  });
});

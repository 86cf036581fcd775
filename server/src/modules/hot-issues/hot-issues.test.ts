import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../test/factories.js';
import { testDb } from '../../test/story-helpers.js';
import { readCsvRecords } from '../classifier/csv.js';
import { clusterHotIssues, type HotItem, heatOf } from './clustering.js';
import { runHotIssueSweep } from './sweep.js';

const sample: HotItem[] = readCsvRecords(
  readFileSync(fileURLToPath(new URL('./fixtures/sample-hot.csv', import.meta.url)), 'utf8'),
).map((r) => ({
  id: r['留言编号'] ?? '',
  author: r['留言用户'] ?? null,
  title: r['留言主题'] ?? '',
  text: r['留言详情'] ?? '',
  at: new Date(`${(r['留言时间'] ?? '').replace(' ', 'T')}+08:00`),
  persons: 1,
  supports: Number(r['点赞数']) || 0,
}));

describe('hot-issue clustering', () => {
  it('groups the same problem in the same place and leaves unrelated messages alone', () => {
    const clusters = clusterHotIssues(sample, { now: new Date('2026-03-09T00:00:00+08:00') });
    expect(clusters.map((c) => c.items.map((i) => i.id).sort())).toEqual([
      ['1', '2', '3', '4', '5'],
      ['6', '7', '8'],
    ]);
    const parking = clusters[0];
    expect(parking?.supports).toBe(17);
    // Four in the last 7 days, one in the week before.
    expect(parking?.recent).toBe(4);
    expect(parking?.growth).toBe(3);
    expect(parking?.keywords.join(' ')).toContain('阳光花');
  });

  it('keeps messages more than the window apart in separate clusters', () => {
    const later = sample
      .slice(0, 3)
      .map((s) => ({ ...s, id: `${s.id}b`, at: new Date(s.at.getTime() + 90 * 86_400_000) }));
    const clusters = clusterHotIssues([...sample.slice(0, 3), ...later], { windowDays: 30 });
    expect(clusters.map((c) => c.size)).toEqual([3, 3]);
  });

  it('ranks by size, then growth, persons and supports', () => {
    expect(heatOf({ size: 5, growth: 0, persons: 5, supports: 0 })).toBe(5);
    expect(heatOf({ size: 5, growth: 3, persons: 5, supports: 0 })).toBe(8);
    expect(heatOf({ size: 5, growth: 0, persons: 20, supports: 0 })).toBeGreaterThan(5);
    expect(heatOf({ size: 5, growth: 0, persons: 5, supports: 7 })).toBe(8);
  });
});

const parking = (n: number) => ({
  title: `阳光花园小区车位捆绑销售投诉${'一二三四五六七'[n] ?? ''}`,
  facts: '阳光花园小区开发商强制业主购买车位，车位捆绑销售，不买就不给交房。',
  demands: '请求查处车位捆绑销售',
  address: '甲镇阳光花园小区',
  categoryCode: '0209',
});

describe('GET /api/hot-issues and the daily sweep', () => {
  it('shows the area its hot issues with drill-down, scoped to the jurisdiction, and alerts the unit once', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await expectOk(await ws.post('/api/cases', intake(parking(i))), 201)).id as string);
    await expectOk(await ws.post('/api/cases', intake()), 201);

    const leader = await signInAs(await makeUser(d.district, [{ role: 'leader' }]));
    const res = await expectOk(await leader.get(`/api/hot-issues?unitId=${d.district.id}`));
    const issues = res.issues as {
      size: number;
      cases: { id: string }[];
      responsibleUnit: { id: string };
      place: string;
    }[];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.size).toBe(5);
    expect(issues[0]?.place).toBe('甲镇阳光花园小区');
    expect(issues[0]?.cases.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(issues[0]?.responsibleUnit.id).toBe(d.communityA1.id);

    // Town B's clerk oversees town B only: town A's cases are not there, district is 404.
    const clerkB = await signInAs(d.clerkB);
    expect((await clerkB.get(`/api/hot-issues?unitId=${d.townB.id}`)).body.issues).toEqual([]);
    expect((await clerkB.get(`/api/hot-issues?unitId=${d.district.id}`)).status).toBe(404);
    // A grid worker has no dashboard.
    expect((await (await signInAs(d.gridWorker)).get('/api/hot-issues')).status).toBe(403);

    // The sweep raises one alert to the community handling the cases; running again adds none.
    const db = await testDb();
    await makeUnit(d.district, 'department', '其他部门');
    expect(await runHotIssueSweep(db, { force: true })).toBeGreaterThanOrEqual(1);
    const notices = await ws.get('/api/notices');
    const hot = (notices.body.items as { kind: string; text: string }[]).filter(
      (n) => n.kind === 'hot_issue',
    );
    expect(hot).toHaveLength(1);
    expect(hot[0]?.text).toContain('5件');
    await runHotIssueSweep(db, { force: true });
    const again = (await ws.get('/api/notices')).body.items as { kind: string }[];
    expect(again.filter((n) => n.kind === 'hot_issue')).toHaveLength(1);
    expect((await leader.get(`/api/hot-issues?unitId=${d.district.id}`)).body.issues[0].isAlerted).toBe(true);
  });
});

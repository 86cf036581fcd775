import { describe, expect, it } from 'vitest';
import { cmd, expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import { testConfig, testDatabase } from '../../test/test-db.js';
import { runSupervisionSweep } from '../cases/timers.js';
import { runOutboxSweep } from './outbox-sender.js';
import { logTransport } from './transports.js';

const quiet = logTransport({ info: () => undefined });

describe('staff notices', () => {
  it('tells the members of the unit a case was assigned to, and only them; each reads their own', async () => {
    const d = await makeDistrict();
    const town = await signInAs(d.clerkA);
    const created = await expectOk(await town.post('/api/cases', intake()), 201);
    const id = created.id as string;
    const staff1 = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
    const staff2 = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
    await expectOk(await cmd(town, id, 'assign', { toUnitId: d.communityA1.id, reason: '属地办理' }));
    const { db } = await testDatabase();
    await runOutboxSweep(db, testConfig(), quiet, { caseIds: [id] });
    // Running it again writes nothing twice.
    await db
      .updateTable('outbox')
      .set({ processed_at: null, available_at: new Date(0) })
      .where('case_id', '=', id)
      .execute();
    await runOutboxSweep(db, testConfig(), quiet, { caseIds: [id] });

    const a = await signInAs(staff1);
    const mine = await expectOk(await a.get('/api/notices'));
    expect(mine).toMatchObject({ total: 1, unread: 1 });
    const [notice] = mine.items as {
      id: string;
      kind: string;
      caseId: string;
      caseNo: string;
      text: string;
    }[];
    expect(notice).toMatchObject({ kind: 'assignment', caseId: id, caseNo: created.caseNo });
    expect(notice?.text).toBe(`事项${created.caseNo}已转交本单位，请及时办理。`);

    // The town that assigned it, and the grid worker below, are not told.
    expect((await expectOk(await town.get('/api/notices'))).total).toBe(0);
    expect((await expectOk(await (await signInAs(d.gridWorker)).get('/api/notices'))).total).toBe(0);

    // Someone else's notice does not exist for me.
    const b = await signInAs(staff2);
    expect((await town.post(`/api/notices/${notice?.id}/read`)).status).toBe(404);
    await expectOk(await a.post(`/api/notices/${notice?.id}/read`));
    expect((await expectOk(await a.get('/api/notices'))).unread).toBe(0);
    expect((await expectOk(await b.get('/api/notices?unread=true'))).total).toBe(1);
    expect((await expectOk(await b.post('/api/notices/read-all'))).marked).toBe(1);
    expect((await expectOk(await b.get('/api/notices'))).unread).toBe(0);

    // A signed-in user with no role gets no notices at all.
    const nobody = await signInAs(await makeUser(d.townA, []));
    expect((await nobody.get('/api/notices')).status).toBe(403);
  });

  it('warns the unit whose clock is about to run out, and passes supervision orders on as such', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const soon = (
      await expectOk(
        await ws.post(
          '/api/cases',
          intake({ receivedAt: new Date(Date.now() - 13 * 86_400_000).toISOString() }),
        ),
        201,
      )
    ).id as string;
    const late = (
      await expectOk(
        await ws.post(
          '/api/cases',
          intake({ receivedAt: new Date(Date.now() - 20 * 86_400_000).toISOString() }),
        ),
        201,
      )
    ).id as string;
    const { db } = await testDatabase();
    await runSupervisionSweep(db, testConfig(), undefined, d.district.path);
    await runOutboxSweep(db, testConfig(), quiet, { caseIds: [soon, late] });
    const items = (await expectOk(await ws.get('/api/notices'))).items as {
      kind: string;
      caseId: string;
      text: string;
      params: Record<string, string>;
    }[];
    const bySoon = items.find((n) => n.caseId === soon);
    expect(bySoon?.kind).toBe('deadline');
    expect(bySoon?.text).toMatch(/办理期限即将届满（\d{4}-\d{2}-\d{2}）/);
    const byLate = items.find((n) => n.caseId === late);
    expect(byLate).toMatchObject({ kind: 'supervision', params: { tier: 'yellow' } });
    expect(byLate?.text).toContain('黄牌督办');
  });
});

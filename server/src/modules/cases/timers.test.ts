import { describe, expect, it } from 'vitest';
import { cmd, expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import { testConfig, testDatabase } from '../../test/test-db.js';
import { addDays } from '../calendar/iso-date.js';
import { today } from './case-clock.js';
import { verifyAll } from './case-events.js';
import { runSupervisionSweep, runWindowSweep } from './timers.js';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

async function registeredAgo(days: number) {
  const d = await makeDistrict();
  const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
  const res = await expectOk(await ws.post('/api/cases', intake({ receivedAt: daysAgo(days) })), 201);
  return { d, ws, id: res.id as string };
}

async function ordersOf(caseId: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('supervision_orders')
    .select(['tier', 'trigger', 'target_unit_id', 'supervising_unit_id', 'status'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
}

describe('supervision sweep (督办)', () => {
  it('raises a yellow card for an overdue notice, once, to the unit whose clock it is, from the unit above', async () => {
    const { d, id } = await registeredAgo(20); // 15-day notice → about 5 days overdue
    const { db } = await testDatabase();
    const config = testConfig();
    await runSupervisionSweep(db, config, undefined, d.district.path);
    await runSupervisionSweep(db, config, undefined, d.district.path);
    const orders = await ordersOf(id);
    expect(orders).toEqual([
      {
        tier: 'yellow',
        trigger: 'overdue',
        target_unit_id: d.communityA1.id,
        supervising_unit_id: d.townA.id,
        status: 'open',
      },
    ]);
    const { db: conn } = await testDatabase();
    const events = await conn
      .selectFrom('case_events')
      .select(['type', 'actor_id'])
      .where('case_id', '=', id)
      .execute();
    expect(events.filter((e) => e.type === 'case.supervision_raised')).toEqual([
      { type: 'case.supervision_raised', actor_id: null },
    ]);
    // The town sees its supervision order in the to-do summary.
    const town = await signInAs(d.clerkA);
    expect((await town.get('/api/cases/summary')).body.red).toBeGreaterThanOrEqual(1);
  });

  it('gives a red card when overdue by more than 10 days, and a normal order when about to run out', async () => {
    const red = await registeredAgo(30);
    const soon = await registeredAgo(13);
    const fresh = await registeredAgo(0);
    const { db } = await testDatabase();
    await runSupervisionSweep(db, testConfig(), undefined, red.d.district.path);
    await runSupervisionSweep(db, testConfig(), undefined, soon.d.district.path);
    await runSupervisionSweep(db, testConfig(), undefined, fresh.d.district.path);
    expect((await ordersOf(red.id)).map((o) => o.tier)).toEqual(['red']);
    expect((await ordersOf(soon.id)).map((o) => o.tier)).toEqual(['normal']);
    expect(await ordersOf(fresh.id)).toEqual([]);
  });

  it('is safe when two sweeps run at the same time (several server processes)', async () => {
    const { d, id } = await registeredAgo(25);
    const { db } = await testDatabase();
    await Promise.all([
      runSupervisionSweep(db, testConfig(), undefined, d.district.path),
      runSupervisionSweep(db, testConfig(), undefined, d.district.path),
    ]);
    expect((await ordersOf(id)).length).toBe(1);
  });

  it('lets the handling unit reply to its order', async () => {
    const { d, ws, id } = await registeredAgo(20);
    const { db } = await testDatabase();
    await runSupervisionSweep(db, testConfig(), undefined, d.district.path);
    const c = await ws.get(`/api/cases/${id}`);
    const order = c.body.supervision[0];
    const replied = await expectOk(
      await ws.post(`/api/cases/${id}/supervision/${order.id}/reply`, { reply: '已于今日答复信访人' }),
    );
    expect((replied.supervision as { status: string }[])[0]?.status).toBe('replied');
    const verify = await verifyAll(db);
    expect(verify.breaks.filter((b) => b.caseId === id)).toEqual([]);
  });
});

describe('review-window sweep', () => {
  it('closes a delivered matter once the 30-day 复查 window has passed without a request', async () => {
    const { d, ws, id } = await registeredAgo(60);
    await expectOk(await cmd(ws, id, 'accept'));
    await expectOk(
      await cmd(ws, id, 'issue-opinion', { outcome: 'explain', text: '答复如下。', legalBasis: '第32条' }),
    );
    // Well past 30 days: a window ending on a rest day rolls forward (up to the National Day week),
    // so a delivery just 31 days back would still be open on some days of the year.
    const deliveredOn = addDays(today(), -45);
    await expectOk(
      await cmd(ws, id, 'deliver', { method: 'registered_mail', deliveredOn, proof: '邮寄回执' }),
    );
    const { db } = await testDatabase();
    await runWindowSweep(db, testConfig(), undefined, d.district.path);
    const after = await ws.get(`/api/cases/${id}`);
    expect(after.body.status).toBe('closed');
    const events = await ws.get(`/api/cases/${id}/events`);
    expect(events.body.items.at(-1)).toMatchObject({
      type: 'case.closed',
      actor: null,
      payload: { basis: 'window_lapsed', automatic: true },
    });
  });

  it('leaves a matter whose window is still open', async () => {
    const { d, ws, id } = await registeredAgo(10);
    await expectOk(await cmd(ws, id, 'accept'));
    await expectOk(
      await cmd(ws, id, 'issue-opinion', { outcome: 'explain', text: '答复如下。', legalBasis: '第32条' }),
    );
    await expectOk(
      await cmd(ws, id, 'deliver', { method: 'in_person', deliveredOn: today(), proof: '送达回证' }),
    );
    const { db } = await testDatabase();
    await runWindowSweep(db, testConfig(), undefined, d.district.path);
    expect((await ws.get(`/api/cases/${id}`)).body.status).toBe('delivered');
    const early = await cmd(ws, id, 'close');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('WINDOW_NOT_LAPSED');
  });
});

import { describe, expect, it } from 'vitest';
import { cmd, expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../test/factories.js';
import { replyAndDeliver, testDb } from '../../test/story-helpers.js';
import type { Client } from '../../test/test-app.js';
import { addDays } from '../calendar/iso-date.js';
import { today } from '../cases/case-clock.js';
import {
  evaluationSettings,
  foldEvaluationPending,
  rebuildEvaluation,
  recomputeCase,
} from './evaluation.repository.js';
import { rebuildEvaluationSet } from './rebuild-sql.js';

async function register(client: Client, over: Record<string, unknown> = {}): Promise<string> {
  return (await expectOk(await client.post('/api/cases', intake(over)), 201)).id as string;
}

// Long enough to hold every clock started today (notice ≈ 15 days, handling ≈ 60 days).
const from = addDays(today(), -10);
const to = addDays(today(), 120);
const period = `from=${from}&to=${to}`;

/** The counters stored for a case equal a computation from scratch (no drift of the increments). */
async function expectNoDrift(ids: string[]) {
  const db = await testDb();
  for (const id of ids) {
    const stored = await db
      .selectFrom('evaluation_case_facts')
      .select('items')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.items).toEqual(await recomputeCase(db, id));
  }
}

const byKey = (items: unknown) =>
  (items as { unitId: string; day: string; counter: string; n: number }[])
    .map((i) => `${i.unitId}|${i.day}|${i.counter}|${i.n}`)
    .sort();

/** The set-based rebuild counts what the increments counted: same figures, same stored facts. */
async function expectSetRebuildAgrees(client: Client, url: string, ids: string[]) {
  const db = await testDb();
  const before = (await client.get(url)).body;
  const { repeatWindowDays } = await evaluationSettings(db);
  await db.transaction().execute((trx) => rebuildEvaluationSet(trx, repeatWindowDays));
  expect((await client.get(url)).body).toEqual(before);
  for (const id of ids) {
    const stored = await db
      .selectFrom('evaluation_case_facts')
      .select('items')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(byKey(stored.items)).toEqual(byKey(await recomputeCase(db, id)));
  }
}

/** Pending changes of these units not yet folded (other tests' folds may take them too). */
async function pendingOf(unitIds: string[]): Promise<number> {
  const r = await (await testDb())
    .selectFrom('evaluation_pending')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('unit_id', 'in', unitIds)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function foldAll(unitIds: string[]): Promise<void> {
  // Another test file's fold may hold the lock for a moment: then ours returns 0 and we retry.
  for (let i = 0; i < 100 && (await pendingOf(unitIds)) > 0; i++) {
    if ((await foldEvaluationPending(await testDb())) === 0) await new Promise((r) => setTimeout(r, 50));
  }
  expect(await pendingOf(unitIds)).toBe(0);
}

async function summaryReceived(unitId: string): Promise<number> {
  const r = await (await testDb())
    .selectFrom('evaluation_daily')
    .select((eb) => eb.fn.sum<string>('received').as('n'))
    .where('unit_id', '=', unitId)
    .executeTakeFirstOrThrow();
  return Number(r.n ?? 0);
}

describe('the evaluation fold', () => {
  it('moves pending changes into every ancestor’s summary rows without changing a figure, once', async () => {
    const d = await makeDistrict();
    const units = [d.district, d.townA, d.townB, d.communityA1, d.department].map((u) => u.id);
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const clerkA = await signInAs(d.clerkA);
    const leader = await signInAs(await makeUser(d.district, [{ role: 'leader' }]));
    const a = await register(ws);
    await register(ws, { channel: 'letter' });
    const moved = await register(clerkA, { unitId: d.townA.id });
    await expectOk(await cmd(ws, a, 'accept'));

    const urls = [d.district, d.townA, d.communityA1].map(
      (u) => `/api/evaluation/figures?unitId=${u.id}&${period}`,
    );
    const ranking = `/api/evaluation/ranking?unitId=${d.district.id}&${period}`;
    const read = async () => Promise.all([...urls, ranking].map(async (u) => (await leader.get(u)).body));
    const before = await read();
    expect(before[0].counts.received).toBe(3);
    expect(before[1].counts.received).toBe(3);
    expect(before[2].counts.received).toBe(2);
    // Nothing is in the summaries yet: the figures come from the pending changes.
    expect(await pendingOf(units)).toBeGreaterThan(0);
    expect(await summaryReceived(d.district.id)).toBe(0);

    await foldAll(units);
    expect(await read()).toEqual(before);
    // The district's own rows now hold its whole subtree; the village's hold the village.
    expect(await summaryReceived(d.district.id)).toBe(3);
    expect(await summaryReceived(d.townA.id)).toBe(3);
    expect(await summaryReceived(d.communityA1.id)).toBe(2);
    // Folding again moves nothing and counts nothing twice.
    await foldAll(units);
    expect(await read()).toEqual(before);

    // A transfer moves the intake count from the town to the department; the district is unchanged.
    await expectOk(
      await cmd(clerkA, moved, 'transfer', { toUnitId: d.department.id, reason: '属住建部门职责' }),
    );
    const afterTransfer = await read();
    expect(afterTransfer[0].counts.received).toBe(3);
    expect(afterTransfer[1].counts.received).toBe(2);
    await foldAll(units);
    expect(await read()).toEqual(afterTransfer);
    expect(await summaryReceived(d.townA.id)).toBe(2);
    expect(await summaryReceived(d.department.id)).toBe(1);
    expect(await summaryReceived(d.district.id)).toBe(3);
  });
});

describe('GET /api/evaluation/figures', () => {
  it('figures equal what the cases imply, filtered by category and channel, and scoped to the jurisdiction', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const clerkB = await signInAs(d.clerkB);
    const leader = await signInAs(await makeUser(d.district, [{ role: 'leader' }]));
    const townLeader = await signInAs(await makeUser(d.townA, [{ role: 'leader' }]));

    // 1: accepted, handled, delivered on the spot, closed, rated satisfied.
    const done = await register(ws, { personCount: 6, representatives: [{ name: '代表甲' }] });
    await expectOk(await cmd(ws, done, 'accept'));
    await expectOk(await cmd(ws, done, 'start-handling'));
    await replyAndDeliver(ws, done);
    await expectOk(await cmd(ws, done, 'close', { basis: 'petitioner_satisfied' }));
    await expectOk(
      await cmd(ws, done, 'follow-up', { method: 'phone', satisfaction: 'satisfied', resolved: true }),
    );
    // 2: accepted, still in handling.
    const handling = await register(ws);
    await expectOk(await cmd(ws, handling, 'accept'));
    // 3: a letter of another category, not accepted (the written notice was issued in time).
    const rejected = await register(ws, { channel: 'letter', categoryCode: '0302' });
    await expectOk(await cmd(ws, rejected, 'reject', { reason: '不属于信访事项', basis: '第26条' }));
    // 4: in the other town, not yet decided.
    const other = await register(clerkB, { unitId: d.townB.id, channel: 'phone' });

    const res = await leader.get(`/api/evaluation/figures?unitId=${d.district.id}&${period}`);
    expect(res.status).toBe(200);
    const f = res.body;
    expect(f.unit).toEqual({ id: d.district.id, name: d.district.name });
    expect(f.counts).toEqual({
      received: 4,
      matters: 4,
      visitBatches: 2,
      visitPersons: 7,
      groupVisits: 1,
      groupPersons: 6,
      repeats: 0,
      delivered: 1,
    });
    expect(f.rates.timelyAcceptance).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
    expect(f.rates.onTimeCompletion).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(f.rates.satisfaction).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(f.rates.participation).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(f.rates.onTheSpot).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(f.rates.oneTimeResolution).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(f.rates.repeat).toEqual({ numerator: 0, denominator: 4, rate: 0 });
    expect(f.rates.groupVisit).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(f.byCategory.map((c: { code: string; received: number }) => [c.code, c.received])).toEqual([
      ['01', 3],
      ['03', 1],
    ]);
    expect(f.byCategory[0].share.rate).toBe(0.75);
    // Nothing a year or a period earlier: changes of counts are null, never NaN.
    expect(f.yearOnYear.counts.received).toEqual({ previous: 0, change: null });
    expect(f.periodOnPeriod.rates.timelyAcceptance).toEqual({ previous: null, change: null });

    const letters = await leader.get(
      `/api/evaluation/figures?unitId=${d.district.id}&${period}&channel=letter`,
    );
    expect(letters.body.counts.received).toBe(1);
    expect(letters.body.rates.timelyAcceptance.denominator).toBe(1);
    const cat03 = await leader.get(`/api/evaluation/figures?unitId=${d.district.id}&${period}&category=03`);
    expect(cat03.body.counts.received).toBe(1);

    // The town leader sees the town (by default) and nothing beyond it.
    const town = await townLeader.get(`/api/evaluation/figures?${period}`);
    expect(town.status).toBe(200);
    expect(town.body.unit.id).toBe(d.townA.id);
    expect(town.body.counts.received).toBe(3);
    expect(town.body.rates.timelyAcceptance).toEqual({ numerator: 3, denominator: 3, rate: 1 });
    expect((await townLeader.get(`/api/evaluation/figures?unitId=${d.townB.id}&${period}`)).status).toBe(404);
    expect((await townLeader.get(`/api/evaluation/figures?unitId=${d.district.id}&${period}`)).status).toBe(
      404,
    );
    // A grid worker (no office view) may not read figures at all.
    const grid = await signInAs(d.gridWorker);
    expect((await grid.get(`/api/evaluation/figures?${period}`)).status).toBe(403);

    await expectNoDrift([done, handling, rejected, other]);
    await expectSetRebuildAgrees(leader, `/api/evaluation/figures?unitId=${d.district.id}&${period}`, [
      done,
      handling,
      rejected,
      other,
    ]);

    // 三率排名 of the district's towns: 甲镇 issued its 3 notices in time, 乙镇's one is still running.
    const rank = await leader.get(`/api/evaluation/ranking?level=town&${period}`);
    expect(rank.status).toBe(200);
    expect(rank.body.district.id).toBe(d.district.id);
    expect(
      rank.body.items.map((x: { unit: { id: string }; received: number; ranks: unknown }) => [
        x.unit.id,
        x.received,
        x.ranks,
      ]),
    ).toEqual([
      [d.townA.id, 3, { timelyAcceptance: 1, onTimeCompletion: 1, satisfaction: 1 }],
      [d.townB.id, 1, { timelyAcceptance: 2, onTimeCompletion: null, satisfaction: null }],
    ]);
    expect(rank.body.items[1].rates.timelyAcceptance).toEqual({ numerator: 0, denominator: 1, rate: 0 });
    const depts = await leader.get(`/api/evaluation/ranking?level=department&${period}`);
    expect(
      depts.body.items.map((x: { unit: { id: string }; received: number }) => [x.unit.id, x.received]),
    ).toEqual([[d.department.id, 0]]);
    // Comparing towns is the district's view: a town leader may not rank its neighbours.
    expect((await townLeader.get(`/api/evaluation/ranking?${period}`)).status).toBe(403);
    expect((await leader.get('/api/evaluation/ranking?level=village')).status).toBe(400);
  });

  it('a reopened case gives back its conclusion and rating until it is concluded again', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const leader = await signInAs(await makeUser(d.district, [{ role: 'leader' }]));
    const id = await register(ws);
    await expectOk(await cmd(ws, id, 'accept'));
    await replyAndDeliver(ws, id);
    await expectOk(await cmd(ws, id, 'close', { basis: 'petitioner_satisfied' }));
    const url = `/api/evaluation/figures?unitId=${d.district.id}&${period}`;
    expect((await leader.get(url)).body.rates.oneTimeResolution.denominator).toBe(1);

    // Unsatisfied and unresolved: back to handling with a fresh handling period (整改).
    await expectOk(
      await cmd(ws, id, 'follow-up', { method: 'phone', satisfaction: 'unsatisfied', resolved: false }),
    );
    const f = (await leader.get(url)).body;
    expect(f.rates.oneTimeResolution.denominator).toBe(0);
    expect(f.rates.oneTimeResolution.rate).toBeNull();
    expect(f.rates.satisfaction).toEqual({ numerator: 0, denominator: 1, rate: 0 });
    // Two handling periods now: the first met, the rectification's still running.
    expect(f.rates.onTimeCompletion).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    await expectNoDrift([id]);
    await expectSetRebuildAgrees(leader, url, [id]);
  });

  it('a repeat of a matter counts as a repeat and takes the one-time resolution of the matter it repeats', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const leader = await signInAs(await makeUser(d.district, [{ role: 'leader' }]));
    const first = await register(ws);
    const again = await register(ws);
    await expectOk(await cmd(ws, again, 'link-repeat', { openCaseId: first }));
    await expectOk(await cmd(ws, first, 'accept'));
    await replyAndDeliver(ws, first);
    await expectOk(await cmd(ws, first, 'close', { basis: 'petitioner_satisfied' }));

    const f = (await leader.get(`/api/evaluation/figures?unitId=${d.district.id}&${period}`)).body;
    expect(f.counts.received).toBe(2);
    expect(f.counts.matters).toBe(1);
    expect(f.rates.repeat).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    // The merged repeat's notice clock was cancelled: only the first matter's notice is due.
    expect(f.rates.timelyAcceptance).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(f.rates.oneTimeResolution).toEqual({ numerator: 0, denominator: 1, rate: 0 });
    await expectNoDrift([first, again]);

    // Recomputing every case from scratch gives the same figures as the increments.
    const before = (await leader.get(`/api/evaluation/figures?unitId=${d.district.id}&${period}`)).body;
    expect(await rebuildEvaluation(await testDb())).toBeGreaterThanOrEqual(2);
    expect((await leader.get(`/api/evaluation/figures?unitId=${d.district.id}&${period}`)).body).toEqual(
      before,
    );
  });

  it('cases referred to discipline inspection count only for those who may read them', async () => {
    const d = await makeDistrict();
    const discipline = await makeUnit(d.district, 'discipline', '纪委监委');
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const leader = await signInAs(await makeUser(d.district, [{ role: 'leader' }]));
    const secretary = await signInAs(
      await makeUser(d.district, [{ role: 'leader' }, { role: 'discipline_inspector' }]),
    );
    await register(ws);
    const accused = await register(ws, { nature: 'accusation' });
    await expectOk(
      await cmd(ws, accused, 'refer-discipline', { toUnitId: discipline.id, reason: '反映公职人员问题' }),
    );

    const url = `/api/evaluation/figures?unitId=${d.district.id}&${period}`;
    expect((await leader.get(url)).body.counts.received).toBe(1);
    expect((await secretary.get(url)).body.counts.received).toBe(2);
    await expectNoDrift([accused]);
  });

  it('shows a district office clerk the district, not the office’s own unit, by default', async () => {
    const d = await makeDistrict();
    const office = await makeUnit(d.district, 'department', '区信访办');
    const clerk = await signInAs(await makeUser(office, [{ role: 'petition_clerk', unit: d.district }]));
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    await register(ws);
    const f = (await clerk.get(`/api/evaluation/figures?${period}`)).body;
    expect(f.unit).toEqual({ id: d.district.id, name: d.district.name });
    expect(f.counts.received).toBe(1);
  });

  it('rejects bad periods with 400', async () => {
    const d = await makeDistrict();
    const leader = await signInAs(await makeUser(d.district, [{ role: 'leader' }]));
    for (const q of [
      'from=2026-04-01',
      'from=2026-04-01&to=2026-03-31',
      'from=2026-13-01&to=2026-12-31',
      'from=2025-01-01&to=2026-01-02',
      'from=2026-01-01&to=2026-03-31&category=0107',
      'from=2026-01-01&to=2026-03-31&channel=pigeon',
    ]) {
      const res = await leader.get(`/api/evaluation/figures?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

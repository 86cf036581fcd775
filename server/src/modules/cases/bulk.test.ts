import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import type { Client } from '../../test/test-app.js';

/** A new case as the queue lists it: id, number and the version a bulk request carries. */
async function newCase(client: Client, title: string) {
  const created = await expectOk(await client.post('/api/cases', intake({ title })), 201);
  return {
    id: created.id as string,
    caseNo: created.caseNo as string,
    version: (created.case as { version: number }).version,
  };
}

describe('bulk assignment from the queue (批量交办)', () => {
  it('assigns each selected case on its own, and says which went through and why others did not', async () => {
    const d = await makeDistrict();
    const office = await signInAs(await makeUser(d.district, [{ role: 'petition_clerk' }]));
    const a = await newCase(office, '第一件');
    const b = await newCase(office, '第二件');
    const stale = await newCase(office, '已被改动');
    // Someone else changed this case after the list was loaded.
    await expectOk(
      await office.post(`/api/cases/${stale.id}/report-progress`, {
        version: stale.version,
        text: '已电话联系信访人',
      }),
    );

    const res = await office.post('/api/cases/bulk/assign', {
      items: [a, b, stale].map((c) => ({ id: c.id, version: c.version })),
      toUnitId: d.townA.id,
      reason: '属地管理，交甲镇办理',
      feedbackDays: 10,
    });
    const results = (await expectOk(res)).results as {
      id: string;
      ok: boolean;
      status: string;
      error: { code: string; message: string } | null;
    }[];
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toMatchObject({ ok: true, status: 'assigned', caseNo: a.caseNo });
    expect(byId.get(b.id)).toMatchObject({ ok: true, status: 'assigned' });
    expect(byId.get(stale.id)).toMatchObject({ ok: false, error: { code: 'CASE_CONFLICT' } });
    expect(byId.get(stale.id)?.error?.message).toMatch(/[\u4e00-\u9fa5]/);

    const townA = await signInAs(d.clerkA);
    const queue = await expectOk(await townA.get('/api/cases?mine=true&open=true&sort=due&limit=50'));
    const ids = (queue.items as { id: string }[]).map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).not.toContain(stale.id);
  });

  it('refuses cases outside the clerk’s area per case, and a malformed request as a whole', async () => {
    const d = await makeDistrict();
    const clerkA = await signInAs(d.clerkA);
    const townB = await signInAs(d.clerkB);
    const mine = await newCase(clerkA, '甲镇的事');
    const theirs = await newCase(townB, '乙镇的事');
    const res = await expectOk(
      await clerkA.post('/api/cases/bulk/assign', {
        items: [
          { id: theirs.id, version: theirs.version },
          { id: mine.id, version: mine.version },
        ],
        toUnitId: d.communityA1.id,
        reason: '交村里办理',
      }),
    );
    const [first, second] = res.results as unknown[];
    expect(first).toMatchObject({ id: theirs.id, ok: false, error: { code: 'NOT_FOUND' } });
    expect(second).toMatchObject({ id: mine.id, ok: true, status: 'assigned' });
    // Untouched: the other town's case is still as it was.
    const still = await expectOk(await townB.get(`/api/cases/${theirs.id}`));
    expect(still.status).toBe('registered');

    const dup = await clerkA.post('/api/cases/bulk/assign', {
      items: [
        { id: mine.id, version: 1 },
        { id: mine.id, version: 1 },
      ],
      toUnitId: d.communityA1.id,
      reason: '重复',
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.code).toBe('VALIDATION_FAILED');
    const empty = await clerkA.post('/api/cases/bulk/assign', {
      items: [],
      toUnitId: d.communityA1.id,
      reason: 'x',
    });
    expect(empty.status).toBe(400);
  });
});

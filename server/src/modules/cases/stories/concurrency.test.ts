import { describe, expect, it } from 'vitest';
import { intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../../test/factories.js';
import {
  detail,
  eventTypes,
  expectChainIntact,
  expectCreated,
  expectError,
  person,
  run,
  STORY,
} from '../../../test/story-helpers.js';
import { today } from '../case-clock.js';
import { commandsFrom } from '../cases.workflow.js';

async function freshCase() {
  const d = await makeDistrict();
  const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
  const other = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
  const created = await expectCreated(
    await ws.post('/api/cases', intake({ petitioners: [person('卫十六')] })),
  );
  return { d, ws, other, id: created.id as string, version: created.case.version as number };
}

/** Two clerks at one case: optimistic versions, row locks and the state machine's answers. */
describe('concurrent and out-of-order commands', STORY, () => {
  it('lets exactly one of two simultaneous acceptances through; the other gets CASE_CONFLICT', async () => {
    const { ws, other, id, version } = await freshCase();
    const results = await Promise.all([
      ws.post(`/api/cases/${id}/accept`, { version, note: '甲受理' }),
      other.post(`/api/cases/${id}/accept`, { version, note: '乙受理' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409);
    expect(loser?.body.error.code).toBe('CASE_CONFLICT');
    const c = await detail(ws, id);
    expect(c.status).toBe('accepted');
    expect(c.version).toBe(version + 1);
    // One acceptance on the record, one handling clock.
    expect(await eventTypes(ws, id)).toEqual(['case.registered', 'case.accepted']);
    expect((c.deadlines as { code: string }[]).filter((x) => x.code === 'D_HANDLE')).toHaveLength(1);
    await expectChainIntact([id]);
  });

  it('keeps the record consistent when many commands race on one case', async () => {
    const { ws, other, id, version } = await freshCase();
    await run(ws, id, 'accept');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? ws : other).post(`/api/cases/${id}/report-progress`, {
          version: version + 1,
          text: `进展${i}`,
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expectError(r, 409, 'CASE_CONFLICT');
    expect((await eventTypes(ws, id)).filter((t) => t === 'case.progress_reported')).toHaveLength(1);
    await expectChainIntact([id]);
  });

  it('refuses an illegal transition with the commands allowed from the current status', async () => {
    const { ws, id, version } = await freshCase();
    const res = await ws.post(`/api/cases/${id}/deliver`, {
      version,
      method: 'in_person',
      deliveredOn: today(),
      proof: '送达回证',
    });
    const err = expectError(res, 409, 'INVALID_TRANSITION');
    expect(err.details.status).toBe('registered');
    expect(err.details.allowed).toEqual(commandsFrom('registered'));
    expect(err.details.allowed).toEqual(expect.arrayContaining(['accept', 'reject', 'transfer', 'triage']));
    expect(err.details.allowed).not.toContain('deliver');
    const c = await detail(ws, id);
    expect(c.status).toBe('registered');
    expect(c.version).toBe(version);
    expect(await eventTypes(ws, id)).toEqual(['case.registered']);
  });

  it('refuses a command decided on a stale version', async () => {
    const { ws, other, id, version } = await freshCase();
    await run(ws, id, 'accept');
    const res = await other.post(`/api/cases/${id}/start-handling`, { version, note: '基于旧页面' });
    const err = expectError(res, 409, 'CASE_CONFLICT');
    expect(err.details).toMatchObject({ currentVersion: version + 1, status: 'accepted' });
    expect((await detail(ws, id)).status).toBe('accepted');
    expect(await eventTypes(ws, id)).toEqual(['case.registered', 'case.accepted']);
  });
});

import { describe, expect, it } from 'vitest';
import { cmd, expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../test/factories.js';
import { testDatabase } from '../../test/test-db.js';
import { today } from './case-clock.js';
import { verifyAll } from './case-events.js';

describe('S1 small matter solved on the spot (小事不出村)', () => {
  it('registers at the village, accepts, replies on the spot, closes, follows up and archives', async () => {
    const d = await makeDistrict();
    const staff = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
    const ws = await signInAs(staff);
    const created = await ws.post('/api/cases', intake());
    const body = await expectOk(created, 201);
    const id = body.id as string;
    expect(body.caseNo).toMatch(/^XF\d{4}\d{7}$/);
    // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON body freely.
    const c = body.case as Record<string, any>;
    expect(c.status).toBe('registered');
    expect(c.firstUnit.id).toBe(d.communityA1.id);
    expect(c.parties[0].idNumberMasked).toMatch(/^110\*{11}\d{3}[\dX]$/);
    expect(c.parties[0].phoneMasked).toBe('138****5678');
    expect(JSON.stringify(c)).not.toContain('13812345678');
    expect(c.deadlines.map((x: { code: string }) => x.code)).toEqual(['D_NOTIFY_DIRECT']);
    expect(c.abilities.commands).toEqual(expect.arrayContaining(['accept', 'reject', 'transfer']));

    await expectOk(await cmd(ws, id, 'accept', { note: '当日受理' }));
    await expectOk(await cmd(ws, id, 'start-handling'));
    await expectOk(
      await cmd(ws, id, 'issue-opinion', {
        outcome: 'support',
        text: '已安装扶手。',
        legalBasis: '《信访工作条例》第32条',
      }),
    );
    await expectOk(
      await cmd(ws, id, 'deliver', {
        method: 'on_the_spot',
        deliveredOn: today(),
        proof: '当面签收',
        confirmedByPetitioner: true,
      }),
    );
    await expectOk(await cmd(ws, id, 'close', { basis: 'petitioner_satisfied' }));
    await expectOk(
      await cmd(ws, id, 'follow-up', { method: 'phone', satisfaction: 'satisfied', resolved: true }),
    );
    const archived = await expectOk(await cmd(ws, id, 'archive'));
    expect(archived.status).toBe('archived');
    expect(archived.resolvedOnSpot).toBe(true);
    expect(archived.satisfaction).toBe('satisfied');

    const events = await ws.get(`/api/cases/${id}/events`);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual([
      'case.registered',
      'case.accepted',
      'case.handling_started',
      'case.opinion_issued',
      'case.delivered',
      'case.closed',
      'case.followed_up',
      'case.archived',
    ]);
    const clocks = (archived.deadlines as { code: string; status: string }[]).map(
      (x) => `${x.code}:${x.status}`,
    );
    expect(clocks).toContain('D_NOTIFY_DIRECT:met');
    expect(clocks).toContain('D_HANDLE:met');
    const { db } = await testDatabase();
    const v = await verifyAll(db);
    expect(v.breaks.filter((b) => b.caseId === id)).toEqual([]);
  });
});

describe('scope', () => {
  it('hides a case from another town and another district (404), and shows it to the town above', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const id = (await expectOk(await ws.post('/api/cases', intake()), 201)).id as string;
    const clerkB = await signInAs(d.clerkB);
    expect((await clerkB.get(`/api/cases/${id}`)).status).toBe(404);
    expect((await clerkB.post(`/api/cases/${id}/accept`, { version: 1 })).status).toBe(404);
    const clerkA = await signInAs(d.clerkA);
    expect((await clerkA.get(`/api/cases/${id}`)).status).toBe(200);
    const other = await signInAs(await makeUser((await makeDistrict()).townA, [{ role: 'petition_clerk' }]));
    expect((await other.get(`/api/cases/${id}`)).status).toBe(404);
    const list = await clerkB.get('/api/cases');
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    void makeUnit;
  });
});

describe('POST /api/cases?view=summary', () => {
  it('answers with the number, visibility and warnings only', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const res = await expectOk(await ws.post('/api/cases?view=summary', intake()), 201);
    expect(res).toMatchObject({ visible: true, referredToDiscipline: false, case: null, warnings: [] });
    expect((await ws.get(`/api/cases/${res.id}`)).status).toBe(200);
  });
});

import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../http/app.js';
import { expectOk, intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs, TEST_PASSWORD } from '../../../test/factories.js';
import {
  accessRows,
  detail,
  expectChainIntact,
  expectCreated,
  expectError,
  type Json,
  person,
  run,
  STORY,
  testDb,
} from '../../../test/story-helpers.js';
import { signIn } from '../../../test/test-app.js';
import { testConfig, testDatabase } from '../../../test/test-db.js';

/**
 * PIPL (DOMAIN.md §7): identity numbers and phones are stored encrypted and shown masked; the full
 * value is shown only to a permitted user who gives a reason, and every look (or refusal) is logged.
 */
describe('personal data of petitioners', STORY, () => {
  it('never returns the plain ID number or phone in detail, list, history or record', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const town = await signInAs(d.clerkA);
    const p = person('韩十八');
    const created = await expectCreated(await ws.post('/api/cases', intake({ petitioners: [p] })));
    const id = created.id as string;
    await run(ws, id, 'accept');
    const plain = [p.idNumber, p.phone];
    const bodies = [
      created,
      await detail(ws, id),
      await detail(town, id),
      await expectOk(await ws.get('/api/cases?limit=200')),
      await expectOk(await ws.get(`/api/cases/${id}/events`)),
      await expectOk(await ws.get(`/api/cases/history?idNumber=${p.idNumber}`)),
      await expectOk(await ws.get(`/api/cases/history?phone=${p.phone}`)),
    ];
    for (const body of bodies) {
      const text = JSON.stringify(body);
      for (const v of plain) expect(text).not.toContain(v);
    }
    const party = ((await detail(ws, id)).parties as Json[])[0];
    expect(party?.idNumberMasked).toBe(`${p.idNumber.slice(0, 3)}***********${p.idNumber.slice(-4)}`);
    expect(party?.phoneMasked).toBe(`${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`);
    // The history finds the person by the keyed hash of the number.
    const history = await expectOk(await ws.get(`/api/cases/history?idNumber=${p.idNumber}`));
    expect((history.items as Json[]).map((x) => x.id)).toEqual([id]);

    // Nor is it stored in clear.
    const row = await (await testDb())
      .selectFrom('case_parties')
      .selectAll()
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(p.idNumber);
    expect(JSON.stringify(row)).not.toContain(p.phone);
    await expectChainIntact([id]);
  });

  it('unmasks for a permitted user with a reason and logs it; refuses a grid worker and logs that', async () => {
    const d = await makeDistrict();
    const wsUser = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
    const ws = await signInAs(wsUser);
    const grid = await signInAs(d.gridWorker);
    const p = person('杨十九');
    // The grid worker reports what a resident told them on patrol; the community handles it.
    const created = await expectCreated(
      await grid.post('/api/cases', intake({ channel: 'grid', petitioners: [p], title: '路灯损坏' })),
    );
    const id = created.id as string;
    expect(created.case.ownerUnit.id).toBe(d.communityA1.id);
    expect(created.case.abilities.unmask).toBe(false);
    const partyId = (created.case.parties as Json[])[0]?.id as string;
    expect((await detail(ws, id)).abilities.unmask).toBe(true);

    const missingReason = await ws.post(`/api/cases/${id}/parties/${partyId}/unmask`, {
      fields: ['idNumber'],
    });
    expectError(missingReason, 400, 'VALIDATION_FAILED');

    const shown = await expectOk(
      await ws.post(`/api/cases/${id}/parties/${partyId}/unmask`, {
        reason: '电话回访需核对身份',
        fields: ['idNumber', 'phone'],
      }),
    );
    expect(shown).toEqual({ idNumber: p.idNumber, phone: p.phone });
    const onlyPhone = await expectOk(
      await ws.post(`/api/cases/${id}/parties/${partyId}/unmask`, { reason: '回访', fields: ['phone'] }),
    );
    expect(onlyPhone).toEqual({ phone: p.phone });

    const refused = await grid.post(`/api/cases/${id}/parties/${partyId}/unmask`, {
      reason: '想联系信访人',
      fields: ['idNumber', 'phone'],
    });
    expectError(refused, 403, 'FORBIDDEN');
    expect(JSON.stringify(refused.body)).not.toContain(p.idNumber);

    // Someone outside the jurisdiction learns nothing, not even that the party exists.
    const foreign = await signInAs(
      await makeUser((await makeDistrict()).townA, [{ role: 'petition_clerk' }]),
    );
    expectError(
      await foreign.post(`/api/cases/${id}/parties/${partyId}/unmask`, { reason: '查看', fields: ['phone'] }),
      404,
      'NOT_FOUND',
    );

    const rows = await accessRows(id);
    expect(
      rows.map((r) => ({
        user: r.user_id,
        action: r.action,
        fields: r.fields,
        reason: r.reason,
        party: r.party_id,
      })),
    ).toEqual([
      {
        user: wsUser.id,
        action: 'unmask',
        fields: ['idNumber', 'phone'],
        reason: '电话回访需核对身份',
        party: partyId,
      },
      { user: wsUser.id, action: 'unmask', fields: ['phone'], reason: '回访', party: partyId },
      {
        user: d.gridWorker.id,
        action: 'denied',
        fields: ['idNumber', 'phone'],
        reason: '想联系信访人',
        party: partyId,
      },
    ]);
    await expectChainIntact([id]);
  });
});

describe('switching the field cipher to SM4 on a live database', STORY, () => {
  it('writes new parties with SM4, still unmasks the AES ones and finds the person across both', async () => {
    const d = await makeDistrict();
    const wsUser = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
    const p = person('葛二十');
    const before = await signInAs(wsUser);
    const oldId = (await expectCreated(await before.post('/api/cases', intake({ petitioners: [p] })))).id;

    // The same database served by a process configured for national cryptography.
    const smApp = await buildApp({
      config: testConfig({ FIELD_CIPHER: 'sm4' }),
      database: await testDatabase(),
    });
    try {
      const after = await signIn(smApp, wsUser.username, TEST_PASSWORD);
      const newId = (await expectCreated(await after.post('/api/cases', intake({ petitioners: [p] })))).id;
      const stored = await (await testDb())
        .selectFrom('case_parties')
        .select(['case_id', 'id', 'id_number_enc', 'phone_enc', 'id_number_hmac'])
        .where('case_id', 'in', [oldId, newId])
        .execute();
      const oldRow = stored.find((r) => r.case_id === oldId);
      const newRow = stored.find((r) => r.case_id === newId);
      expect(oldRow?.id_number_enc?.startsWith('v1.')).toBe(true);
      expect(newRow?.id_number_enc?.startsWith('s1.')).toBe(true);
      expect(newRow?.phone_enc?.startsWith('s1.')).toBe(true);
      expect(newRow?.id_number_hmac).not.toBe(oldRow?.id_number_hmac);

      // History finds both cases of the person, whichever cipher wrote them, on either process.
      for (const client of [after, before]) {
        const history = await expectOk(await client.get(`/api/cases/history?idNumber=${p.idNumber}`));
        expect(new Set((history.items as Json[]).map((x) => x.id))).toEqual(new Set([oldId, newId]));
      }
      // Unmasking reads either format.
      for (const [caseId, row] of [
        [oldId, oldRow],
        [newId, newRow],
      ] as const) {
        const shown = await expectOk(
          await after.post(`/api/cases/${caseId}/parties/${row?.id}/unmask`, {
            reason: '核对身份',
            fields: ['idNumber', 'phone'],
          }),
        );
        expect(shown).toEqual({ idNumber: p.idNumber, phone: p.phone });
      }
    } finally {
      await smApp.close();
    }
  });
});

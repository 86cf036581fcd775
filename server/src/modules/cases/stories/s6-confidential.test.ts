import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../../test/factories.js';
import {
  accessRows,
  detail,
  eventTypes,
  expectChainIntact,
  expectCreated,
  expectError,
  ids,
  type Json,
  person,
  run,
  STORY,
  testDb,
} from '../../../test/story-helpers.js';

const accusation = (reporter: ReturnType<typeof person>) =>
  intake({
    channel: 'visit',
    nature: 'accusation',
    categoryCode: '1603',
    petitioners: [reporter],
    title: '村会计侵占集体资金',
    facts: '村会计李某多次将集体土地租金转入个人账户，数额约十二万元。',
    demands: '查处李某，追回集体资金',
    reasons: '侵占集体资金',
    address: '甲一村村委会',
  });

/**
 * S6 检举控告: an accusation goes to discipline inspection at once; the village, the town and the
 * district petition office cannot find it at all, and their attempts are logged (第30条, 第46条(五)).
 */
describe('S6 accusation, confidentiality (检举控告)', STORY, () => {
  it('refers the accusation to discipline inspection and hides it from the accused side', async () => {
    const d = await makeDistrict();
    const discipline = await makeUnit(d.district, 'discipline', '纪委监委');
    const wsUser = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
    const districtClerkUser = await makeUser(d.district, [{ role: 'petition_clerk' }]);
    const inspectorUser = await makeUser(discipline, [{ role: 'discipline_inspector' }]);
    const ws = await signInAs(wsUser);
    const townClerk = await signInAs(d.clerkA);
    const districtClerk = await signInAs(districtClerkUser);
    const inspector = await signInAs(inspectorUser);
    const reporter = person('王五');

    const created = await expectCreated(await ws.post('/api/cases', accusation(reporter)));
    const id = created.id as string;
    expect(created.referredToDiscipline).toBe(true);
    expect(created.case).toBeNull(); // it leaves the registrar's view at once

    // The accused side cannot find it: not by id, not in lists, not in the reporter's history.
    for (const [who, userId] of [
      [ws, wsUser.id],
      [townClerk, d.clerkA.id],
      [districtClerk, districtClerkUser.id],
    ] as const) {
      expectError(await who.get(`/api/cases/${id}`), 404, 'NOT_FOUND');
      expectError(await who.get(`/api/cases/${id}/events`), 404, 'NOT_FOUND');
      expect(ids(await who.get('/api/cases?limit=200'))).not.toContain(id);
      expect(ids(await who.get(`/api/cases?q=${encodeURIComponent(created.caseNo as string)}`))).toEqual([]);
      const history = await expectOk(
        await who.get(`/api/cases/history?idNumber=${encodeURIComponent(reporter.idNumber)}`),
      );
      expect((history.items as Json[]).map((x) => x.id)).not.toContain(id);
      expect(history.outsideScope).toBe(0); // not even counted: its existence is protected
      expectError(await who.post(`/api/cases/${id}/accept`, { version: 2 }), 404, 'NOT_FOUND');
      const denied = (await accessRows(id)).filter((r) => r.user_id === userId);
      expect(denied.length).toBeGreaterThanOrEqual(1);
      expect(denied.every((r) => r.action === 'denied')).toBe(true);
    }
    // A discipline inspector of another district does not see it either.
    const other = await makeDistrict();
    const otherDiscipline = await makeUnit(other.district, 'discipline', '纪委监委');
    const otherInspector = await signInAs(
      await makeUser(otherDiscipline, [{ role: 'discipline_inspector' }]),
    );
    expectError(await otherInspector.get(`/api/cases/${id}`), 404, 'NOT_FOUND');

    // The district's discipline body sees it, confidential, and may accept it.
    const seen = await detail(inspector, id);
    expect(seen.status).toBe('referred_discipline');
    expect(seen.isConfidential).toBe(true);
    expect(seen.nature).toBe('accusation');
    expect(seen.ownerUnit.id).toBe(discipline.id);
    expect(seen.abilities.commands).toContain('accept');
    expect(ids(await inspector.get('/api/cases?limit=200'))).toContain(id);
    const accepted = await run(inspector, id, 'accept', { note: '纪委监委受理' });
    expect(accepted.status).toBe('accepted');
    expect(accepted.isConfidential).toBe(true);
    expect(accepted.deadlines.find((x: Json) => x.code === 'D_HANDLE')?.unitId).toBe(discipline.id);

    // Still hidden after acceptance.
    expectError(await ws.get(`/api/cases/${id}`), 404, 'NOT_FOUND');

    expect(await eventTypes(inspector, id)).toEqual([
      'case.registered',
      'case.referred_discipline',
      'case.accepted',
    ]);
    const rows = await accessRows(id);
    expect(rows.filter((r) => r.action === 'denied').map((r) => r.user_id)).toEqual(
      expect.arrayContaining([wsUser.id, d.clerkA.id, districtClerkUser.id]),
    );
    expect(rows.some((r) => r.user_id === inspectorUser.id && r.action === 'denied')).toBe(false);
    await expectChainIntact([id]);
  });

  const handReferral = async () => {
    const d = await makeDistrict();
    const discipline = await makeUnit(d.district, 'discipline', '纪委监委');
    const clerkUser = await makeUser(d.townA, [{ role: 'petition_clerk' }]);
    const clerk = await signInAs(clerkUser);
    const created = await expectCreated(
      await clerk.post(
        '/api/cases',
        intake({
          petitioners: [person('赵六')],
          title: '反映村干部优亲厚友',
          facts: '村里低保名额都给了村干部亲属。',
          categoryCode: '0107',
        }),
      ),
    );
    return { d, discipline, clerkUser, clerk, id: created.id as string, version: created.case.version };
  };
  const ownerOf = (id: string) =>
    testDb().then((db) =>
      db
        .selectFrom('cases')
        .select(['status', 'owner_unit_id', 'is_confidential'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    );

  it('refers a matter by hand, without naming the body, to the discipline body of its own district', async () => {
    const { discipline, clerk, id, version } = await handReferral();
    // Another district with a deeper (town-level) discipline body: it must never receive our matter.
    const other = await makeDistrict();
    await makeUnit(other.townA, 'discipline', '乙区甲镇纪委');
    await clerk.post(`/api/cases/${id}/refer-discipline`, {
      version,
      reason: '涉及村干部违纪，移送纪检监察机关',
    });
    const row = await ownerOf(id);
    expect(row.status).toBe('referred_discipline');
    expect(row.is_confidential).toBe(true);
    expect(row.owner_unit_id).toBe(discipline.id);
  });

  it('answers the clerk who referred a matter with success, not 404, and does not log the clerk as denied', async () => {
    const { discipline, clerk, id, version } = await handReferral();
    const res = await clerk.post(`/api/cases/${id}/refer-discipline`, {
      version,
      toUnitId: discipline.id,
      reason: '涉及村干部违纪，移送纪检监察机关',
    });
    const row = await ownerOf(id);
    expect(row.status).toBe('referred_discipline');
    expect(row.owner_unit_id).toBe(discipline.id);
    // The command succeeded: the clerk must not be told "not found", nor logged as a denied attempt.
    expect(res.status).toBeLessThan(300);
    expect((await accessRows(id)).filter((r) => r.action === 'denied')).toEqual([]);
  });
});

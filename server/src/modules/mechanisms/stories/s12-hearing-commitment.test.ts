import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../../test/factories.js';
import {
  daysAgo,
  detail,
  eventTypes,
  expectChainIntact,
  expectCreated,
  expectError,
  type Json,
  person,
  receivedDaysAgo,
  replyAndDeliver,
  run,
  STORY,
} from '../../../test/story-helpers.js';
import { today } from '../../cases/case-clock.js';
import { addRoster, mech, records, uploadScan } from '../mechanisms.test-helpers.js';

/** S12 听证, 息诉罢访. */
describe('S12 hearing and closure', STORY, () => {
  it('holds a hearing with a panel from the roster, records the signed commitment and closes the case', async () => {
    const d = await makeDistrict();
    const admin = await signInAs(d.admin);
    const staff = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const panel = [
      await addRoster(admin, d.district, {
        kind: 'hearing_panel',
        name: '人大代表吴某',
        identity: 'npc_deputy',
        level: 'district',
      }),
      await addRoster(admin, d.district, {
        kind: 'hearing_panel',
        name: '律师郑某',
        identity: 'lawyer',
        level: 'district',
      }),
      await addRoster(admin, d.district, {
        kind: 'hearing_panel',
        name: '心理咨询师王某',
        identity: 'psychologist',
        level: 'district',
      }),
      await addRoster(admin, d.townA, {
        kind: 'hearing_panel',
        name: '乡贤冯老',
        identity: 'local_elder',
        level: 'town',
      }),
    ];
    const retired = await addRoster(admin, d.townA, {
      kind: 'hearing_panel',
      name: '已退出人员',
      identity: 'other',
      level: 'town',
    });
    expect(
      (await admin.patch(`/api/admin/mechanism-roster/${retired}`, { isActive: false })).body.isActive,
    ).toBe(false);
    const aMediator = await addRoster(admin, d.district, {
      kind: 'mediator',
      name: '调解员',
      identity: 'mediator',
      level: 'district',
    });

    const created = await expectCreated(
      await staff.post(
        '/api/cases',
        intake({
          receivedAt: receivedDaysAgo(25),
          petitioners: [person('褚大爷')],
          title: '养猪场被拆除要求补偿',
          facts: '信访人的养猪场因禁养区划定被拆除，多次越级上访要求补偿。',
          demands: '按实际损失补偿',
          reasons: '拆除前未足额补偿',
          categoryCode: '0201',
        }),
      ),
    );
    const id = created.id as string;
    await run(staff, id, 'accept');
    await run(staff, id, 'start-handling', { note: '请法律顾问上门释法' });

    const schedule = async (ids: string[]) =>
      staff.post(`/api/cases/${id}/mechanisms/hearing`, {
        version: (await detail(staff, id)).version,
        scheduledOn: today(),
        place: '甲一村我来办工作室',
        panelRosterIds: ids,
      });
    expectError(await schedule([...panel, retired]), 400, 'VALIDATION_FAILED');
    expectError(await schedule([...panel, aMediator]), 400, 'VALIDATION_FAILED');
    const hearing = await expectOk(await schedule(panel), 201);
    const hid = hearing.mechanismId as string;
    expect((await detail(staff, id)).status).toBe('hearing');

    await mech(staff, `/api/cases/${id}/mechanisms/${hid}/hearing-notice`, {
      notifiedOn: daysAgo(0),
      parties: ['褚大爷'],
      method: '直接送达',
    });
    const concluded = await mech(staff, `/api/cases/${id}/mechanisms/${hid}/conclude-hearing`, {
      version: (await detail(staff, id)).version,
      minutes: '听证员听取双方陈述，律师解释禁养区政策与补偿标准，心理咨询师疏导情绪。',
      conclusion: '拆除依法依规，已按标准补偿；建议镇政府协助信访人转产就业。',
    });
    expect((await detail(staff, id)).status).toBe('in_progress');
    expect((await detail(staff, id)).version).toBe(concluded.caseVersion);

    // 息诉罢访承诺书: the signed paper is stored as a case attachment and referenced.
    expectError(
      await staff.post(`/api/cases/${id}/mechanisms/signed-documents`, {
        kind: 'commitment',
        signedOn: today(),
        signedBy: '褚大爷',
        summary: '承诺不再就此事上访',
        attachmentId: crypto.randomUUID(),
      }),
      400,
      'VALIDATION_FAILED',
    );
    const scan = await uploadScan(staff, id, '息诉罢访承诺书（褚大爷签字）.pdf');
    await mech(
      staff,
      `/api/cases/${id}/mechanisms/signed-documents`,
      {
        kind: 'commitment',
        signedOn: today(),
        signedBy: '褚大爷',
        summary: '承诺息诉罢访',
        attachmentId: scan,
      },
      201,
    );

    await replyAndDeliver(staff, id);
    expect((await run(staff, id, 'close', { basis: 'petitioner_satisfied' })).status).toBe('closed');

    const all = await records(staff, id);
    expect(all.map((r) => [r.kind, r.status, r.outcome])).toEqual([
      ['hearing', 'concluded', 'held'],
      ['commitment', 'concluded', 'signed'],
    ]);
    expect(all[0]?.members.map((m: Json) => m.identity)).toEqual([
      'npc_deputy',
      'lawyer',
      'psychologist',
      'local_elder',
    ]);
    expect(all[0]?.steps.map((s: Json) => s.kind)).toEqual(['hearing_notice', 'conclusion']);
    expect(all[1]?.attachmentId).toBe(scan);

    // Who sat on what: the elder's record shows this hearing.
    const sittings = (await expectOk(await admin.get(`/api/mechanisms/roster/${panel[3]}/sittings`))) as Json;
    expect(sittings.items).toEqual([
      expect.objectContaining({ caseId: id, kind: 'hearing', role: 'panelist' }),
    ]);

    expect((await eventTypes(staff, id)).filter((t) => !t.startsWith('case.attachment'))).toEqual([
      'case.registered',
      'case.accepted',
      'case.handling_started',
      'case.hearing_started',
      'case.hearing_notice_sent',
      'case.hearing_ended',
      'case.commitment_signed',
      'case.opinion_issued',
      'case.delivered',
      'case.closed',
    ]);
    await expectChainIntact([id]);
  });

  it('keeps rosters to their administrators and their district', async () => {
    const d = await makeDistrict();
    const other = await makeDistrict();
    const admin = await signInAs(d.admin);
    const clerk = await signInAs(d.clerkA);
    const grid = await signInAs(d.gridWorker);
    // Case workers read the roster but cannot change it; a grid worker cannot read it.
    expectError(
      await clerk.post('/api/admin/mechanism-roster', {
        kind: 'expert',
        name: '某',
        identity: 'lawyer',
        level: 'town',
        ownerUnitId: d.townA.id,
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await admin.post('/api/admin/mechanism-roster', {
        kind: 'expert',
        name: '某',
        identity: 'lawyer',
        level: 'town',
        ownerUnitId: other.townA.id,
      }),
      404,
      'NOT_FOUND',
    );
    const mine = await addRoster(admin, d.townA, {
      kind: 'expert',
      name: '本区专家',
      identity: 'lawyer',
      level: 'town',
    });
    await addRoster(await signInAs(other.admin), other.district, {
      kind: 'expert',
      name: '外区专家',
      identity: 'lawyer',
      level: 'city',
    });
    const list = (await expectOk(await clerk.get('/api/mechanisms/roster?kind=expert'))) as Json;
    expect(list.items.map((r: Json) => r.id)).toEqual([mine]);
    expect(list.items[0]).toMatchObject({ ownerUnitName: '甲镇', level: 'town', isActive: true });
    expectError(await grid.get('/api/mechanisms/roster'), 403, 'FORBIDDEN');
    expectError(
      await (await signInAs(other.admin)).get(`/api/mechanisms/roster/${mine}/sittings`),
      404,
      'NOT_FOUND',
    );
  });
});

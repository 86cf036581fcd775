import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../../test/factories.js';
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
import { addDays } from '../../calendar/iso-date.js';
import { today } from '../../cases/case-clock.js';
import { addRoster, attachmentNamed, mech, records, uploadScan } from '../mechanisms.test-helpers.js';

async function setting() {
  const d = await makeDistrict();
  const zfw = await makeUnit(d.district, 'department', '区委政法委');
  const glj = await makeUnit(d.district, 'department', '公路分局');
  const sfj = await makeUnit(d.district, 'department', '区司法局');
  const centre = await makeUnit(sfj, 'service_centre', '矛盾纠纷多元调解中心');
  const court = await makeUnit(d.district, 'court', '区人民法院');
  const officeUser = await makeUser(d.district, [{ role: 'petition_clerk' }]);
  const mediatorUser = await makeUser(centre, [{ role: 'mediator' }]);
  const admin = await signInAs(d.admin);
  const mediatorId = await addRoster(admin, d.district, {
    kind: 'mediator',
    name: '郑调解',
    identity: 'mediator',
    level: 'district',
    userId: mediatorUser.id,
    workUnitId: centre.id,
    expertise: '交通事故、人身损害赔偿',
  });
  const office = await signInAs(officeUser);
  const created = await expectCreated(
    await office.post(
      '/api/cases',
      intake({
        channel: 'visit',
        receivedAt: receivedDaysAgo(20),
        petitioners: [person('冯大姐')],
        title: '路边树木倒伏致骑车人死亡请求赔偿',
        facts: '外来务工人员骑电动车途经镇道，路边大树倒伏将其砸中身亡，树木管护责任不清。',
        demands: '请求赔偿死亡赔偿金、丧葬费',
        reasons: '树木管护单位应承担责任',
        categoryCode: '0501',
      }),
    ),
  );
  return { d, zfw, glj, sfj, centre, court, office, mediatorUser, mediatorId, id: created.id as string };
}

/** S3 多元调解 + 一站式司法确认. */
describe('S3 task force, mediation and judicial confirmation', STORY, () => {
  it('convenes a task force, mediates to a signed agreement, confirms it in court, records payment and the follow-up', async () => {
    const { d, zfw, glj, sfj, court, office, mediatorUser, mediatorId, id } = await setting();
    await run(office, id, 'accept', { note: '涉及人身损害赔偿，成立专班' });

    // 专班: 政法委 leads, 公路分局, the town government and 司法局 sit on it.
    const highwayStaff = await signInAs(await makeUser(glj, [{ role: 'department_handler' }]));
    expect((await highwayStaff.get(`/api/cases/${id}`)).status).toBe(404);
    const tf = await mech(
      office,
      `/api/cases/${id}/mechanisms/task-force`,
      {
        purpose: '查明树木管护责任，组织调解赔偿',
        leadUnitId: zfw.id,
        memberUnitIds: [glj.id, d.townA.id, sfj.id],
        convenedOn: daysAgo(18),
      },
      201,
    );
    // While the task force is active its units see the case.
    expect((await detail(highwayStaff, id)).caseNo).toMatch(/^XF/);
    await mech(office, `/api/cases/${id}/mechanisms/${tf.mechanismId}/meetings`, {
      heldOn: daysAgo(17),
      place: '区信访办三楼会议室',
      attendees: '政法委、公路分局、甲镇政府、司法局',
      minutes: '公路分局称该路段树木由镇政府管护；镇政府同意参与调解。',
      decisions: '由司法局调解中心组织镇政府与家属调解。',
    });

    // Mediation through the case's own command: accepted → mediating.
    const started = await mech(
      office,
      `/api/cases/${id}/mechanisms/mediation`,
      {
        version: (await detail(office, id)).version,
        kind: 'people',
        organisation: '区矛盾纠纷多元调解中心',
        mediatorRosterIds: [mediatorId],
      },
      201,
    );
    const mediationId = started.mechanismId as string;
    expect((await detail(office, id)).status).toBe('mediating');

    // The mediator sees the mediation through the record (not the whole jurisdiction) and keeps it.
    const mediator = await signInAs(mediatorUser);
    expect((await mediator.get(`/api/cases/${id}`)).status).toBe(404);
    const mine = (await expectOk(await mediator.get('/api/mechanisms/mine'))) as Json;
    expect(mine.items).toContainEqual(
      expect.objectContaining({ caseId: id, kind: 'mediation', role: 'mediator' }),
    );
    const base = `/api/cases/${id}/mechanisms/${mediationId}`;
    for (const party of ['冯大姐（死者家属）', '甲镇人民政府']) {
      await mech(mediator, `${base}/consents`, { party, consented: true, recordedOn: daysAgo(15) });
    }
    await expectOk(
      await office.post(`/api/cases/${id}/video-references`, {
        url: 'https://video.example.org/mediation/2026-001',
        description: '第一次调解录像',
      }),
      201,
    );
    const videoId = await attachmentNamed(office, id, 'https://video.example.org/mediation/2026-001').catch(
      async () => {
        const c = await detail(office, id);
        return (c.attachments as Json[]).find((a) => a.kind === 'video_reference')?.id as string;
      },
    );
    await mech(mediator, `${base}/sessions`, {
      heldOn: daysAgo(14),
      place: '区矛盾纠纷多元调解中心第一调解室',
      attendees: '家属三人、镇政府代表、调解员郑调解',
      minutes: '双方陈述事实，家属认可死者无证驾驶未戴头盔负有部分责任。',
      videoAttachmentId: videoId,
    });
    const falseNotice = await uploadScan(office, id, '虚假调解法律责任告知书（签字）.pdf');
    const commitment = await uploadScan(office, id, '申请司法确认承诺书（签字）.pdf');
    await mech(mediator, `${base}/notices`, {
      notice: 'false_mediation_liability',
      acknowledgedBy: ['冯大姐', '甲镇人民政府'],
      acknowledgedOn: daysAgo(12),
      attachmentId: falseNotice,
    });
    await mech(mediator, `${base}/notices`, {
      notice: 'confirmation_commitment',
      acknowledgedBy: ['冯大姐', '甲镇人民政府'],
      acknowledgedOn: daysAgo(12),
      attachmentId: commitment,
    });

    // A written agreement needs the signed paper.
    const agreement = {
      parties: [
        { role: 'applicant', name: '冯大姐', description: '死者之妻，家属代表' },
        { role: 'respondent', name: '甲镇人民政府', description: '路段树木管护单位' },
      ],
      facts: '镇道路边树木倒伏致骑车人死亡。',
      issues: '树木管护责任与赔偿数额',
      responsibilities: '镇政府未及时排除树木隐患，承担主要责任；死者无证驾驶未戴头盔，承担次要责任。',
      terms: '甲镇人民政府一次性补偿家属人民币四十二万元，家属不再就此事提出其他请求。',
      performanceMethod: '银行转账至家属账户',
      performanceDeadline: addDays(today(), 10),
      amountYuan: 420000,
      effectiveOn: daysAgo(10),
    };
    expectError(await mediator.post(`${base}/agreement`, agreement), 400, 'VALIDATION_FAILED');
    const signed = await uploadScan(office, id, '调解协议书（各方签字盖章）.pdf');
    await mech(mediator, `${base}/agreement`, { ...agreement, attachmentId: signed });

    // The 30-day joint-application window runs from the agreement's effective date, shown green.
    let [, mediation] = await records(office, id);
    expect(mediation?.details.agreement).toMatchObject({ terms: agreement.terms, amountYuan: 420000 });
    expect(mediation?.attachmentId).toBe(signed);
    expect(mediation?.deadline).toMatchObject({
      code: 'D_JUDICIAL_CONFIRM_WINDOW',
      dueOn: expect.any(String),
      status: 'running',
      colour: 'green',
    });
    expect(mediation?.deadline.dueOn >= addDays(daysAgo(10), 30)).toBe(true);

    // Ending the mediation with its agreement: mediating → in_progress.
    const ended = await mech(office, `${base}/end`, {
      version: (await detail(office, id)).version,
      outcome: 'agreement',
    });
    expect((await detail(office, id)).version).toBe(ended.caseVersion);
    expect((await detail(office, id)).status).toBe('in_progress');

    // Judicial confirmation: filed jointly, confirmed the same day, then the payment.
    const jc = await mech(
      office,
      `${base}/judicial-confirmation`,
      {
        courtUnitId: court.id,
        courtName: '区人民法院',
        appliedOn: daysAgo(9),
        isJoint: true,
        filingNo: '（2026）司确字第12号',
      },
      200,
    );
    expectError(
      await office.post(`${base}/judicial-confirmation`, {
        courtName: '区人民法院',
        appliedOn: daysAgo(9),
        isJoint: true,
      }),
      400,
      'VALIDATION_FAILED',
    );
    await mech(office, `/api/cases/${id}/mechanisms/${jc.mechanismId}/ruling`, {
      decision: 'confirmed',
      decidedOn: daysAgo(9),
      rulingNo: '（2026）司确字第12号民事裁定书',
    });
    await mech(office, `/api/cases/${id}/mechanisms/${jc.mechanismId}/payments`, {
      paidOn: daysAgo(5),
      amountYuan: 420000,
      method: '银行转账',
      isComplete: true,
    });
    await mech(office, `/api/cases/${id}/mechanisms/${tf.mechanismId}/dissolve`, {
      dissolvedOn: daysAgo(5),
      summary: '调解协议已履行，专班工作结束',
    });
    expect((await highwayStaff.get(`/api/cases/${id}`)).status).toBe(404);

    const all = await records(office, id);
    expect(all.map((r) => [r.kind, r.status, r.outcome])).toEqual([
      ['task_force', 'concluded', 'dissolved'],
      ['mediation', 'concluded', 'agreement'],
      ['judicial_confirmation', 'concluded', 'confirmed'],
    ]);
    [, mediation] = all;
    expect(mediation?.deadline.status).toBe('met');
    expect(mediation?.members).toEqual([expect.objectContaining({ role: 'mediator', name: '郑调解' })]);
    expect(mediation?.steps.map((s: Json) => s.kind)).toEqual([
      'consent',
      'consent',
      'session',
      'notice',
      'notice',
      'agreement',
    ]);
    expect(all[2]?.steps.map((s: Json) => [s.kind, s.details.amountYuan ?? null])).toEqual([
      ['application', null],
      ['ruling', null],
      ['payment', 420000],
    ]);

    // Reply, closure and the follow-up call: done in 20 days.
    await replyAndDeliver(office, id);
    await run(office, id, 'close', { basis: 'petitioner_satisfied', note: '调解协议已司法确认并履行' });
    const followed = await run(office, id, 'follow-up', {
      method: 'phone',
      satisfaction: 'satisfied',
      resolved: true,
    });
    expect(followed.status).toBe('followed_up');

    // Who sat on what.
    const sittings = (await expectOk(
      await office.get(`/api/mechanisms/roster/${mediatorId}/sittings`),
    )) as Json;
    expect(sittings.items).toEqual([
      expect.objectContaining({ caseId: id, kind: 'mediation', role: 'mediator' }),
    ]);

    const types = await eventTypes(office, id);
    expect(types.filter((t) => !t.startsWith('case.attachment'))).toEqual([
      'case.registered',
      'case.accepted',
      'case.task_force_convened',
      'case.task_force_met',
      'case.mediation_started',
      'case.mediation_consent_recorded',
      'case.mediation_consent_recorded',
      'case.mediation_session_recorded',
      'case.mediation_notice_acknowledged',
      'case.mediation_notice_acknowledged',
      'case.agreement_effective',
      'case.mediation_ended',
      'case.confirmation_filed',
      'case.confirmation_decided',
      'case.agreement_performed',
      'case.task_force_dissolved',
      'case.opinion_issued',
      'case.delivered',
      'case.closed',
      'case.followed_up',
    ]);
    await expectChainIntact([id]);
  });

  it('refuses a judicial confirmation applied for after the 30-day window, naming the window', async () => {
    const { office, mediatorId, mediatorUser, id } = await setting();
    await run(office, id, 'accept');
    const m = await mech(
      office,
      `/api/cases/${id}/mechanisms/mediation`,
      {
        version: (await detail(office, id)).version,
        kind: 'administrative',
        organisation: '甲镇政府',
        mediatorRosterIds: [mediatorId],
      },
      201,
    );
    const base = `/api/cases/${id}/mechanisms/${m.mechanismId}`;
    // Someone outside the record cannot keep it; the mediator can record an oral agreement.
    const stranger = await signInAs(await makeUser((await makeDistrict()).district, [{ role: 'mediator' }]));
    expectError(
      await stranger.post(`${base}/consents`, { party: '甲', consented: true, recordedOn: today() }),
      404,
      'NOT_FOUND',
    );
    const mediator = await signInAs(mediatorUser);
    await mech(mediator, `${base}/agreement`, {
      form: 'oral',
      parties: [
        { role: 'applicant', name: '冯大姐', description: '家属' },
        { role: 'respondent', name: '甲镇人民政府', description: '管护单位' },
      ],
      facts: '同上',
      issues: '赔偿',
      responsibilities: '各担其责',
      terms: '补偿十万元',
      performanceMethod: '转账',
      performanceDeadline: today(),
      effectiveOn: daysAgo(40),
    });
    const [mediation] = await records(office, id);
    expect(mediation?.deadline.colour).toBe('red');
    const late = expectError(
      await office.post(`${base}/judicial-confirmation`, {
        courtName: '区人民法院',
        appliedOn: today(),
        isJoint: true,
      }),
      409,
      'OUT_OF_WINDOW',
    );
    expect(late.message).toMatch(/调解协议生效之日起30日内/);
    expect(late.message).toContain(daysAgo(40));
  });
});

import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../../test/factories.js';
import {
  detail,
  eventTypes,
  expectChainIntact,
  expectCreated,
  expectError,
  fieldPaths,
  type Json,
  person,
  receivedDaysAgo,
  replyAndDeliver,
  run,
  STORY,
} from '../../../test/story-helpers.js';
import { addDays } from '../../calendar/iso-date.js';
import { today } from '../case-clock.js';

async function backlog() {
  const d = await makeDistrict();
  const centre = await makeUnit(d.district, 'service_centre', '经济发展服务中心');
  const officeUser = await makeUser(d.district, [{ role: 'petition_clerk' }]);
  const leaderUser = await makeUser(d.district, [{ role: 'leader' }]);
  const office = await signInAs(officeUser);
  const created = await expectCreated(
    await office.post(
      '/api/cases',
      intake({
        channel: 'visit',
        receivedAt: receivedDaysAgo(30),
        petitioners: [person('褚师傅'), person('卫师傅')],
        representatives: [person('工人代表一'), person('工人代表二')],
        personCount: 40,
        title: '衡器厂停产拖欠工资社保',
        facts: '衡器厂2008年停产，拖欠40名职工工资、住房公积金和社会保险至今未解决。',
        demands: '补发工资，补缴公积金和社保',
        reasons: '多年反映未果',
        categoryCode: '0501',
        riskColour: 'yellow',
        riskReason: '历史积案，群体多次上访',
        address: '原衡器厂厂区',
      }),
    ),
  );
  return { d, centre, officeUser, leaderUser, office, id: created.id as string };
}

/** S5 积案化解: 包案 with the four fixes, monthly progress with the special fund, and 销号. */
describe('S5 a ten-year backlog case (包案, 四定, 一案一策, 销号)', STORY, () => {
  it('attaches a district leader with the four fixes, reports monthly progress and crosses the case off', async () => {
    const { d, centre, leaderUser, office, id } = await backlog();
    await run(office, id, 'accept', { note: '列入积案化解专项' });
    const deadlineDay = addDays(today(), 120);

    // The 包案 leader must be a leader.
    const clerkAsLeader = await office.post(`/api/cases/${id}/attach-leader`, {
      version: (await detail(office, id)).version,
      leaderUserId: d.clerkA.id,
      responsibleUnitId: centre.id,
      handlerName: '王科长',
      plan: '清产核资，申请专项资金',
      deadline: deadlineDay,
    });
    expectError(clerkAsLeader, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(clerkAsLeader)).toEqual(['body.leaderUserId']);

    const plan = '一、清产核资，核定欠款；二、申请区级专项资金垫付工资；三、协调社保局补缴社保和公积金。';
    const packaged = await run(office, id, 'attach-leader', {
      leaderUserId: leaderUser.id,
      responsibleUnitId: centre.id,
      handlerName: '王科长',
      plan,
      deadline: deadlineDay,
    });
    expect(packaged.status).toBe('accepted');
    expect(packaged.leader).toMatchObject({
      userId: leaderUser.id,
      name: expect.any(String),
      package: { responsibleUnitId: centre.id, handlerName: '王科长', plan, deadline: deadlineDay },
    });
    expect(packaged.leader.name.length).toBeGreaterThan(0);

    // The responsible unit now sees the case; so does the leader.
    const centreStaff = await signInAs(await makeUser(centre, [{ role: 'department_handler' }]));
    expect((await detail(centreStaff, id)).leader.userId).toBe(leaderUser.id);
    const leader = await signInAs(leaderUser);
    expect((await detail(leader, id)).leader.package.plan).toBe(plan);

    // Monthly progress with the special-fund money used.
    await run(office, id, 'report-progress', { text: '一月：完成清产核资，核定欠薪186万元。' });
    await run(office, id, 'report-progress', {
      text: '二月：专项资金到位，已发放第一批工资。',
      fundsUsedYuan: 1_200_000,
    });
    const third = await run(office, id, 'report-progress', {
      text: '三月：发放剩余工资，补缴社保。',
      fundsUsedYuan: 660_000.5,
    });
    expect(third.status).toBe('accepted');
    const events = await expectOk(await office.get(`/api/cases/${id}/events`));
    const progress = (events.items as Json[]).filter((e) => e.type === 'case.progress_reported');
    expect(progress.map((e) => e.payload.fundsUsedYuan)).toEqual([undefined, 1_200_000, 660_000.5]);

    // Solved: reply, delivery, closure (销号) and follow-up.
    await replyAndDeliver(office, id);
    const closed = await run(office, id, 'close', { basis: 'petitioner_satisfied', note: '积案销号' });
    expect(closed.status).toBe('closed');
    expect(closed.leader.userId).toBe(leaderUser.id); // the package stays on the record
    // A closed case takes no more progress reports.
    expectError(
      await office.post(`/api/cases/${id}/report-progress`, { version: closed.version, text: '补充' }),
      409,
      'INVALID_TRANSITION',
    );
    await run(office, id, 'follow-up', { method: 'visit', satisfaction: 'satisfied', resolved: true });

    expect(await eventTypes(office, id)).toEqual([
      'case.registered',
      'case.accepted',
      'case.leader_attached',
      'case.progress_reported',
      'case.progress_reported',
      'case.progress_reported',
      'case.opinion_issued',
      'case.delivered',
      'case.closed',
      'case.followed_up',
    ]);
    await expectChainIntact([id]);
  });

  it('does not let staff without the packaging permission attach a leader', async () => {
    const { d, centre, leaderUser, id, office } = await backlog();
    await run(office, id, 'accept');
    // A district leader may package; a handler of the responsible unit may not.
    const handler = await signInAs(await makeUser(d.district, [{ role: 'department_handler' }]));
    const res = await handler.post(`/api/cases/${id}/attach-leader`, {
      version: (await detail(handler, id)).version,
      leaderUserId: leaderUser.id,
      responsibleUnitId: centre.id,
      handlerName: '王科长',
      plan: '方案',
      deadline: addDays(today(), 30),
    });
    expectError(res, 403, 'FORBIDDEN');
    expect((await detail(office, id)).leader).toBeNull();
  });

  it('refuses as 包案 leader a leader of another district, who has no jurisdiction over the case', async () => {
    const { centre, id, office } = await backlog();
    await run(office, id, 'accept');
    const stranger = await makeUser((await makeDistrict()).district, [{ role: 'leader' }]);
    const res = await office.post(`/api/cases/${id}/attach-leader`, {
      version: (await detail(office, id)).version,
      leaderUserId: stranger.id,
      responsibleUnitId: centre.id,
      handlerName: '王科长',
      plan: '方案',
      deadline: addDays(today(), 30),
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(res)).toEqual(['body.leaderUserId']);
  });

  it('refuses as responsible unit a unit of another district (it would gain sight of the case)', async () => {
    const { leaderUser, id, office } = await backlog();
    await run(office, id, 'accept');
    const elsewhere = await makeDistrict();
    const res = await office.post(`/api/cases/${id}/attach-leader`, {
      version: (await detail(office, id)).version,
      leaderUserId: leaderUser.id,
      responsibleUnitId: elsewhere.department.id,
      handlerName: '王科长',
      plan: '方案',
      deadline: addDays(today(), 30),
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(res)).toEqual(['body.responsibleUnitId']);
    const outsider = await signInAs(await makeUser(elsewhere.department, [{ role: 'department_handler' }]));
    expectError(await outsider.get(`/api/cases/${id}`), 404, 'NOT_FOUND');
  });
});

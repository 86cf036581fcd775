import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../../test/factories.js';
import {
  deadline,
  detail,
  eventTypes,
  expectChainIntact,
  expectCreated,
  expectError,
  freshPhone,
  type Json,
  person,
  run,
  STORY,
} from '../../../test/story-helpers.js';
import { seededWorkCalendar } from '../../calendar/work-calendar.js';
import { today } from '../case-clock.js';

/**
 * S2 大事不出乡镇街, 吹哨报到: the community workstation registers a group complaint as agent for 12
 * residents, escalates it to the street, the street summons two departments as co-handlers, they
 * report in and feed back, and the street replies, closes and follows up.
 */
describe('S2 community acts as agent, town summons departments (吹哨报到)', STORY, () => {
  it('carries the pigeon complaint from the community to the town, through the whistle, to follow-up', async () => {
    const d = await makeDistrict();
    const chengguan = await makeUnit(d.district, 'department', '城管委');
    const zhujian = d.department; // 住建委
    const wsUser = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
    const ws = await signInAs(wsUser);
    const town = await signInAs(d.clerkA);
    const cgHandler = await signInAs(await makeUser(chengguan, [{ role: 'department_handler' }]));
    const zjHandler = await signInAs(await makeUser(zhujian, [{ role: 'department_handler' }]));

    // 12 residents, 3 of them representatives; the community workstation files as their agent.
    const residents = Array.from({ length: 12 }, (_, i) => ({
      name: `居民${i + 1}`,
      address: `幸福小区${1 + (i % 3)}号楼`,
      ...(i < 3 ? { phone: freshPhone() } : {}),
    }));
    const created = await ws.post(
      '/api/cases',
      intake({
        channel: 'agent',
        agent: { partyType: 'organisation', name: '甲一村我来办工作室', phone: freshPhone() },
        petitioners: residents,
        representatives: [person('代表甲'), person('代表乙'), person('代表丙')],
        personCount: 12,
        title: '楼顶养鸽污染阳台',
        facts: '小区楼顶有人私搭鸽棚养鸽，鸽粪污染多户阳台，气味难闻，居民多次协商无果。',
        demands: '拆除楼顶鸽棚，清理污染',
        reasons: '影响居民生活和卫生',
        categoryCode: '2012',
        address: '幸福小区2号楼楼顶',
      }),
    );
    const reg = await expectCreated(created);
    const id = reg.id as string;
    const c0 = reg.case as Json;
    expect(c0.channel).toBe('agent');
    expect(c0.personCount).toBe(12);
    expect(c0.isGroup).toBe(true); // 集体访: 5 or more persons (default threshold)
    expect(c0.firstUnit.id).toBe(d.communityA1.id);
    expect((c0.parties as Json[]).filter((p) => p.role === 'petitioner')).toHaveLength(12);
    expect((c0.parties as Json[]).filter((p) => p.role === 'representative')).toHaveLength(3);
    expect((c0.parties as Json[]).filter((p) => p.role === 'agent').map((p) => p.name)).toEqual([
      '甲一村我来办工作室',
    ]);

    await run(ws, id, 'accept', { note: '受理后社区协调未果' });
    const handleBefore = deadline(await detail(ws, id), 'D_HANDLE');

    // 提级办理: the street office becomes the owner; the community keeps a read-only view.
    const escalated = await run(ws, id, 'escalate', { reason: '涉及违法搭建，社区无力解决，提请街道办理' });
    expect(escalated.status).toBe('accepted');
    expect(escalated.ownerUnit.id).toBe(d.townA.id);
    expect(escalated.firstUnit.id).toBe(d.communityA1.id);
    // Escalation does not buy time: the same handling clock, now the town's.
    const handleAfter = deadline(escalated, 'D_HANDLE');
    expect(handleAfter.id).toBe(handleBefore.id);
    expect(handleAfter.dueOn).toBe(handleBefore.dueOn);
    expect(handleAfter.unitId).toBe(d.townA.id);

    const seenByCommunity = await detail(ws, id);
    expect(seenByCommunity.ownerUnit.id).toBe(d.townA.id);
    expect(seenByCommunity.abilities.commands).toEqual([]);
    expect(seenByCommunity.abilities.actions).toEqual([]);
    expectError(
      await ws.post(`/api/cases/${id}/issue-opinion`, {
        version: seenByCommunity.version,
        outcome: 'support',
        text: '社区越权答复',
        legalBasis: '无',
      }),
      403,
      'FORBIDDEN',
    );
    expect((await detail(town, id)).abilities.commands).toEqual(
      expect.arrayContaining(['issueOpinion', 'startHandling']),
    );

    // 吹哨: 城管委 and 住建委 as co-handlers, each with its task, to report in within 1 working day.
    const blown = await run(town, id, 'whistle', {
      tasks: [
        { unitId: chengguan.id, role: 'co', task: '依法认定并拆除楼顶违法鸽棚', reportInWorkingDays: 1 },
        { unitId: zhujian.id, role: 'co', task: '督促物业清理污染、加装防鸽设施', reportInWorkingDays: 1 },
      ],
    });
    expect(blown.status).toBe('accepted');
    expect(blown.ownerUnit.id).toBe(d.townA.id); // the street stays lead handler
    const reportDue = seededWorkCalendar().addWorkingDays(today(), 1).date;
    const tasks = blown.assignments as Json[];
    expect(tasks.map((a) => [a.unit.id, a.role, a.status, a.reportDueOn])).toEqual([
      [chengguan.id, 'co', 'assigned', reportDue],
      [zhujian.id, 'co', 'assigned', reportDue],
    ]);
    const cgTask = tasks[0]!.id as string;
    const zjTask = tasks[1]!.id as string;

    // The summoned departments see the case and their own task, but cannot run the lead's commands.
    const cgView = await detail(cgHandler, id);
    expect(cgView.abilities.commands).toEqual([]);
    const cgOwn = (cgView.assignments as Json[]).find((a) => a.id === cgTask);
    const cgOther = (cgView.assignments as Json[]).find((a) => a.id === zjTask);
    expect(cgOwn?.abilities.reportIn).toBe(true);
    expect(cgOther?.abilities.reportIn).toBe(false);
    expect((await zjHandler.get(`/api/cases/${id}`)).status).toBe(200);
    // A department may not report in on another department's task.
    expectError(
      await cgHandler.post(`/api/cases/${id}/assignments/${zjTask}/report-in`, {}),
      403,
      'FORBIDDEN',
    );

    // A department of another district cannot even find the case.
    const other = await makeDistrict();
    const foreign = await signInAs(await makeUser(other.department, [{ role: 'department_handler' }]));
    expectError(await foreign.get(`/api/cases/${id}`), 404, 'NOT_FOUND');
    expectError(await foreign.post(`/api/cases/${id}/assignments/${cgTask}/report-in`, {}), 404, 'NOT_FOUND');

    // 报到 and feedback; the lead's version is not bumped by the co-handlers' reports.
    const versionBefore = (await detail(town, id)).version;
    await expectOk(
      await cgHandler.post(`/api/cases/${id}/assignments/${cgTask}/report-in`, { note: '已到场' }),
    );
    await expectOk(
      await zjHandler.post(`/api/cases/${id}/assignments/${zjTask}/report-in`, { note: '已到场' }),
    );
    expectError(
      await cgHandler.post(`/api/cases/${id}/assignments/${cgTask}/report-in`, {}),
      409,
      'INVALID_TRANSITION',
    );
    await expectOk(
      await cgHandler.post(`/api/cases/${id}/assignments/${cgTask}/feedback`, {
        text: '鸽棚系违法搭建，已责令限期拆除并于当日拆除完毕。',
      }),
    );
    const afterFeedback = await expectOk(
      await zjHandler.post(`/api/cases/${id}/assignments/${zjTask}/feedback`, {
        text: '已督促物业清洗阳台外墙并加装防鸽网。',
      }),
    );
    expect(afterFeedback.version).toBe(versionBefore);
    expect((afterFeedback.assignments as Json[]).map((a) => a.status)).toEqual(['done', 'done']);
    const feedbackClocks = (afterFeedback.deadlines as Json[]).filter(
      (x) => x.code === 'D_ASSIGNED_FEEDBACK',
    );
    expect(feedbackClocks.map((x) => x.status)).toEqual(['met', 'met']);

    // The street replies, delivers, closes on the residents' satisfaction and follows up.
    await run(town, id, 'issue-opinion', {
      outcome: 'support',
      text: '楼顶违法鸽棚已拆除，污染已清理，并加装防鸽设施。',
      legalBasis: '《城市市容和环境卫生管理条例》；《信访工作条例》第32条',
    });
    const delivered = await run(town, id, 'deliver', {
      method: 'in_person',
      deliveredOn: today(),
      proof: '代表人签收送达回证',
      confirmedByPetitioner: true,
    });
    expect(delivered.resolvedOnSpot).toBe(false); // escalated: not resolved at the first level
    expect(deadline(delivered, 'D_HANDLE').status).toBe('met');
    await run(town, id, 'close', { basis: 'petitioner_satisfied', note: '居民代表表示满意' });
    const followed = await run(town, id, 'follow-up', {
      method: 'visit',
      satisfaction: 'satisfied',
      resolved: true,
      comment: '回访12户居民，均表示满意',
    });
    expect(followed.status).toBe('followed_up');
    expect(followed.satisfaction).toBe('satisfied');
    expect(followed.personCount).toBe(12);
    expect(followed.isGroup).toBe(true);

    // One case in the town's ledger, twelve person-times.
    const list = await town.get(`/api/cases?unitId=${d.townA.id}&open=false`);
    const row = (list.body.items as Json[]).find((x) => x.id === id);
    expect(row).toMatchObject({ personCount: 12, isGroup: true, status: 'followed_up' });

    const types = await eventTypes(town, id);
    expect(types).toEqual([
      'case.registered',
      'case.accepted',
      'case.escalated',
      'case.whistle_blown',
      'case.assignment_reported',
      'case.assignment_reported',
      'case.assignment_feedback',
      'case.assignment_feedback',
      'case.opinion_issued',
      'case.delivered',
      'case.closed',
      'case.followed_up',
    ]);
    // The community that first received it still reads the whole record.
    expect(await eventTypes(ws, id)).toEqual(types);
    await expectChainIntact([id]);
  });

  it('summons only units of its own district: a department elsewhere is refused and never sees the case', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const town = await signInAs(d.clerkA);
    const created = await expectCreated(
      await ws.post('/api/cases', intake({ petitioners: [person('李四')] })),
    );
    const id = created.id as string;
    await run(ws, id, 'accept');
    await run(ws, id, 'escalate', { reason: '提级办理' });
    const elsewhere = await makeDistrict();
    const res = await town.post(`/api/cases/${id}/whistle`, {
      version: (await detail(town, id)).version,
      tasks: [{ unitId: elsewhere.department.id, role: 'co', task: '协助处理' }],
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details.map((f: Json) => f.path)).toEqual(['body.tasks.0.unitId']);
    const outsider = await signInAs(await makeUser(elsewhere.department, [{ role: 'department_handler' }]));
    expectError(await outsider.get(`/api/cases/${id}`), 404, 'NOT_FOUND');
  });
});

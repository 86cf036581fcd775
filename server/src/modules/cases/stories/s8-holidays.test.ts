import { beforeAll, describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs, type TestUser } from '../../../test/factories.js';
import {
  deadline,
  detail,
  eventTypes,
  expectChainIntact,
  expectCreated,
  expectError,
  fieldPaths,
  type Json,
  person,
  receivedDaysAgo,
  run,
  STORY,
  testDb,
} from '../../../test/story-helpers.js';
import type { Client } from '../../../test/test-app.js';
import { computeProfileDue } from '../../calendar/deadline-engine.js';
import { NATIONAL_PROFILE } from '../../calendar/deadline-rules.js';
import { addDays, diffDays } from '../../calendar/iso-date.js';
import { seededWorkCalendar } from '../../calendar/work-calendar.js';
import { today } from '../case-clock.js';

const cal = seededWorkCalendar();

/**
 * S8 调休: a matter handed down on Friday 2026-09-25, just before 国庆, with the legal clocks of
 * DOMAIN.md §2.2 (start day not counted, roll forward over rest days, a make-up Saturday is a
 * workday), the objection window, the 60-day handling period with its one extension, and the
 * green / yellow / red queue colours.
 */
describe('S8 deadlines across holidays (调休)', STORY, () => {
  let d: Awaited<ReturnType<typeof makeDistrict>>;
  let town: Client;
  let leaderA: TestUser;
  let id: string;

  beforeAll(async () => {
    d = await makeDistrict();
    town = await signInAs(d.clerkA);
    leaderA = await makeUser(d.townA, [{ role: 'leader' }]);
    const created = await expectCreated(
      await town.post(
        '/api/cases',
        intake({
          channel: 'superior',
          sourceRef: '区信访办转送〔2026〕88号',
          receivedAt: '2026-09-25T10:00:00+08:00',
          petitioners: [person('冯十三')],
          title: '小区电梯长期停运',
          facts: '小区3号楼电梯停运两个月，物业称维修资金不足。',
          demands: '尽快修复电梯',
          categoryCode: '0204',
          address: '幸福小区3号楼',
        }),
      ),
    );
    id = created.id as string;
  });

  it('stores the notice and objection deadlines of a matter received on the Friday before National Day', async () => {
    const c = await detail(town, id);
    expect(c.receivedOn).toBe('2026-09-25');
    expect(c.channel).toBe('superior');
    // 15 calendar days end on 2026-10-10, a make-up working Saturday: no roll.
    expect(deadline(c, 'D_NOTIFY_TRANSFERRED')).toMatchObject({
      startedOn: '2026-09-25',
      dueOn: '2026-10-10',
      period: 15,
      periodUnit: 'calendar_days',
      status: 'running',
    });
    // 5 working days: 09-28, 09-29, 09-30, 10-08, 10-09.
    expect(deadline(c, 'D_OBJECTION')).toMatchObject({
      startedOn: '2026-09-25',
      dueOn: '2026-10-09',
      period: 5,
      periodUnit: 'working_days',
      status: 'running',
    });
    expect((c.deadlines as Json[]).map((x) => x.code).sort()).toEqual([
      'D_NOTIFY_TRANSFERRED',
      'D_OBJECTION',
    ]);
    // Both passed long ago (today is after 2026-10-10): the matter is red in the queue.
    expect(c.due.colour).toBe('red');
    expect(c.due.daysLeft).toBeLessThan(0);
  });

  it('refuses an objection made today: the 5-working-day window ended on 2026-10-09', async () => {
    const c = await detail(town, id);
    const res = await town.post(`/api/cases/${id}/object`, {
      version: c.version,
      reason: '该事项不属于本镇职责',
    });
    const err = expectError(res, 409, 'OUT_OF_WINDOW');
    expect(err.details).toMatchObject({ window: 'D_OBJECTION', lastDay: '2026-10-09' });
    expect(err.message).toContain('5个工作日');
    expect(err.message).toContain('2026-10-09');
    expect((await detail(town, id)).status).toBe('registered');
  });

  it('accepts today with a 60-day handling period, extends it once by 30 days with a leader’s approval', async () => {
    const accepted = await run(town, id, 'accept', { note: '依法受理' });
    const acceptedOn = today();
    const handle = deadline(accepted, 'D_HANDLE');
    const expected = computeProfileDue(cal, NATIONAL_PROFILE, 'D_HANDLE', acceptedOn);
    expect(handle).toMatchObject({
      startedOn: acceptedOn,
      period: 60,
      dueOn: expected.dueDate,
      status: 'running',
      extensionDays: 0,
    });
    // The written notice came late: its clock is stopped as missed.
    expect(deadline(accepted, 'D_NOTIFY_TRANSFERRED').status).toBe('missed');
    expect(accepted.due).toMatchObject({ code: 'D_HANDLE', dueOn: expected.dueDate, colour: 'green' });

    // The approver must be a leader of the handling unit.
    const clerkApproves = await town.post(`/api/cases/${id}/extend`, {
      version: accepted.version,
      days: 30,
      reason: '涉及维修资金使用表决，情况复杂',
      approvedBy: d.clerkA.id,
    });
    expectError(clerkApproves, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(clerkApproves)).toEqual(['body.approvedBy']);
    const leaderB = await makeUser(d.townB, [{ role: 'leader' }]);
    const otherTownApproves = await town.post(`/api/cases/${id}/extend`, {
      version: accepted.version,
      days: 30,
      reason: '涉及维修资金使用表决，情况复杂',
      approvedBy: leaderB.id,
    });
    expectError(otherTownApproves, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(otherTownApproves)).toEqual(['body.approvedBy']);
    expect(deadline(await detail(town, id), 'D_HANDLE').dueOn).toBe(expected.dueDate);

    // 30 days added to the unrolled end (day 90 from acceptance), then rolled if a rest day.
    const extended = await run(town, id, 'extend', {
      days: 30,
      reason: '涉及维修资金使用表决，情况复杂',
      approvedBy: leaderA.id,
    });
    const newDue = cal.nextWorkday(addDays(acceptedOn, 90)).date;
    expect(deadline(extended, 'D_HANDLE')).toMatchObject({ dueOn: newDue, extensionDays: 30 });
    expect(diffDays(expected.rawEnd, addDays(acceptedOn, 90))).toBe(30);
    expect(extended.status).toBe('accepted'); // an extension is not a status

    // The extension notice goes to the petitioner with the reason.
    const outbox = await (await testDb())
      .selectFrom('outbox')
      .select(['topic', 'payload'])
      .where('case_id', '=', id)
      .where('topic', '=', 'sms.petitioner.extended')
      .execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.payload).toMatchObject({ newDueOn: newDue, reason: '涉及维修资金使用表决，情况复杂' });

    // The total may not exceed 30 days: one more day is refused.
    const again = await town.post(`/api/cases/${id}/extend`, {
      version: extended.version,
      days: 1,
      reason: '再延一天',
      approvedBy: leaderA.id,
    });
    expectError(again, 409, 'EXTENSION_NOT_ALLOWED');
    expect(deadline(await detail(town, id), 'D_HANDLE').dueOn).toBe(newDue);

    const events = await expectOk(await town.get(`/api/cases/${id}/events`));
    const ext = (events.items as Json[]).find((e) => e.type === 'case.extended');
    expect(ext?.payload).toMatchObject({
      days: 30,
      totalDays: 30,
      approvedBy: leaderA.id,
      previousDueOn: expected.dueDate,
      newDueOn: newDue,
    });
    expect((await eventTypes(town, id)).filter((t) => t === 'case.extended')).toHaveLength(1);
    await expectChainIntact([id]);
  });

  it('shows an overdue matter red and a fresh one green in the queue', async () => {
    const dist = await makeDistrict();
    const clerk = await signInAs(dist.clerkA);
    const overdue = await expectCreated(
      await clerk.post(
        '/api/cases',
        intake({ petitioners: [person('陈十四')], receivedAt: receivedDaysAgo(20), title: '逾期未告知' }),
      ),
    );
    const fresh = await expectCreated(
      await clerk.post('/api/cases', intake({ petitioners: [person('褚十五')], title: '今日来访' })),
    );
    const overdueDue = computeProfileDue(cal, NATIONAL_PROFILE, 'D_NOTIFY_DIRECT', addDays(today(), -20));
    expect(deadline(overdue.case as Json, 'D_NOTIFY_DIRECT').dueOn).toBe(overdueDue.dueDate);

    const red = await expectOk(await clerk.get('/api/cases?colour=red'));
    expect((red.items as Json[]).map((x) => x.id)).toEqual([overdue.id]);
    const row = (red.items as Json[])[0];
    expect(row).toMatchObject({ dueCode: 'D_NOTIFY_DIRECT', dueOn: overdueDue.dueDate, dueColour: 'red' });
    expect(row?.daysLeft).toBeLessThan(0);
    expect(row?.daysLeft).toBe(diffDays(today(), overdueDue.dueDate));

    const green = await expectOk(await clerk.get('/api/cases?colour=green'));
    expect((green.items as Json[]).map((x) => x.id)).toEqual([fresh.id]);
    expect((green.items as Json[])[0]).toMatchObject({ dueColour: 'green', dueCode: 'D_NOTIFY_DIRECT' });
    expect((green.items as Json[])[0]?.daysLeft).toBeGreaterThan(3);

    const overdueOnly = await expectOk(await clerk.get('/api/cases?overdue=true'));
    expect((overdueOnly.items as Json[]).map((x) => x.id)).toEqual([overdue.id]);

    // Sorted by due date, the overdue matter comes first; the summary counts one red, one green.
    const all = await expectOk(await clerk.get('/api/cases'));
    expect((all.items as Json[]).map((x) => x.id)).toEqual([overdue.id, fresh.id]);
    const summary = await expectOk(await clerk.get('/api/cases/summary'));
    expect(summary).toMatchObject({ open: 2, red: 1, green: 1, yellow: 0 });
    await expectChainIntact([overdue.id, fresh.id]);
  });
});

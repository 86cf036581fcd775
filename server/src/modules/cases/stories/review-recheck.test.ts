import { describe, expect, it } from 'vitest';
import { intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../../test/factories.js';
import {
  daysAgo,
  deadline,
  detail,
  eventTypes,
  expectChainIntact,
  expectCreated,
  expectError,
  fieldPaths,
  person,
  receivedDaysAgo,
  replyAndDeliver,
  run,
  STORY,
} from '../../../test/story-helpers.js';
import { computeProfileDue } from '../../calendar/deadline-engine.js';
import { NATIONAL_PROFILE } from '../../calendar/deadline-rules.js';
import { addDays } from '../../calendar/iso-date.js';
import { seededWorkCalendar } from '../../calendar/work-calendar.js';
import { today } from '../case-clock.js';

const cal = seededWorkCalendar();

async function setting() {
  const d = await makeDistrict();
  const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
  const town = await signInAs(d.clerkA);
  const district = await signInAs(await makeUser(d.district, [{ role: 'petition_clerk' }]));
  return { d, ws, town, district };
}

/** 复查 → 复核 → 终结 (第35–36条), with the petitioner's windows and the hearing pause. */
describe('复查, 复核 and termination', STORY, () => {
  it('pauses the 复核 period during a hearing and resumes it later, then terminates', async () => {
    const { d, ws, town, district } = await setting();
    const created = await expectCreated(
      await ws.post('/api/cases', intake({ petitioners: [person('周九')], categoryCode: '0302' })),
    );
    const id = created.id as string;
    await run(ws, id, 'accept');
    await replyAndDeliver(ws, id);
    const on = today();

    // 复查 by the next higher organ: the town above the village.
    const requested = await run(town, id, 'request-review', { requestedOn: on, reasons: '不服处理意见' });
    expect(requested.status).toBe('review_requested');
    expect(requested.ownerUnit.id).toBe(d.townA.id);
    expect(deadline(requested, 'D_REVIEW_WINDOW').status).toBe('met');
    expect(deadline(requested, 'D_REVIEW_DECIDE')).toMatchObject({
      status: 'running',
      unitId: d.townA.id,
      dueOn: computeProfileDue(cal, NATIONAL_PROFILE, 'D_REVIEW_DECIDE', on).dueDate,
    });
    // The village that decided first no longer acts on it.
    expect((await detail(ws, id)).abilities.commands).toEqual([]);
    await run(town, id, 'start-review');
    await run(town, id, 'decide-review', { decision: 'uphold', text: '维持原处理意见。' });
    const reviewDelivered = await run(town, id, 'deliver-review', {
      method: 'registered_mail',
      deliveredOn: on,
      proof: '挂号信回执',
    });
    expect(deadline(reviewDelivered, 'D_RECHECK_WINDOW').dueOn).toBe(
      computeProfileDue(cal, NATIONAL_PROFILE, 'D_RECHECK_WINDOW', on).dueDate,
    );

    // 复核 by the organ above the town: the district.
    await run(town, id, 'request-recheck', { requestedOn: on, reasons: '不服复查意见' });
    const rechecking = await run(district, id, 'start-recheck');
    expect(rechecking.status).toBe('rechecking');
    expect(rechecking.ownerUnit.id).toBe(d.district.id);
    const before = deadline(rechecking, 'D_RECHECK_DECIDE');
    expect(before.status).toBe('running');
    expect(before.dueOn).toBe(computeProfileDue(cal, NATIONAL_PROFILE, 'D_RECHECK_DECIDE', on).dueDate);

    // 听证: hearing time does not count toward the 30 days.
    const hearing = await run(district, id, 'start-hearing', { scheduledOn: on, note: '公开听证' });
    expect(hearing.status).toBe('hearing');
    expect(deadline(hearing, 'D_RECHECK_DECIDE').status).toBe('paused');
    expect(hearing.abilities.commands).toContain('endHearing');
    expect(hearing.abilities.commands).not.toContain('decideRecheck');

    const resumed = await run(district, id, 'end-hearing', { conclusion: '听证员一致认为复查意见正确' });
    expect(resumed.status).toBe('rechecking');
    const after = deadline(resumed, 'D_RECHECK_DECIDE');
    expect(after.status).toBe('running');
    expect(after.pausedDays).toBeGreaterThanOrEqual(1);
    expect(after.dueOn > before.dueOn).toBe(true);
    expect(after.dueOn).toBe(
      computeProfileDue(cal, NATIONAL_PROFILE, 'D_RECHECK_DECIDE', on, { pausedDays: after.pausedDays })
        .dueDate,
    );
    expect(resumed.due).toMatchObject({ code: 'D_RECHECK_DECIDE', dueOn: after.dueOn });

    await run(district, id, 'decide-recheck', { decision: 'uphold', text: '维持复查意见。' });
    const terminated = await run(district, id, 'deliver-recheck', {
      method: 'in_person',
      deliveredOn: on,
      proof: '送达回证',
    });
    expect(terminated.status).toBe('terminated');
    expect(deadline(terminated, 'D_RECHECK_DECIDE').status).toBe('met');

    // After termination: a follow-up (stabilisation), never a reopening; then the archive.
    const followed = await run(district, id, 'follow-up', {
      method: 'visit',
      satisfaction: 'unsatisfied',
      resolved: false,
      comment: '信访人仍不满意，已做疏导',
    });
    expect(followed.status).toBe('followed_up');
    await run(district, id, 'archive');

    expect(await eventTypes(district, id)).toEqual([
      'case.registered',
      'case.accepted',
      'case.opinion_issued',
      'case.delivered',
      'case.review_requested',
      'case.review_started',
      'case.review_decided',
      'case.review_delivered',
      'case.recheck_requested',
      'case.recheck_started',
      'case.hearing_started',
      'case.hearing_ended',
      'case.recheck_decided',
      'case.terminated',
      'case.followed_up',
      'case.archived',
    ]);
    await expectChainIntact([id]);
  });

  it('refuses 复查 and 复核 requests outside their 30-day windows, naming the window and its last day', async () => {
    const { ws, town, district } = await setting();
    const created = await expectCreated(
      await ws.post(
        '/api/cases',
        intake({ petitioners: [person('吴十')], categoryCode: '0302', receivedAt: receivedDaysAgo(100) }),
      ),
    );
    const id = created.id as string;
    await run(ws, id, 'accept');
    const deliveredOn = daysAgo(90);
    const delivered = await replyAndDeliver(ws, id, deliveredOn);
    const reviewLastDay = computeProfileDue(cal, NATIONAL_PROFILE, 'D_REVIEW_WINDOW', deliveredOn).dueDate;
    expect(deadline(delivered, 'D_REVIEW_WINDOW').dueOn).toBe(reviewLastDay);

    // A request dated today is 90 days after delivery.
    const late = await town.post(`/api/cases/${id}/request-review`, {
      version: delivered.version,
      requestedOn: today(),
      reasons: '不服处理意见',
    });
    const lateErr = expectError(late, 409, 'OUT_OF_WINDOW');
    expect(lateErr.details).toMatchObject({
      window: 'D_REVIEW_WINDOW',
      startedOn: deliveredOn,
      lastDay: reviewLastDay,
      periodDays: 30,
    });
    expect(lateErr.message).toContain('复查');
    expect(lateErr.message).toContain('30日');
    expect(lateErr.message).toContain(reviewLastDay);
    expect((await detail(ws, id)).status).toBe('delivered'); // nothing changed

    // A request dated in the future is refused as such.
    const future = await town.post(`/api/cases/${id}/request-review`, {
      version: delivered.version,
      requestedOn: addDays(today(), 1),
      reasons: '不服处理意见',
    });
    expectError(future, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(future)).toEqual(['body.requestedOn']);

    // The same request, posted within the window (postmark date), is in time.
    await run(town, id, 'request-review', { requestedOn: daysAgo(85), reasons: '不服处理意见（邮寄）' });
    await run(town, id, 'start-review');
    await run(town, id, 'decide-review', { decision: 'uphold', text: '维持原处理意见。' });
    const reviewDeliveredOn = daysAgo(45);
    await run(town, id, 'deliver-review', {
      method: 'in_person',
      deliveredOn: reviewDeliveredOn,
      proof: '送达回证',
    });
    const recheckLastDay = computeProfileDue(
      cal,
      NATIONAL_PROFILE,
      'D_RECHECK_WINDOW',
      reviewDeliveredOn,
    ).dueDate;
    const lateRecheck = await town.post(`/api/cases/${id}/request-recheck`, {
      version: (await detail(town, id)).version,
      requestedOn: today(),
      reasons: '不服复查意见',
    });
    const recheckErr = expectError(lateRecheck, 409, 'OUT_OF_WINDOW');
    expect(recheckErr.details).toMatchObject({ window: 'D_RECHECK_WINDOW', lastDay: recheckLastDay });
    expect(recheckErr.message).toContain('复核');
    expect(recheckErr.message).toContain(recheckLastDay);

    // Within the 复核 window the request goes to the district.
    const inTime = await run(town, id, 'request-recheck', {
      requestedOn: daysAgo(20),
      reasons: '不服复查意见',
    });
    expect(inTime.status).toBe('recheck_requested');
    expect(await detail(district, id)).toMatchObject({ status: 'recheck_requested' });
    await expectChainIntact([id]);
  });

  it('closes a matter whose 复查 window lapsed without a request, but not while the window is open', async () => {
    const { ws } = await setting();
    const created = await expectCreated(
      await ws.post(
        '/api/cases',
        intake({ petitioners: [person('郑十一')], receivedAt: receivedDaysAgo(60) }),
      ),
    );
    const id = created.id as string;
    await run(ws, id, 'accept');
    const delivered = await replyAndDeliver(ws, id, today());
    const early = await ws.post(`/api/cases/${id}/close`, {
      version: delivered.version,
      basis: 'window_lapsed',
    });
    const err = expectError(early, 409, 'WINDOW_NOT_LAPSED');
    expect(err.details).toMatchObject({
      window: 'D_REVIEW_WINDOW',
      lastDay: computeProfileDue(cal, NATIONAL_PROFILE, 'D_REVIEW_WINDOW', today()).dueDate,
    });

    const other = await expectCreated(
      await ws.post(
        '/api/cases',
        intake({ petitioners: [person('王十二')], receivedAt: receivedDaysAgo(60) }),
      ),
    );
    await run(ws, other.id as string, 'accept');
    await replyAndDeliver(ws, other.id as string, daysAgo(40));
    const closed = await run(ws, other.id as string, 'close', { basis: 'window_lapsed' });
    expect(closed.status).toBe('closed');
    expect(closed.isOpen).toBe(false);
    await expectChainIntact([id, other.id as string]);
  });
});

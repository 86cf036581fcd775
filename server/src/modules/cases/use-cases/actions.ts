import type { z } from 'zod';
import { AppError } from '../../../http/errors.js';
import type { Actor } from '../../../policy/actor.js';
import { can, isWithin } from '../../../policy/policy.js';
import { loadActor } from '../../auth/auth.repository.js';
import { computeDue } from '../../calendar/deadline-engine.js';
import { runningClocks, startClock } from '../case-clock.js';
import { type ActionName, canAct } from '../cases.policy.js';
import { addCaseUnit, findUnit, sameDistrict } from '../cases.repository.js';
import type { ACTION_BODIES } from '../cases.schemas.js';
import { OPEN_STATUSES } from '../cases.workflow.js';
import type { CommandRun, Outcome, Step } from './run-command.js';

type Body<A extends ActionName> = z.infer<(typeof ACTION_BODIES)[A]>;

/** A change to the record that keeps the status (canAct decides where it is offered). */
function action<A extends ActionName>(
  name: A,
  event: `case.${string}`,
  actor: Actor,
  version: number,
  apply: (s: Step) => Promise<Outcome>,
): CommandRun {
  return { event, version, allowedFrom: OPEN_STATUSES, authorize: (c) => canAct(actor, name, c), apply };
}

/**
 * 延期 (第34条): at most 30 days in total, approved by a leader of the handling unit, with a
 * reason the petitioner is told (an SMS notice goes out with the event).
 */
export const extend = (actor: Actor, b: Body<'extend'>) =>
  action('extend', 'case.extended', actor, b.version, async (s) => {
    const handle = (await runningClocks(s.trx, s.c.id)).find((d) => d.code === 'D_HANDLE');
    const rule = s.profile.rules.D_HANDLE;
    if (!handle || !rule) throw new AppError('EXTENSION_NOT_ALLOWED');
    const total = handle.extension_days + b.days;
    if (total > rule.extensionCapDays) {
      throw new AppError('EXTENSION_NOT_ALLOWED', {
        alreadyExtended: handle.extension_days,
        cap: rule.extensionCapDays,
      });
    }
    const approver = await loadActor(s.trx, b.approvedBy, 'session');
    if (!approver || !can(approver, 'case.approve_extension', { unitPath: s.c.owner_path })) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'body.approvedBy', message: '批准人须为承办单位的负责人（领导）' },
      ]);
    }
    const due = computeDue(s.cal, rule, handle.started_on, { extensionDays: total });
    await s.trx
      .updateTable('case_deadlines')
      .set({ extension_days: total, due_on: due.dueDate, unverified: due.unverified })
      .where('case_id', '=', s.c.id)
      .where('id', '=', handle.id)
      .execute();
    return {
      payload: {
        days: b.days,
        totalDays: total,
        reason: b.reason,
        approvedBy: b.approvedBy,
        previousDueOn: handle.due_on,
        newDueOn: due.dueDate,
      },
      outbox: [
        {
          topic: 'sms.petitioner.extended',
          payload: { caseNo: s.c.case_no, newDueOn: due.dueDate, reason: b.reason },
        },
      ],
    };
  });

/**
 * 吹哨报到: the town summons departments, each with its task, a report-in deadline in working days
 * and a feedback deadline. At most one lead; a department named lead takes over as owner.
 */
export const whistle = (actor: Actor, b: Body<'whistle'>) =>
  action('whistle', 'case.whistle_blown', actor, b.version, async (s) => {
    const leads = b.tasks.filter((t) => t.role === 'lead');
    if (leads.length > 1) {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.tasks', message: '主办单位只能有一个' }]);
    }
    const seen = new Set<string>();
    const created: Record<string, unknown>[] = [];
    for (const [i, t] of b.tasks.entries()) {
      const unit = await findUnit(s.trx, t.unitId);
      // Only units of the case's own district can be summoned: a summoned unit gains sight of the case.
      if (
        !unit?.is_active ||
        seen.has(t.unitId) ||
        t.unitId === s.c.owner_unit_id ||
        !sameDistrict(unit.path, s.c.owner_path)
      ) {
        throw new AppError('VALIDATION_FAILED', [
          { path: `body.tasks.${i}.unitId`, message: '单位不存在、重复、为本单位或不属于本区' },
        ]);
      }
      seen.add(t.unitId);
      const report = s.cal.addWorkingDays(s.today, t.reportInWorkingDays);
      const feedbackRule = s.profile.rules.D_ASSIGNED_FEEDBACK;
      if (!feedbackRule) throw new Error('profile lacks D_ASSIGNED_FEEDBACK');
      const feedbackDue = computeDue(s.cal, feedbackRule, s.today, { periodOverride: t.feedbackDays });
      const row = await s.trx
        .insertInto('case_assignments')
        .values({
          case_id: s.c.id,
          unit_id: unit.id,
          role: t.role,
          task: t.task,
          assigned_by_unit_id: s.c.owner_unit_id,
          assigned_by: actor.userId,
          assigned_at: new Date(),
          report_due_on: report.date,
          feedback_due_on: feedbackDue.dueDate,
          status: 'assigned',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await startClock(s.trx, s.cal, s.profile, {
        caseId: s.c.id,
        code: 'D_ASSIGNED_FEEDBACK',
        unitId: unit.id,
        startedOn: s.today,
        periodOverride: t.feedbackDays,
        assignmentId: row.id,
      });
      await addCaseUnit(s.trx, s.c.id, unit.id, t.role);
      created.push({
        assignmentId: row.id,
        unitId: unit.id,
        role: t.role,
        task: t.task,
        reportDueOn: report.date,
        feedbackDueOn: feedbackDue.dueDate,
      });
    }
    const lead = leads[0];
    return {
      payload: { tasks: created },
      ...(lead && { newOwnerId: lead.unitId, set: { assigning_unit_id: s.c.owner_unit_id } }),
      outbox: created.map((t) => ({
        topic: 'notice.unit.whistle',
        payload: { unitId: t.unitId, caseNo: s.c.case_no },
      })),
    };
  });

/** 包案 with the four fixes (四定): responsible unit, handler, plan and deadline. */
export const attachLeader = (actor: Actor, b: Body<'attachLeader'>) =>
  action('attachLeader', 'case.leader_attached', actor, b.version, async (s) => {
    const leader = await loadActor(s.trx, b.leaderUserId, 'session');
    // The leader must lead the area the case lies in: a leader elsewhere has no say over it.
    if (!leader?.grants.some((g) => g.role === 'leader' && isWithin(s.c.owner_path, g.unitPath))) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'body.leaderUserId', message: '包案人须为本事项所在地区的领导' },
      ]);
    }
    const unit = await findUnit(s.trx, b.responsibleUnitId);
    if (!unit?.is_active || !sameDistrict(unit.path, s.c.owner_path)) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'body.responsibleUnitId', message: '责任单位不存在或不属于本区' },
      ]);
    }
    const pkg = {
      responsibleUnitId: unit.id,
      handlerName: b.handlerName,
      plan: b.plan,
      deadline: b.deadline,
    };
    await addCaseUnit(s.trx, s.c.id, unit.id, 'co');
    return {
      payload: { leaderUserId: leader.userId, ...pkg },
      set: { leader_user_id: leader.userId, leader_package: pkg },
    };
  });

export const reportProgress = (actor: Actor, b: Body<'reportProgress'>) =>
  action('reportProgress', 'case.progress_reported', actor, b.version, async () => ({
    payload: { text: b.text, fundsUsedYuan: b.fundsUsedYuan },
  }));

/** 签收: the petitioner confirms receipt of the written reply (on paper or electronically). */
export const confirmReceipt = (actor: Actor, b: Body<'confirmReceipt'>) =>
  action('confirmReceipt', 'case.receipt_confirmed', actor, b.version, async (s) => {
    if (b.confirmedOn > s.today) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'body.confirmedOn', message: '签收日期不能晚于今天' },
      ]);
    }
    return {
      payload: { confirmedOn: b.confirmedOn, note: b.note },
      set: { receipt_confirmed_at: new Date() },
    };
  });

/** A supervision order raised by hand (the timer raises the automatic ones). */
export const supervise = (actor: Actor, b: Body<'supervise'>) =>
  action('supervise', 'case.supervision_raised', actor, b.version, async (s) => {
    const rule = s.profile.rules.D_SUPERVISION_REPLY;
    const due = rule
      ? computeDue(s.cal, rule, s.today, { periodOverride: b.replyDays }).dueDate
      : s.cal.addWorkingDays(s.today, b.replyDays).date;
    const row = await s.trx
      .insertInto('supervision_orders')
      .values({
        case_id: s.c.id,
        tier: b.tier,
        trigger: 'manual',
        target_unit_id: s.c.owner_unit_id,
        supervising_unit_id: actor.unitId,
        reason: b.reason,
        due_on: due,
        status: 'open',
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addCaseUnit(s.trx, s.c.id, actor.unitId, 'supervisor');
    return {
      payload: {
        orderId: row.id,
        tier: b.tier,
        reason: b.reason,
        dueOn: due,
        targetUnitId: s.c.owner_unit_id,
      },
      outbox: [
        {
          topic: 'notice.unit.supervision',
          payload: { unitId: s.c.owner_unit_id, caseNo: s.c.case_no, tier: b.tier },
        },
      ],
    };
  });

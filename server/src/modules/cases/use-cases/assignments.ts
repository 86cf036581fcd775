import type { z } from 'zod';
import type { Trx } from '../../../db/database.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { stopClocks } from '../case-clock.js';
import { findUnit } from '../cases.repository.js';
import type { assignmentBodies } from '../cases.schemas.js';
import { OPEN_STATUSES } from '../cases.workflow.js';
import { type Outcome, runCommand, type Step } from './run-command.js';

type Row = NonNullable<Awaited<ReturnType<typeof loadAssignment>>>;

function loadAssignment(trx: Trx, caseId: string, id: string) {
  return trx
    .selectFrom('case_assignments')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * A summoned unit's own steps on its task (报到, feedback, objection), and the summoning unit's
 * decision on an objection. They lock the case like any change and write their event, but do not
 * bump the case version: a co-handler reporting in must not invalidate the lead's open screen.
 */
async function onAssignment(
  ctx: Ctx,
  caseId: string,
  assignmentId: string,
  event: `case.${string}`,
  who: 'assignee' | 'assigner',
  apply: (s: Step, a: Row) => Promise<Outcome>,
): Promise<void> {
  await runCommand(ctx, caseId, {
    event,
    allowedFrom: OPEN_STATUSES,
    authorize: () => true,
    apply: async (s) => {
      const a = await loadAssignment(s.trx, caseId, assignmentId);
      if (!a) throw new AppError('NOT_FOUND');
      const unit = await findUnit(s.trx, who === 'assignee' ? a.unit_id : a.assigned_by_unit_id);
      const permission = who === 'assignee' ? 'case.handle' : 'case.decide';
      if (!unit || !can(ctx.actor, permission, { unitPath: unit.path })) throw new AppError('FORBIDDEN');
      const out = await apply(s, a);
      return { ...out, keepVersion: true };
    },
  });
}

type B<K extends keyof typeof assignmentBodies> = z.infer<(typeof assignmentBodies)[K]>;

export function reportIn(ctx: Ctx, caseId: string, id: string, b: B<'reportIn'>) {
  return onAssignment(ctx, caseId, id, 'case.assignment_reported', 'assignee', async (s, a) => {
    if (a.status !== 'assigned') throw new AppError('INVALID_TRANSITION', { status: a.status });
    await s.trx
      .updateTable('case_assignments')
      .set({ status: 'reported', reported_at: new Date() })
      .where('case_id', '=', caseId)
      .where('id', '=', id)
      .execute();
    return {
      payload: { assignmentId: id, unitId: a.unit_id, onTime: s.today <= a.report_due_on, note: b.note },
    };
  });
}

export function submitFeedback(ctx: Ctx, caseId: string, id: string, b: B<'feedback'>) {
  return onAssignment(ctx, caseId, id, 'case.assignment_feedback', 'assignee', async (s, a) => {
    if (a.status !== 'assigned' && a.status !== 'reported')
      throw new AppError('INVALID_TRANSITION', { status: a.status });
    await s.trx
      .updateTable('case_assignments')
      .set({
        status: b.done ? 'done' : a.status === 'assigned' ? 'reported' : a.status,
        feedback: b.text,
        feedback_at: new Date(),
        reported_at: a.reported_at ?? new Date(),
      })
      .where('case_id', '=', caseId)
      .where('id', '=', id)
      .execute();
    if (b.done) await stopClocks(s.trx, caseId, ['D_ASSIGNED_FEEDBACK'], s.today, { assignmentId: id });
    return { payload: { assignmentId: id, unitId: a.unit_id, text: b.text, done: b.done } };
  });
}

/** Objection to a wrong summons: within 5 working days of being summoned, with reasons. */
export function objectAssignment(ctx: Ctx, caseId: string, id: string, b: B<'object'>) {
  return onAssignment(ctx, caseId, id, 'case.assignment_objected', 'assignee', async (s, a) => {
    if (a.status !== 'assigned' && a.status !== 'reported')
      throw new AppError('INVALID_TRANSITION', { status: a.status });
    const assignedOn = new Date(a.assigned_at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const lastDay = s.cal.addWorkingDays(assignedOn, 5).date;
    if (s.today > lastDay) {
      throw new AppError(
        'OUT_OF_WINDOW',
        { window: 'D_OBJECTION', lastDay },
        {
          zh: `对交办提出异议应在5个工作日内（截至${lastDay}），已超过期限`,
          en: `Objections must be made within 5 working days (by ${lastDay})`,
        },
      );
    }
    await s.trx
      .updateTable('case_assignments')
      .set({ status: 'objected', objection_reason: b.reason, objected_at: new Date() })
      .where('case_id', '=', caseId)
      .where('id', '=', id)
      .execute();
    return { payload: { assignmentId: id, unitId: a.unit_id, reason: b.reason } };
  });
}

export function decideAssignmentObjection(ctx: Ctx, caseId: string, id: string, b: B<'decideObjection'>) {
  return onAssignment(ctx, caseId, id, 'case.assignment_objection_decided', 'assigner', async (s, a) => {
    if (a.status !== 'objected') throw new AppError('INVALID_TRANSITION', { status: a.status });
    const upheld = b.decision === 'upheld';
    await s.trx
      .updateTable('case_assignments')
      .set({
        status: upheld ? 'cancelled' : a.reported_at ? 'reported' : 'assigned',
        objection_decision: b.decision,
        objection_decided_at: new Date(),
      })
      .where('case_id', '=', caseId)
      .where('id', '=', id)
      .execute();
    if (upheld)
      await stopClocks(s.trx, caseId, ['D_ASSIGNED_FEEDBACK'], s.today, { assignmentId: id, cancel: true });
    // A released lead hands ownership back to the unit that summoned it.
    const back =
      upheld && a.role === 'lead' && s.c.owner_unit_id === a.unit_id ? a.assigned_by_unit_id : undefined;
    return {
      payload: { assignmentId: id, decision: b.decision, reason: b.reason },
      ...(back && { newOwnerId: back }),
    };
  });
}

/** The handling unit answers a supervision order (督办回复). */
export function replySupervision(ctx: Ctx, caseId: string, orderId: string, reply: string) {
  return runCommand(ctx, caseId, {
    event: 'case.supervision_replied',
    allowedFrom: [...OPEN_STATUSES, 'closed', 'terminated', 'followed_up'],
    authorize: () => true,
    apply: async (s) => {
      const o = await s.trx
        .selectFrom('supervision_orders')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('id', '=', orderId)
        .executeTakeFirst();
      if (!o) throw new AppError('NOT_FOUND');
      const target = await findUnit(s.trx, o.target_unit_id);
      if (!target || !can(ctx.actor, 'case.handle', { unitPath: target.path }))
        throw new AppError('FORBIDDEN');
      if (o.status !== 'open') throw new AppError('INVALID_TRANSITION', { status: o.status });
      await s.trx
        .updateTable('supervision_orders')
        .set({ status: 'replied', reply, replied_at: new Date(), replied_by: ctx.actor.userId })
        .where('case_id', '=', caseId)
        .where('id', '=', orderId)
        .execute();
      await stopClocks(s.trx, caseId, ['D_SUPERVISION_REPLY'], s.today);
      return { payload: { orderId, onTime: s.today <= o.due_on }, keepVersion: true };
    },
  });
}

import type { z } from 'zod';
import { AppError } from '../../../http/errors.js';
import type { Actor } from '../../../policy/actor.js';
import { computeDue, pausedDaysBetween } from '../../calendar/deadline-engine.js';
import { runningClocks, startClock, stopClocks } from '../case-clock.js';
import { findUnit } from '../cases.repository.js';
import type { COMMAND_BODIES } from '../cases.schemas.js';
import type { CommandName } from '../cases.workflow.js';
import { command } from './decide.js';
import type { Step } from './run-command.js';

type Body<C extends CommandName> = z.infer<(typeof COMMAND_BODIES)[C]>;

export const startHandling = (actor: Actor, b: Body<'startHandling'>) =>
  command('startHandling', actor, b.version, async () => ({ to: 'in_progress', payload: { note: b.note } }));

/**
 * 提级: the village passes the matter to the town (or the town to the district). The handling
 * clock keeps running — escalation does not buy time — and now belongs to the new owner.
 */
export const escalate = (actor: Actor, b: Body<'escalate'>) =>
  command('escalate', actor, b.version, async (s) => {
    const current = await findUnit(s.trx, s.c.owner_unit_id);
    const targetId = b.toUnitId ?? current?.parent_id;
    const target = targetId ? await findUnit(s.trx, targetId) : undefined;
    if (!target || !current || !target.is_active) throw new AppError('NO_HIGHER_ORGAN');
    if (!current.path.startsWith(`${target.path}.`)) {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.toUnitId', message: '只能提级到上级单位' }]);
    }
    await s.trx
      .updateTable('case_deadlines')
      .set({ unit_id: target.id })
      .where('case_id', '=', s.c.id)
      .where('status', 'in', ['running', 'paused'])
      .execute();
    return {
      to: 'accepted',
      payload: { fromUnitId: current.id, toUnitId: target.id, reason: b.reason },
      newOwnerId: target.id,
      set: { escalation_count: s.c.escalation_count + 1 },
      outbox: [{ topic: 'notice.unit.case_escalated', payload: { unitId: target.id, caseNo: s.c.case_no } }],
    };
  });

export const startMediation = (actor: Actor, b: Body<'startMediation'>) =>
  command('startMediation', actor, b.version, async () => ({
    to: 'mediating',
    payload: { kind: b.kind, note: b.note },
  }));

export const endMediation = (actor: Actor, b: Body<'endMediation'>) =>
  command('endMediation', actor, b.version, async () => ({
    to: 'in_progress',
    payload: { result: b.result, note: b.note },
  }));

/** 听证: during 复核 the hearing time is taken out of the 30-day period (第36条), so that clock pauses. */
export const startHearing = (actor: Actor, b: Body<'startHearing'>) =>
  command('startHearing', actor, b.version, async (s) => {
    const inRecheck = s.c.status === 'recheck_requested' || s.c.status === 'rechecking';
    if (inRecheck) {
      await s.trx
        .updateTable('case_deadlines')
        .set({ status: 'paused', paused_since: s.today })
        .where('case_id', '=', s.c.id)
        .where('code', '=', 'D_RECHECK_DECIDE')
        .where('status', '=', 'running')
        .execute();
    }
    return {
      to: 'hearing',
      payload: { scheduledOn: b.scheduledOn, note: b.note, pausesClock: inRecheck },
      set: { resume_status: inRecheck ? 'rechecking' : 'in_progress' },
    };
  });

export const endHearing = (actor: Actor, b: Body<'endHearing'>) =>
  command('endHearing', actor, b.version, async (s) => {
    const resume = s.c.resume_status === 'rechecking' ? 'rechecking' : 'in_progress';
    let resumedDueOn: string | undefined;
    if (resume === 'rechecking') {
      const paused = await s.trx
        .selectFrom('case_deadlines')
        .selectAll()
        .where('case_id', '=', s.c.id)
        .where('code', '=', 'D_RECHECK_DECIDE')
        .where('status', '=', 'paused')
        .executeTakeFirst();
      if (paused?.paused_since) {
        const pausedDays =
          paused.paused_days + pausedDaysBetween([{ start: paused.paused_since, end: s.today }]);
        const rule = s.profile.rules.D_RECHECK_DECIDE;
        if (!rule) throw new Error('profile lacks D_RECHECK_DECIDE');
        const due = computeDue(s.cal, rule, paused.started_on, { pausedDays });
        resumedDueOn = due.dueDate;
        await s.trx
          .updateTable('case_deadlines')
          .set({
            status: 'running',
            paused_since: null,
            paused_days: pausedDays,
            due_on: due.dueDate,
            unverified: due.unverified,
          })
          .where('case_id', '=', s.c.id)
          .where('id', '=', paused.id)
          .execute();
      }
    }
    return {
      to: resume,
      payload: { conclusion: b.conclusion, recheckDueOn: resumedDueOn },
      set: { resume_status: null },
    };
  });

const SUGGESTION_OUTCOMES = ['adopted', 'partly_adopted', 'not_adopted'];

/** 信访处理意见书 (第32条): outcome, reasoning and legal basis; suggestions get 采纳/部分采纳/未采纳. */
export const issueOpinion = (actor: Actor, b: Body<'issueOpinion'>) =>
  command('issueOpinion', actor, b.version, async (s) => {
    const forSuggestion = SUGGESTION_OUTCOMES.includes(b.outcome);
    if (forSuggestion !== (s.c.nature === 'suggestion')) {
      throw new AppError('VALIDATION_FAILED', [
        {
          path: 'body.outcome',
          message:
            s.c.nature === 'suggestion'
              ? '建议意见类应答复采纳、部分采纳或未采纳'
              : '应答复予以支持、解释说明或不予支持',
        },
      ]);
    }
    return {
      to: 'opinion_issued',
      payload: { outcome: b.outcome, legalBasis: b.legalBasis, textLength: b.text.length },
      set: {
        opinion: {
          outcome: b.outcome,
          text: b.text,
          legalBasis: b.legalBasis,
          issuedAt: new Date().toISOString(),
          unitId: s.c.owner_unit_id,
        },
      },
    };
  });

export const withdrawOpinion = (actor: Actor, b: Body<'withdrawOpinion'>) =>
  command('withdrawOpinion', actor, b.version, async () => ({
    to: 'in_progress',
    payload: { reason: b.reason },
    set: { opinion: null },
  }));

async function windowStart(s: Step, code: string, on: string): Promise<string | undefined> {
  if (!s.profile.rules[code]) return undefined;
  const w = await startClock(s.trx, s.cal, s.profile, {
    caseId: s.c.id,
    code,
    unitId: s.c.owner_unit_id,
    startedOn: on,
  });
  return w.dueOn;
}

/**
 * 送达: the written reply reaches the petitioner with proof. The handling clock stops here (按期办结
 * counts delivery), and the petitioner's 30-day 复查 window starts from the delivery date.
 */
export const deliver = (actor: Actor, b: Body<'deliver'>) =>
  command('deliver', actor, b.version, async (s) => {
    if (b.deliveredOn > s.today) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'body.deliveredOn', message: '送达日期不能晚于今天' },
      ]);
    }
    await stopClocks(
      s.trx,
      s.c.id,
      ['D_HANDLE', 'D_ASSIGNED_FEEDBACK', 'D_SIMPLE_HANDLE', 'D_NOTIFY_DIRECT', 'D_NOTIFY_TRANSFERRED'],
      b.deliveredOn,
    );
    const reviewDue = await windowStart(s, 'D_REVIEW_WINDOW', b.deliveredOn);
    const expertDue = await windowStart(s, 'D_EXPERT_REVIEW_WINDOW', b.deliveredOn);
    const assignments = await s.trx
      .selectFrom('case_assignments')
      .select(['id', 'status', 'unit_id'])
      .where('case_id', '=', s.c.id)
      .execute();
    // The reply ends the summoned units' tasks: one still open is closed with the case, and said so.
    const unfinished = assignments.filter((a) => a.status === 'assigned' || a.status === 'reported');
    if (unfinished.length) {
      await s.trx
        .updateTable('case_assignments')
        .set({ status: 'cancelled' })
        .where('case_id', '=', s.c.id)
        .where(
          'id',
          'in',
          unfinished.map((a) => a.id),
        )
        .execute();
      for (const a of unfinished) {
        await stopClocks(s.trx, s.c.id, ['D_ASSIGNED_FEEDBACK'], b.deliveredOn, {
          assignmentId: a.id,
          cancel: true,
        });
      }
    }
    const onTheSpot =
      s.c.owner_unit_id === s.c.first_unit_id && s.c.escalation_count === 0 && assignments.length === 0;
    return {
      to: 'delivered',
      payload: {
        method: b.method,
        deliveredOn: b.deliveredOn,
        proof: b.proof,
        closedTasks: unfinished.map((a) => a.unit_id),
        reviewWindowLastDay: reviewDue,
        expertReviewLastDay: expertDue,
      },
      set: {
        delivered_at: new Date(),
        delivered_on: b.deliveredOn,
        resolved_on_spot: onTheSpot,
        ...(b.confirmedByPetitioner && { receipt_confirmed_at: new Date() }),
      },
      outbox: [
        {
          topic: 'sms.petitioner.reply_delivered',
          payload: { caseNo: s.c.case_no, reviewWindowLastDay: reviewDue },
        },
      ],
    };
  });

/** A petitioner's request must fall inside its window; outside it the refusal names the window. */
export async function requireWindow(
  s: Step,
  code: string,
  requestedOn: string,
  label: { zh: string; en: string },
): Promise<void> {
  const window = (await runningClocks(s.trx, s.c.id)).find((d) => d.code === code);
  if (requestedOn > s.today) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'body.requestedOn', message: '申请日期不能晚于今天' }]);
  }
  if (!window) {
    throw new AppError(
      'OUT_OF_WINDOW',
      { window: code },
      {
        zh: `本事项不适用${label.zh}，或申请期限已结束`,
        en: `${label.en} is not available for this case, or its window has ended`,
      },
    );
  }
  if (requestedOn > window.due_on) {
    throw new AppError(
      'OUT_OF_WINDOW',
      { window: code, startedOn: window.started_on, lastDay: window.due_on, periodDays: window.period },
      {
        zh: `${label.zh}应在收到答复之日起${window.period}日内提出（${window.started_on}送达，截至${window.due_on}），已超过期限`,
        en: `${label.en} must be requested within ${window.period} days of delivery (delivered ${window.started_on}, last day ${window.due_on})`,
      },
    );
  }
}

export const requestExpertReview = (actor: Actor, b: Body<'requestExpertReview'>) =>
  command('requestExpertReview', actor, b.version, async (s) => {
    await requireWindow(s, 'D_EXPERT_REVIEW_WINDOW', b.requestedOn, {
      zh: '专家评审申请',
      en: 'Expert review',
    });
    await stopClocks(s.trx, s.c.id, ['D_EXPERT_REVIEW_WINDOW'], b.requestedOn);
    return { to: 'expert_review', payload: { requestedOn: b.requestedOn, reasons: b.reasons } };
  });

export const concludeExpertReview = (actor: Actor, b: Body<'concludeExpertReview'>) =>
  command('concludeExpertReview', actor, b.version, async (s) => {
    if (!b.upheld) {
      const handle = await startClock(s.trx, s.cal, s.profile, {
        caseId: s.c.id,
        code: 'D_HANDLE',
        unitId: s.c.owner_unit_id,
        startedOn: s.today,
      });
      return { to: 'in_progress', payload: { upheld: false, opinion: b.opinion, handleDueOn: handle.dueOn } };
    }
    return { to: 'delivered', payload: { upheld: true, opinion: b.opinion } };
  });

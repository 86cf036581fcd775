import type { z } from 'zod';
import { AppError } from '../../../http/errors.js';
import type { Actor } from '../../../policy/actor.js';
import { runningClocks, startClock, stopClocks } from '../case-clock.js';
import { addCaseUnit, findUnit, partiesOf } from '../cases.repository.js';
import type { COMMAND_BODIES } from '../cases.schemas.js';
import type { CommandName } from '../cases.workflow.js';
import { matterFingerprint } from '../fingerprint.js';
import { command, stopAllClocks } from './decide.js';
import { requireWindow } from './handle.js';
import type { Step } from './run-command.js';

type Body<C extends CommandName> = z.infer<(typeof COMMAND_BODIES)[C]>;

/**
 * 复查 and 复核 go to the next higher organ (第35–36条): here, the parent unit of the unit that
 * decided last. A site where a department's review organ is its own higher department can set the
 * owner explicitly later; the parent rule matches 属地管理 for towns and district departments.
 */
async function higherOrgan(s: Step): Promise<{ id: string; path: string }> {
  const current = await findUnit(s.trx, s.c.owner_unit_id);
  const parent = current?.parent_id ? await findUnit(s.trx, current.parent_id) : undefined;
  if (!parent?.is_active) throw new AppError('NO_HIGHER_ORGAN');
  return parent;
}

export const requestReview = (actor: Actor, b: Body<'requestReview'>) =>
  command('requestReview', actor, b.version, async (s) => {
    await requireWindow(s, 'D_REVIEW_WINDOW', b.requestedOn, { zh: '复查申请', en: 'A review (复查)' });
    const reviewer = await higherOrgan(s);
    await stopClocks(s.trx, s.c.id, ['D_REVIEW_WINDOW', 'D_EXPERT_REVIEW_WINDOW'], b.requestedOn);
    const decide = await startClock(s.trx, s.cal, s.profile, {
      caseId: s.c.id,
      code: 'D_REVIEW_DECIDE',
      unitId: reviewer.id,
      startedOn: s.today,
    });
    await addCaseUnit(s.trx, s.c.id, reviewer.id, 'reviewer');
    return {
      to: 'review_requested',
      payload: {
        requestedOn: b.requestedOn,
        reasons: b.reasons,
        reviewUnitId: reviewer.id,
        decideDueOn: decide.dueOn,
      },
      newOwnerId: reviewer.id,
    };
  });

export const startReview = (actor: Actor, b: Body<'startReview'>) =>
  command('startReview', actor, b.version, async () => ({ to: 'reviewing', payload: { note: b.note } }));

export const decideReview = (actor: Actor, b: Body<'decideReview'>) =>
  command('decideReview', actor, b.version, async (s) => ({
    to: 'review_decided',
    payload: { decision: b.decision, textLength: b.text.length },
    set: {
      review: {
        decision: b.decision,
        text: b.text,
        decidedAt: new Date().toISOString(),
        unitId: s.c.owner_unit_id,
      },
    },
  }));

export const deliverReview = (actor: Actor, b: Body<'deliverReview'>) =>
  command('deliverReview', actor, b.version, async (s) => {
    if (b.deliveredOn > s.today) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'body.deliveredOn', message: '送达日期不能晚于今天' },
      ]);
    }
    await stopClocks(s.trx, s.c.id, ['D_REVIEW_DECIDE'], b.deliveredOn);
    const window = await startClock(s.trx, s.cal, s.profile, {
      caseId: s.c.id,
      code: 'D_RECHECK_WINDOW',
      unitId: s.c.owner_unit_id,
      startedOn: b.deliveredOn,
    });
    return {
      to: 'review_delivered',
      payload: {
        method: b.method,
        deliveredOn: b.deliveredOn,
        proof: b.proof,
        recheckWindowLastDay: window.dueOn,
      },
      outbox: [{ topic: 'sms.petitioner.review_delivered', payload: { caseNo: s.c.case_no } }],
    };
  });

export const requestRecheck = (actor: Actor, b: Body<'requestRecheck'>) =>
  command('requestRecheck', actor, b.version, async (s) => {
    await requireWindow(s, 'D_RECHECK_WINDOW', b.requestedOn, {
      zh: '复核申请',
      en: 'A re-examination (复核)',
    });
    const organ = await higherOrgan(s);
    await stopClocks(s.trx, s.c.id, ['D_RECHECK_WINDOW'], b.requestedOn);
    const decide = await startClock(s.trx, s.cal, s.profile, {
      caseId: s.c.id,
      code: 'D_RECHECK_DECIDE',
      unitId: organ.id,
      startedOn: s.today,
    });
    await addCaseUnit(s.trx, s.c.id, organ.id, 'reviewer');
    return {
      to: 'recheck_requested',
      payload: {
        requestedOn: b.requestedOn,
        reasons: b.reasons,
        recheckUnitId: organ.id,
        decideDueOn: decide.dueOn,
      },
      newOwnerId: organ.id,
    };
  });

export const startRecheck = (actor: Actor, b: Body<'startRecheck'>) =>
  command('startRecheck', actor, b.version, async () => ({ to: 'rechecking', payload: { note: b.note } }));

export const decideRecheck = (actor: Actor, b: Body<'decideRecheck'>) =>
  command('decideRecheck', actor, b.version, async (s) => ({
    to: 'recheck_decided',
    payload: { decision: b.decision, textLength: b.text.length },
    set: {
      recheck: {
        decision: b.decision,
        text: b.text,
        decidedAt: new Date().toISOString(),
        unitId: s.c.owner_unit_id,
      },
    },
  }));

/**
 * Delivering the 复核意见 ends the matter (终结, 第36条第3款). Its fingerprint — petitioners,
 * category, facts and reasons — is kept so the same request is recognised at a later intake.
 */
export const deliverRecheck = (actor: Actor, b: Body<'deliverRecheck'>) =>
  command('deliverRecheck', actor, b.version, async (s) => {
    if (b.deliveredOn > s.today) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'body.deliveredOn', message: '送达日期不能晚于今天' },
      ]);
    }
    await stopClocks(s.trx, s.c.id, ['D_RECHECK_DECIDE'], b.deliveredOn);
    const parties = await partiesOf(s.trx, s.c.id);
    const identities = parties
      .filter((p) => p.role === 'petitioner')
      .map((p) => p.id_number_hmac ?? p.phone_hmac)
      .filter((x): x is string => !!x);
    const fingerprint = identities.length
      ? matterFingerprint({
          categoryCode: s.c.category_code,
          identities,
          facts: s.c.facts,
          reasons: s.c.reasons,
        })
      : null;
    return {
      to: 'terminated',
      payload: { method: b.method, deliveredOn: b.deliveredOn, proof: b.proof, fingerprint },
      set: { terminated_at: new Date(), fingerprint },
      outbox: [{ topic: 'sms.petitioner.recheck_delivered', payload: { caseNo: s.c.case_no } }],
    };
  });

/**
 * 办结: after the reply (or the 复查意见) was delivered, once the petitioner's window has passed
 * without a request, or when the petitioner declares satisfaction. The follow-up clock starts.
 */
export const close = (actor: Actor, b: Body<'close'>) =>
  command('close', actor, b.version, async (s) => {
    const windows = (await runningClocks(s.trx, s.c.id)).filter(
      (d) => d.code === 'D_REVIEW_WINDOW' || d.code === 'D_RECHECK_WINDOW',
    );
    const basis = b.basis;
    const open = windows.find((w) => w.due_on >= s.today);
    if (basis === 'window_lapsed' && open) {
      throw new AppError('WINDOW_NOT_LAPSED', { window: open.code, lastDay: open.due_on });
    }
    await stopClocks(
      s.trx,
      s.c.id,
      windows.map((w) => w.code),
      s.today,
      { cancel: true },
    );
    const followUp = s.profile.rules.D_FOLLOW_UP
      ? await startClock(s.trx, s.cal, s.profile, {
          caseId: s.c.id,
          code: 'D_FOLLOW_UP',
          unitId: s.c.first_unit_id,
          startedOn: s.today,
        })
      : undefined;
    return {
      to: 'closed',
      payload: { basis, note: b.note, followUpDueOn: followUp?.dueOn },
      set: { closed_at: new Date() },
    };
  });

/**
 * 回访: the petitioner's satisfaction. Unsatisfied and unresolved sends a closed matter back for
 * rectification (整改) with a fresh handling period; a terminated matter is not reopened (§1.5:
 * what follows termination is stabilisation work, not handling).
 */
export const followUp = (actor: Actor, b: Body<'followUp'>) =>
  command('followUp', actor, b.version, async (s) => {
    await stopClocks(s.trx, s.c.id, ['D_FOLLOW_UP'], s.today);
    const rectify = s.c.status === 'closed' && b.satisfaction === 'unsatisfied' && !b.resolved;
    let handleDueOn: string | undefined;
    if (rectify) {
      handleDueOn = (
        await startClock(s.trx, s.cal, s.profile, {
          caseId: s.c.id,
          code: 'D_HANDLE',
          unitId: s.c.owner_unit_id,
          startedOn: s.today,
        })
      ).dueOn;
    }
    return {
      to: rectify ? 'in_progress' : 'followed_up',
      payload: {
        method: b.method,
        satisfaction: b.satisfaction,
        resolved: b.resolved,
        comment: b.comment,
        rectification: rectify,
        handleDueOn,
      },
      set: {
        satisfaction: b.satisfaction,
        followed_up_at: new Date(),
        ...(rectify && { closed_at: null, opinion: null }),
      },
      outbox: [
        {
          topic: 'sms.petitioner.followed_up',
          payload: { caseNo: s.c.case_no, rectification: rectify, handleDueOn },
        },
      ],
    };
  });

export const reopenForRectification = (actor: Actor, b: Body<'reopenForRectification'>) =>
  command('reopenForRectification', actor, b.version, async (s) => {
    const handle = await startClock(s.trx, s.cal, s.profile, {
      caseId: s.c.id,
      code: 'D_HANDLE',
      unitId: s.c.owner_unit_id,
      startedOn: s.today,
    });
    return {
      to: 'in_progress',
      payload: { reason: b.reason, handleDueOn: handle.dueOn },
      set: { closed_at: null },
    };
  });

export const archive = (actor: Actor, b: Body<'archive'>) =>
  command('archive', actor, b.version, async (s) => {
    await stopAllClocks(s, true);
    return { to: 'archived', payload: { note: b.note }, set: { archived_at: new Date() } };
  });

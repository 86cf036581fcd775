import type { z } from 'zod';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { stopClocks } from '../../cases/case-clock.js';
import { requireWindow } from '../../cases/use-cases/handle.js';
import type { Step } from '../../cases/use-cases/run-command.js';
import {
  insertMechanism,
  insertStep,
  requireActive,
  requireAttachment,
  requireMechanism,
  updateMechanism,
} from '../mechanisms.repository.js';
import type { confirmationBody, paymentBody, rulingBody } from '../mechanisms.schemas.js';
import { type MechanismStep, recordStep } from '../record-step.js';

/**
 * 司法确认 (人民调解法 第33条, 民事诉讼法 第205–206条): both parties apply jointly to the court within
 * 30 days of the agreement taking effect. Outside the window the refusal names it.
 */
export async function fileConfirmation(
  ctx: Ctx,
  caseId: string,
  mediationId: string,
  b: z.infer<typeof confirmationBody>,
): Promise<string> {
  let id = '';
  await recordStep(ctx, caseId, {
    event: 'case.confirmation_filed',
    apply: async (s) => {
      const mediation = await requireMechanism(s.trx, caseId, mediationId, 'mediation');
      const agreement = mediation.details.agreement as { isEligibleForConfirmation?: boolean } | undefined;
      if (!agreement?.isEligibleForConfirmation) {
        throw new AppError('VALIDATION_FAILED', [
          { path: 'params.mechanismId', message: '该调解没有可申请司法确认的调解协议' },
        ]);
      }
      const existing = await s.trx
        .selectFrom('case_mechanisms')
        .select('id')
        .where('case_id', '=', caseId)
        .where('parent_id', '=', mediationId)
        .where('kind', '=', 'judicial_confirmation')
        .executeTakeFirst();
      if (existing) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'params.mechanismId', message: '已申请司法确认' }]);
      }
      await requireWindow(asStep(s), 'D_JUDICIAL_CONFIRM_WINDOW', b.appliedOn, {
        zh: '司法确认申请',
        en: 'Judicial confirmation',
      }).catch((err: unknown) => {
        throw rephrase(err, b.appliedOn);
      });
      await requireAttachment(s.trx, caseId, b.attachmentId, 'body.attachmentId');
      await stopClocks(s.trx, caseId, ['D_JUDICIAL_CONFIRM_WINDOW'], b.appliedOn);
      id = await insertMechanism(s.trx, {
        caseId,
        kind: 'judicial_confirmation',
        parentId: mediationId,
        details: {
          courtUnitId: b.courtUnitId,
          courtName: b.courtName,
          appliedOn: b.appliedOn,
          isJoint: b.isJoint,
          filingNo: b.filingNo,
        },
        attachmentId: b.attachmentId ?? null,
        createdBy: ctx.actor.userId,
      });
      await insertStep(s.trx, {
        caseId,
        mechanismId: id,
        kind: 'application',
        occurredOn: b.appliedOn,
        details: { courtName: b.courtName, filingNo: b.filingNo, isJoint: b.isJoint },
        attachmentId: b.attachmentId,
        createdBy: ctx.actor.userId,
      });
      return { mechanismId: id, mediationId, courtName: b.courtName, appliedOn: b.appliedOn };
    },
  });
  return id;
}

function asStep(s: MechanismStep): Step {
  return { trx: s.trx, ctx: s.ctx, c: s.c, today: s.today, cal: s.cal, profile: s.profile };
}

/** requireWindow speaks of "delivery"; the confirmation window starts when the agreement takes effect. */
function rephrase(err: unknown, appliedOn: string): unknown {
  if (!(err instanceof AppError) || err.code !== 'OUT_OF_WINDOW') return err;
  const d = err.details as { startedOn?: string; lastDay?: string; periodDays?: number } | undefined;
  if (!d?.lastDay) return err;
  return new AppError(
    'OUT_OF_WINDOW',
    { ...d, appliedOn },
    {
      zh: `司法确认应在调解协议生效之日起${d.periodDays}日内由双方共同申请（${d.startedOn}生效，截至${d.lastDay}），已超过期限`,
      en: `Judicial confirmation must be applied for jointly within ${d.periodDays} days of the agreement taking effect (effective ${d.startedOn}, last day ${d.lastDay})`,
    },
  );
}

/** The court's ruling: confirmed valid (enforceable) or rejected (re-mediate or sue). */
export async function recordRuling(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof rulingBody>,
): Promise<void> {
  await recordStep(ctx, caseId, {
    event: 'case.confirmation_decided',
    apply: async (s) => {
      const m = await requireMechanism(s.trx, caseId, mechanismId, 'judicial_confirmation');
      requireActive(m);
      if (b.decidedOn > s.today || b.decidedOn < String(m.details.appliedOn)) {
        throw new AppError('VALIDATION_FAILED', [
          { path: 'body.decidedOn', message: '裁定日期应在申请日期之后、今天之前' },
        ]);
      }
      await requireAttachment(s.trx, caseId, b.attachmentId, 'body.attachmentId');
      await updateMechanism(s.trx, caseId, mechanismId, {
        status: 'concluded',
        outcome: b.decision,
        details: { ...m.details, decidedOn: b.decidedOn, rulingNo: b.rulingNo },
      });
      await insertStep(s.trx, {
        caseId,
        mechanismId,
        kind: 'ruling',
        occurredOn: b.decidedOn,
        details: { decision: b.decision, rulingNo: b.rulingNo, note: b.note },
        attachmentId: b.attachmentId,
        createdBy: ctx.actor.userId,
      });
      return { mechanismId, decision: b.decision, decidedOn: b.decidedOn, rulingNo: b.rulingNo };
    },
  });
}

/** Performance of the agreement: a payment (or the last one), on the mediation or its confirmation. */
export async function recordPayment(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof paymentBody>,
): Promise<void> {
  await recordStep(ctx, caseId, {
    event: 'case.agreement_performed',
    apply: async (s) => {
      const m = await requireMechanism(s.trx, caseId, mechanismId, ['mediation', 'judicial_confirmation']);
      if (m.kind === 'mediation' && !m.details.agreement) {
        throw new AppError('VALIDATION_FAILED', [
          { path: 'params.mechanismId', message: '尚未登记调解协议' },
        ]);
      }
      if (m.kind === 'judicial_confirmation' && m.outcome === 'rejected') {
        throw new AppError('VALIDATION_FAILED', [
          { path: 'params.mechanismId', message: '调解协议未获司法确认' },
        ]);
      }
      if (b.paidOn > s.today) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'body.paidOn', message: '日期不能晚于今天' }]);
      }
      await requireAttachment(s.trx, caseId, b.attachmentId, 'body.attachmentId');
      const stepId = await insertStep(s.trx, {
        caseId,
        mechanismId,
        kind: 'payment',
        occurredOn: b.paidOn,
        details: { amountYuan: b.amountYuan, method: b.method, isComplete: b.isComplete, note: b.note },
        attachmentId: b.attachmentId,
        createdBy: ctx.actor.userId,
      });
      if (b.isComplete) {
        await updateMechanism(s.trx, caseId, mechanismId, {
          details: { ...m.details, performedOn: b.paidOn },
        });
      }
      return { mechanismId, stepId, paidOn: b.paidOn, amountYuan: b.amountYuan, isComplete: b.isComplete };
    },
  });
}

import type { z } from 'zod';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { startClock, stopClocks } from '../../cases/case-clock.js';
import {
  endMediation as endMediationCommand,
  startMediation as startMediationCommand,
} from '../../cases/use-cases/handle.js';
import { runCommand } from '../../cases/use-cases/run-command.js';
import {
  insertMechanism,
  insertMembers,
  insertStep,
  requireActive,
  requireAttachment,
  requireMechanism,
  updateMechanism,
} from '../mechanisms.repository.js';
import type {
  agreementBody,
  consentBody,
  endMediationBody,
  mediationBody,
  noticeBody,
  sessionBody,
} from '../mechanisms.schemas.js';
import { recordStep, withRecord } from '../record-step.js';
import { pickRoster } from './roster-pick.js';

const notAfterToday = (on: string, today: string, path: string) => {
  if (on > today) throw new AppError('VALIDATION_FAILED', [{ path, message: '日期不能晚于今天' }]);
};

/**
 * 多元调解: the record is opened by the case's own `start-mediation` command (accepted/in_progress →
 * mediating), in the same transaction, with the mediators from the roster.
 */
export async function startMediation(ctx: Ctx, caseId: string, b: z.infer<typeof mediationBody>) {
  let id = '';
  const run = withRecord(
    startMediationCommand(ctx.actor, { version: b.version, kind: b.kind, note: b.note }),
    async (s) => {
      const mediators = await pickRoster(
        s.trx,
        b.mediatorRosterIds,
        'mediator',
        s.c.owner_path,
        'body.mediatorRosterIds',
      );
      id = await insertMechanism(s.trx, {
        caseId,
        kind: 'mediation',
        details: { kind: b.kind, organisation: b.organisation, source: b.source, note: b.note },
        createdBy: ctx.actor.userId,
      });
      await insertMembers(
        s.trx,
        caseId,
        id,
        mediators.map((m) => ({ role: 'mediator', rosterId: m.id, name: m.name })),
      );
      return { mechanismId: id, organisation: b.organisation, mediatorRosterIds: b.mediatorRosterIds };
    },
  );
  const { version } = await runCommand(ctx, caseId, run);
  return { id, version };
}

/** 人民调解法 第17条, 第23条: each party's consent (or refusal) and the public/non-public choice. */
export async function recordConsent(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof consentBody>,
) {
  await recordStep(ctx, caseId, {
    event: 'case.mediation_consent_recorded',
    memberOf: mechanismId,
    apply: async (s) => {
      requireActive(await requireMechanism(s.trx, caseId, mechanismId, 'mediation'));
      notAfterToday(b.recordedOn, s.today, 'body.recordedOn');
      const stepId = await insertStep(s.trx, {
        caseId,
        mechanismId,
        kind: 'consent',
        occurredOn: b.recordedOn,
        details: { party: b.party, consented: b.consented, isPublic: b.isPublic, note: b.note },
        createdBy: ctx.actor.userId,
      });
      return { mechanismId, stepId, party: b.party, consented: b.consented };
    },
  });
}

/** A session: date, place, attendees, minutes (调解笔录) and where its video is kept. */
export async function recordSession(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof sessionBody>,
) {
  await recordStep(ctx, caseId, {
    event: 'case.mediation_session_recorded',
    memberOf: mechanismId,
    apply: async (s) => {
      requireActive(await requireMechanism(s.trx, caseId, mechanismId, 'mediation'));
      notAfterToday(b.heldOn, s.today, 'body.heldOn');
      await requireAttachment(s.trx, caseId, b.videoAttachmentId, 'body.videoAttachmentId');
      const stepId = await insertStep(s.trx, {
        caseId,
        mechanismId,
        kind: 'session',
        occurredOn: b.heldOn,
        details: {
          place: b.place,
          attendees: b.attendees,
          minutes: b.minutes,
          videoAttachmentId: b.videoAttachmentId,
          videoNote: b.videoNote,
        },
        createdBy: ctx.actor.userId,
      });
      return { mechanismId, stepId, heldOn: b.heldOn, videoAttachmentId: b.videoAttachmentId };
    },
  });
}

/** 虚假调解法律责任告知书 and 申请司法确认承诺书, acknowledged by the parties (signed copy attached). */
export async function recordNotice(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof noticeBody>,
) {
  await recordStep(ctx, caseId, {
    event: 'case.mediation_notice_acknowledged',
    memberOf: mechanismId,
    apply: async (s) => {
      requireActive(await requireMechanism(s.trx, caseId, mechanismId, 'mediation'));
      notAfterToday(b.acknowledgedOn, s.today, 'body.acknowledgedOn');
      await requireAttachment(s.trx, caseId, b.attachmentId, 'body.attachmentId');
      const stepId = await insertStep(s.trx, {
        caseId,
        mechanismId,
        kind: 'notice',
        occurredOn: b.acknowledgedOn,
        details: { notice: b.notice, acknowledgedBy: b.acknowledgedBy },
        attachmentId: b.attachmentId,
        createdBy: ctx.actor.userId,
      });
      return { mechanismId, stepId, notice: b.notice, acknowledgedOn: b.acknowledgedOn };
    },
  });
}

/**
 * 调解协议书 (人民调解法 第28–29条): the structured contents are kept as data and the signed paper as
 * an attachment. From the day it takes effect the parties' 30-day window to apply jointly for
 * judicial confirmation runs on the case clock (D_JUDICIAL_CONFIRM_WINDOW).
 */
export async function recordAgreement(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof agreementBody>,
) {
  await recordStep(ctx, caseId, {
    event: 'case.agreement_effective',
    memberOf: mechanismId,
    apply: async (s) => {
      const m = await requireMechanism(s.trx, caseId, mechanismId, 'mediation');
      requireActive(m);
      if (m.details.agreement) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'body', message: '本次调解已登记调解协议' }]);
      }
      notAfterToday(b.effectiveOn, s.today, 'body.effectiveOn');
      await requireAttachment(s.trx, caseId, b.attachmentId, 'body.attachmentId');
      if (b.form === 'written' && !b.attachmentId) {
        throw new AppError('VALIDATION_FAILED', [
          { path: 'body.attachmentId', message: '书面调解协议须上传各方签字的协议书扫描件' },
        ]);
      }
      const { attachmentId, ...agreement } = b;
      let windowLastDay: string | undefined;
      if (b.isEligibleForConfirmation && s.profile.rules.D_JUDICIAL_CONFIRM_WINDOW) {
        const w = await startClock(s.trx, s.cal, s.profile, {
          caseId,
          code: 'D_JUDICIAL_CONFIRM_WINDOW',
          unitId: s.c.owner_unit_id,
          startedOn: b.effectiveOn,
        });
        windowLastDay = w.dueOn;
      }
      await updateMechanism(s.trx, caseId, mechanismId, {
        details: { ...m.details, agreement, confirmationLastDay: windowLastDay ?? null },
        attachmentId: attachmentId ?? null,
      });
      await insertStep(s.trx, {
        caseId,
        mechanismId,
        kind: 'agreement',
        occurredOn: b.effectiveOn,
        details: { form: b.form, terms: b.terms },
        attachmentId,
        createdBy: ctx.actor.userId,
      });
      return {
        mechanismId,
        effectiveOn: b.effectiveOn,
        form: b.form,
        attachmentId,
        confirmationLastDay: windowLastDay,
      };
    },
  });
}

/** Ends the mediation through the case's `end-mediation` command (mediating → in_progress). */
export async function finishMediation(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof endMediationBody>,
) {
  const run = withRecord(
    endMediationCommand(ctx.actor, {
      version: b.version,
      result: b.outcome === 'agreement' ? 'agreement' : 'no_agreement',
      note: b.note,
    }),
    async (s) => {
      const m = await requireMechanism(s.trx, caseId, mechanismId, 'mediation');
      requireActive(m);
      if (b.outcome === 'agreement' && !m.details.agreement) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'body.outcome', message: '尚未登记调解协议' }]);
      }
      if (b.outcome !== 'agreement') {
        // No agreement, no confirmation window (人民调解法 第26条: the parties are told their other routes).
        await stopClocks(s.trx, caseId, ['D_JUDICIAL_CONFIRM_WINDOW'], s.today, { cancel: true });
      }
      await updateMechanism(s.trx, caseId, mechanismId, { status: 'concluded', outcome: b.outcome });
      return { mechanismId, outcome: b.outcome };
    },
  );
  return runCommand(ctx, caseId, run);
}

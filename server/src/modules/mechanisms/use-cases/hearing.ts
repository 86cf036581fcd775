import type { z } from 'zod';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { endHearing, startHearing } from '../../cases/use-cases/handle.js';
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
import type { concludeHearingBody, hearingBody, hearingNoticeBody } from '../mechanisms.schemas.js';
import { recordStep, withRecord } from '../record-step.js';
import { pickRoster } from './roster-pick.js';

/**
 * 听证: opened by the case's `start-hearing` command (during 复核 it pauses the 30-day clock), with a
 * panel drawn from the hearing roster (NPC deputies, CPPCC members, lawyers, psychologists,
 * respected local figures).
 */
export async function scheduleHearing(ctx: Ctx, caseId: string, b: z.infer<typeof hearingBody>) {
  let id = '';
  const run = withRecord(
    startHearing(ctx.actor, { version: b.version, scheduledOn: b.scheduledOn, note: b.note }),
    async (s) => {
      const panel = await pickRoster(
        s.trx,
        b.panelRosterIds,
        'hearing_panel',
        s.c.owner_path,
        'body.panelRosterIds',
      );
      id = await insertMechanism(s.trx, {
        caseId,
        kind: 'hearing',
        details: { scheduledOn: b.scheduledOn, place: b.place, note: b.note },
        createdBy: ctx.actor.userId,
      });
      await insertMembers(
        s.trx,
        caseId,
        id,
        panel.map((p) => ({ role: 'panelist', rosterId: p.id, name: p.name })),
      );
      return { mechanismId: id, place: b.place, panelRosterIds: b.panelRosterIds };
    },
  );
  const { version } = await runCommand(ctx, caseId, run);
  return { id, version };
}

/** 听证通知书 sent to the parties. */
export async function recordHearingNotice(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof hearingNoticeBody>,
) {
  await recordStep(ctx, caseId, {
    event: 'case.hearing_notice_sent',
    apply: async (s) => {
      const m = await requireMechanism(s.trx, caseId, mechanismId, 'hearing');
      requireActive(m);
      if (b.notifiedOn > s.today) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'body.notifiedOn', message: '日期不能晚于今天' }]);
      }
      await requireAttachment(s.trx, caseId, b.attachmentId, 'body.attachmentId');
      const stepId = await insertStep(s.trx, {
        caseId,
        mechanismId,
        kind: 'hearing_notice',
        occurredOn: b.notifiedOn,
        details: { parties: b.parties, method: b.method },
        attachmentId: b.attachmentId,
        createdBy: ctx.actor.userId,
      });
      return { mechanismId, stepId, notifiedOn: b.notifiedOn, parties: b.parties };
    },
  });
}

/** Minutes and conclusion, through the case's `end-hearing` command (the 复核 clock resumes). */
export async function concludeHearing(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof concludeHearingBody>,
) {
  const run = withRecord(
    endHearing(ctx.actor, { version: b.version, conclusion: b.conclusion }),
    async (s) => {
      const m = await requireMechanism(s.trx, caseId, mechanismId, 'hearing');
      requireActive(m);
      await requireAttachment(s.trx, caseId, b.attachmentId, 'body.attachmentId');
      await insertStep(s.trx, {
        caseId,
        mechanismId,
        kind: 'conclusion',
        occurredOn: s.today,
        details: { minutes: b.minutes, conclusion: b.conclusion },
        attachmentId: b.attachmentId,
        createdBy: ctx.actor.userId,
      });
      await updateMechanism(s.trx, caseId, mechanismId, {
        status: 'concluded',
        outcome: 'held',
        details: { ...m.details, heldOn: s.today, conclusion: b.conclusion },
      });
      return { mechanismId };
    },
  );
  return runCommand(ctx, caseId, run);
}

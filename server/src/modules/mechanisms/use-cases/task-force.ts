import type { z } from 'zod';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { addCaseUnits, findUnit, sameDistrict } from '../../cases/cases.repository.js';
import { OPEN_STATUSES, type Status } from '../../cases/cases.workflow.js';
import {
  insertMechanism,
  insertMembers,
  insertStep,
  requireActive,
  requireAttachment,
  requireMechanism,
  updateMechanism,
} from '../mechanisms.repository.js';
import type { dissolveBody, meetingBody, taskForceBody } from '../mechanisms.schemas.js';
import { recordStep } from '../record-step.js';

/**
 * 专班: a petition office convenes units (政法委, 公路, the town government, 司法局 …) under a lead
 * for a complex case. While it is active its units see the case (case_units 'task_force').
 */
export async function conveneTaskForce(
  ctx: Ctx,
  caseId: string,
  b: z.infer<typeof taskForceBody>,
): Promise<string> {
  let id = '';
  await recordStep(ctx, caseId, {
    event: 'case.task_force_convened',
    apply: async (s) => {
      if (!OPEN_STATUSES.includes(s.c.status as Status)) {
        throw new AppError('INVALID_TRANSITION', { status: s.c.status, allowed: [] });
      }
      if (b.convenedOn > s.today) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'body.convenedOn', message: '日期不能晚于今天' }]);
      }
      const unitIds = [b.leadUnitId, ...b.memberUnitIds.filter((u) => u !== b.leadUnitId)];
      const units = [];
      for (const [i, unitId] of unitIds.entries()) {
        const u = await findUnit(s.trx, unitId);
        if (!u?.is_active || !sameDistrict(u.path, s.c.owner_path)) {
          throw new AppError('VALIDATION_FAILED', [
            { path: i === 0 ? 'body.leadUnitId' : 'body.memberUnitIds', message: '单位不存在或不在本区' },
          ]);
        }
        units.push(u);
      }
      id = await insertMechanism(s.trx, {
        caseId,
        kind: 'task_force',
        details: { purpose: b.purpose, convenedOn: b.convenedOn },
        createdBy: ctx.actor.userId,
      });
      await insertMembers(
        s.trx,
        caseId,
        id,
        units.map((u, i) => ({ role: i === 0 ? 'lead' : 'member', unitId: u.id, name: u.name })),
      );
      await addCaseUnits(
        s.trx,
        caseId,
        units.map((u) => [u.id, 'task_force']),
      );
      return { mechanismId: id, leadUnitId: b.leadUnitId, unitIds, purpose: b.purpose };
    },
  });
  return id;
}

export async function recordTaskForceMeeting(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof meetingBody>,
): Promise<void> {
  await recordStep(ctx, caseId, {
    event: 'case.task_force_met',
    apply: async (s) => {
      requireActive(await requireMechanism(s.trx, caseId, mechanismId, 'task_force'));
      await requireAttachment(s.trx, caseId, b.attachmentId, 'body.attachmentId');
      const stepId = await insertStep(s.trx, {
        caseId,
        mechanismId,
        kind: 'meeting',
        occurredOn: b.heldOn,
        details: { place: b.place, attendees: b.attendees, minutes: b.minutes, decisions: b.decisions },
        attachmentId: b.attachmentId,
        createdBy: ctx.actor.userId,
      });
      return { mechanismId, stepId, heldOn: b.heldOn, decisions: b.decisions };
    },
  });
}

/** Ends the task force: its units lose the view they had through it. */
export async function dissolveTaskForce(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof dissolveBody>,
): Promise<void> {
  await recordStep(ctx, caseId, {
    event: 'case.task_force_dissolved',
    apply: async (s) => {
      const m = await requireMechanism(s.trx, caseId, mechanismId, 'task_force');
      requireActive(m);
      await updateMechanism(s.trx, caseId, mechanismId, {
        status: 'concluded',
        outcome: 'dissolved',
        details: { ...m.details, dissolvedOn: b.dissolvedOn, summary: b.summary },
      });
      // Units still on another active task force of the case keep their view.
      await s.trx
        .deleteFrom('case_units')
        .where('case_id', '=', caseId)
        .where('relation', '=', 'task_force')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('case_mechanism_members as mm')
                .innerJoin('case_mechanisms as k', (j) =>
                  j.onRef('k.case_id', '=', 'mm.case_id').onRef('k.id', '=', 'mm.mechanism_id'),
                )
                .select('mm.id')
                .whereRef('mm.case_id', '=', 'case_units.case_id')
                .whereRef('mm.unit_id', '=', 'case_units.unit_id')
                .where('k.kind', '=', 'task_force')
                .where('k.status', '=', 'active'),
            ),
          ),
        )
        .execute();
      return { mechanismId, dissolvedOn: b.dissolvedOn, summary: b.summary };
    },
  });
}

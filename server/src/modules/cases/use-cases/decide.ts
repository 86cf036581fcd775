import type { z } from 'zod';
import type { Trx } from '../../../db/database.js';
import { AppError } from '../../../http/errors.js';
import type { Actor } from '../../../policy/actor.js';
import { can } from '../../../policy/policy.js';
import { runningClocks, startClock, stopClocks } from '../case-clock.js';
import { canRun } from '../cases.policy.js';
import { addCaseUnit, type CaseRow, disciplineUnitFor, findUnit, sameDistrict } from '../cases.repository.js';
import type { COMMAND_BODIES } from '../cases.schemas.js';
import { COMMANDS, type CommandName, type Status } from '../cases.workflow.js';
import type { CommandRun, Outcome, Step } from './run-command.js';

type Body<C extends CommandName> = z.infer<(typeof COMMAND_BODIES)[C]>;

/** Clocks that belong to the current holder's decision on acceptance. */
const RECEIPT_CLOCKS = ['D_BUREAU_DISPOSE', 'D_NOTIFY_DIRECT', 'D_NOTIFY_TRANSFERRED', 'D_SIMPLE_ACCEPT'];

/** The objection window is the receiver's option, not a duty: deciding otherwise simply ends it. */
async function stopReceipt(s: Step): Promise<void> {
  await stopClocks(s.trx, s.c.id, RECEIPT_CLOCKS, s.today);
  await stopClocks(s.trx, s.c.id, ['D_OBJECTION'], s.today, { cancel: true });
}

/** Builds the run of a status-changing command: its event, from-statuses and policy come from COMMANDS. */
export function command<C extends CommandName>(
  name: C,
  actor: Actor,
  version: number,
  apply: (s: Step) => Promise<Outcome>,
): CommandRun {
  return {
    event: COMMANDS[name].event,
    version,
    allowedFrom: COMMANDS[name].from,
    authorize: (c) => canRun(actor, name, c),
    apply,
  };
}

/** Every running clock of the case stops as of today (met or missed). */
export async function stopAllClocks(s: Step, cancel = false): Promise<void> {
  const running = await runningClocks(s.trx, s.c.id);
  await stopClocks(
    s.trx,
    s.c.id,
    [...new Set(running.map((r) => r.code))],
    s.today,
    cancel ? { cancel: true } : {},
  );
}

/** A unit the case may be sent to: it must exist and be active. Any unit of the tree may receive. */
async function targetUnit(trx: Trx, id: string, field: string) {
  const u = await findUnit(trx, id);
  if (!u?.is_active)
    throw new AppError('VALIDATION_FAILED', [{ path: `body.${field}`, message: '接收单位不存在或已停用' }]);
  return u;
}

export const triage = (actor: Actor, b: Body<'triage'>) =>
  command('triage', actor, b.version, async () => ({
    to: 'triage',
    payload: { ...b, version: undefined },
    set: {
      ...(b.nature && { nature: b.nature }),
      ...(b.claimRoute && { claim_route: b.claimRoute }),
      ...(b.categoryCode && { category_code: b.categoryCode }),
      ...(b.riskColour && { risk_colour: b.riskColour, risk_reason: b.riskReason ?? null }),
    },
  }));

export const accept = (actor: Actor, b: Body<'accept'>) =>
  command('accept', actor, b.version, async (s) => {
    await stopReceipt(s);
    const handle = await startClock(s.trx, s.cal, s.profile, {
      caseId: s.c.id,
      code: 'D_HANDLE',
      unitId: s.c.owner_unit_id,
      startedOn: s.today,
    });
    return {
      to: 'accepted',
      payload: { note: b.note, claimRoute: b.claimRoute, handleDueOn: handle.dueOn, profile: s.profile.code },
      set: {
        accepted_at: new Date(),
        ...(b.claimRoute && { claim_route: b.claimRoute }),
        // The first petition of this matter unless it is linked to an earlier one.
        is_first_petition: !s.c.repeat_of_case_id,
      },
      outbox: [
        { topic: 'sms.petitioner.accepted', payload: { caseNo: s.c.case_no, handleDueOn: handle.dueOn } },
      ],
    };
  });

export const reject = (actor: Actor, b: Body<'reject'>) =>
  command('reject', actor, b.version, async (s) => {
    await stopAllClocks(s);
    return {
      to: 'not_accepted',
      payload: { reason: b.reason, basis: b.basis },
      outbox: [{ topic: 'sms.petitioner.not_accepted', payload: { caseNo: s.c.case_no } }],
    };
  });

export const rejectTerminated = (actor: Actor, b: Body<'rejectTerminated'>) =>
  command('rejectTerminated', actor, b.version, async (s) => {
    const earlier = await s.trx
      .selectFrom('cases')
      .select(['id', 'case_no', 'terminated_at'])
      .where('id', '=', b.terminatedCaseId)
      .executeTakeFirst();
    if (!earlier?.terminated_at) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'body.terminatedCaseId', message: '所引用的事项不是已终结事项' },
      ]);
    }
    await stopAllClocks(s);
    return {
      to: 'not_reaccepted',
      payload: {
        terminatedCaseId: earlier.id,
        terminatedCaseNo: earlier.case_no,
        reason: b.reason,
        basis: '《信访工作条例》第36条第3款',
      },
      set: { is_repeat: true, repeat_of_case_id: earlier.id },
    };
  });

async function handOver(s: Step, toUnitId: string, field: string): Promise<string> {
  const target = await targetUnit(s.trx, toUnitId, field);
  if (target.id === s.c.owner_unit_id) {
    throw new AppError('VALIDATION_FAILED', [{ path: `body.${field}`, message: '不能转给本单位' }]);
  }
  await stopReceipt(s);
  await startClock(s.trx, s.cal, s.profile, {
    caseId: s.c.id,
    code: 'D_NOTIFY_TRANSFERRED',
    unitId: target.id,
    startedOn: s.today,
  });
  await startClock(s.trx, s.cal, s.profile, {
    caseId: s.c.id,
    code: 'D_OBJECTION',
    unitId: target.id,
    startedOn: s.today,
  });
  return target.id;
}

export const transfer = (actor: Actor, b: Body<'transfer'>) =>
  command('transfer', actor, b.version, async (s) => {
    const to = await handOver(s, b.toUnitId, 'toUnitId');
    return {
      to: 'transferred',
      payload: { fromUnitId: s.c.owner_unit_id, toUnitId: to, reason: b.reason },
      newOwnerId: to,
      set: { assigning_unit_id: s.c.owner_unit_id },
      outbox: [
        { topic: 'notice.unit.case_received', payload: { unitId: to, caseNo: s.c.case_no } },
        { topic: 'sms.petitioner.transferred', payload: { caseNo: s.c.case_no, toUnitId: to } },
      ],
    };
  });

export const assign = (actor: Actor, b: Body<'assign'>) =>
  command('assign', actor, b.version, async (s) => {
    const to = await handOver(s, b.toUnitId, 'toUnitId');
    const feedback = await startClock(s.trx, s.cal, s.profile, {
      caseId: s.c.id,
      code: 'D_ASSIGNED_FEEDBACK',
      unitId: to,
      startedOn: s.today,
      periodOverride: b.feedbackDays,
    });
    return {
      to: 'assigned',
      payload: {
        fromUnitId: s.c.owner_unit_id,
        toUnitId: to,
        reason: b.reason,
        feedbackDueOn: feedback.dueOn,
      },
      newOwnerId: to,
      set: { assigning_unit_id: s.c.owner_unit_id },
      outbox: [{ topic: 'notice.unit.case_received', payload: { unitId: to, caseNo: s.c.case_no } }],
    };
  });

/** 异议: only within the 5-working-day window from receipt, with reasons (第23条第3款). */
export const object = (actor: Actor, b: Body<'object'>) =>
  command('object', actor, b.version, async (s) => {
    const window = (await runningClocks(s.trx, s.c.id)).find((d) => d.code === 'D_OBJECTION');
    if (!window || s.today > window.due_on) {
      throw new AppError(
        'OUT_OF_WINDOW',
        { window: 'D_OBJECTION', lastDay: window?.due_on ?? null },
        {
          zh: `提出异议的期限为收到之日起5个工作日${window ? `（截至${window.due_on}）` : ''}，已超过期限，应当依法办理`,
          en: `Objections must be made within 5 working days of receipt${window ? ` (by ${window.due_on})` : ''}`,
        },
      );
    }
    await stopClocks(s.trx, s.c.id, ['D_OBJECTION'], s.today);
    return { to: 'objected', payload: { reason: b.reason }, set: { resume_status: s.c.status } };
  });

export const decideObjection = (actor: Actor, b: Body<'decideObjection'>) =>
  command('decideObjection', actor, b.version, async (s) => {
    const previous = (s.c.resume_status ?? 'transferred') as Status;
    if (b.decision === 'rejected') {
      // The objecting unit keeps the case and must handle it.
      return {
        to: previous === 'assigned' || previous === 'registered' ? previous : 'transferred',
        payload: { decision: b.decision, reason: b.reason },
        set: { resume_status: null },
      };
    }
    const assigning = s.c.assigning_unit_id;
    if (!assigning) throw new AppError('INVALID_TRANSITION');
    await stopClocks(s.trx, s.c.id, ['D_NOTIFY_TRANSFERRED', 'D_ASSIGNED_FEEDBACK', 'D_OBJECTION'], s.today, {
      cancel: true,
    });
    if (b.toUnitId) {
      const target = await targetUnit(s.trx, b.toUnitId, 'toUnitId');
      await startClock(s.trx, s.cal, s.profile, {
        caseId: s.c.id,
        code: 'D_NOTIFY_TRANSFERRED',
        unitId: target.id,
        startedOn: s.today,
      });
      await startClock(s.trx, s.cal, s.profile, {
        caseId: s.c.id,
        code: 'D_OBJECTION',
        unitId: target.id,
        startedOn: s.today,
      });
      return {
        to: 'transferred',
        payload: { decision: b.decision, reason: b.reason, toUnitId: target.id },
        newOwnerId: target.id,
        set: { resume_status: null },
      };
    }
    // Back to the unit that sent it, which decides again.
    await startClock(s.trx, s.cal, s.profile, {
      caseId: s.c.id,
      code: 'D_NOTIFY_DIRECT',
      unitId: assigning,
      startedOn: s.today,
    });
    return {
      to: 'triage',
      payload: { decision: b.decision, reason: b.reason, toUnitId: assigning },
      newOwnerId: assigning,
      set: { resume_status: null, assigning_unit_id: null },
    };
  });

export const routeOut = (actor: Actor, b: Body<'routeOut'>) =>
  command('routeOut', actor, b.version, async (s) => {
    await stopAllClocks(s);
    return {
      to: 'routed_out',
      payload: {
        route: b.route,
        procedure: b.procedure,
        competentBody: b.competentBody,
        limitationNote: b.limitationNote,
      },
      set: { claim_route: b.route },
      outbox: [
        { topic: 'sms.petitioner.routed_out', payload: { caseNo: s.c.case_no, procedure: b.procedure } },
      ],
    };
  });

export const referDiscipline = (actor: Actor, b: Body<'referDiscipline'>) =>
  command('referDiscipline', actor, b.version, async (s) => {
    const targetId = b.toUnitId ?? (await disciplineUnitFor(s.trx, s.c.owner_path))?.id;
    if (!targetId)
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.toUnitId', message: '请选择纪检监察机关' }]);
    const target = await targetUnit(s.trx, targetId, 'toUnitId');
    if (target.kind !== 'discipline' || !sameDistrict(target.path, s.c.owner_path)) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'body.toUnitId', message: '接收单位须为纪检监察机关' },
      ]);
    }
    await s.trx
      .updateTable('case_deadlines')
      .set({ unit_id: target.id })
      .where('case_id', '=', s.c.id)
      .where('status', '=', 'running')
      .execute();
    await s.trx
      .updateTable('case_attachments')
      .set({ is_confidential: true })
      .where('case_id', '=', s.c.id)
      .execute();
    return {
      to: 'referred_discipline',
      payload: { toUnitId: target.id, reason: b.reason },
      newOwnerId: target.id,
      set: { is_confidential: true, nature: 'accusation' },
    };
  });

/** 重复件: joins an open case of the same matter; it stays on record and counts as a repeat. */
export const linkRepeat = (actor: Actor, b: Body<'linkRepeat'>) =>
  command('linkRepeat', actor, b.version, async (s) => {
    if (b.openCaseId === s.c.id) {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.openCaseId', message: '不能与本件并案' }]);
    }
    const open = await s.trx
      .selectFrom('cases')
      .select(['id', 'case_no', 'is_open', 'owner_unit_id', 'owner_path', 'is_confidential'])
      .where('id', '=', b.openCaseId)
      .executeTakeFirst();
    if (!open?.is_open || !canSee(actor, open)) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'body.openCaseId', message: '被并入的事项不存在、不在办理中或不在您的管辖范围内' },
      ]);
    }
    await stopAllClocks(s, true);
    // The open case's handler now sees this one too.
    await addCaseUnit(s.trx, s.c.id, open.owner_unit_id, 'lead');
    return {
      to: 'merged',
      payload: { openCaseId: open.id, openCaseNo: open.case_no, note: b.note },
      set: { is_repeat: true, repeat_of_case_id: open.id, is_first_petition: false },
    };
  });

function canSee(actor: Actor, c: { owner_path: string; is_confidential: boolean }): boolean {
  if (c.is_confidential) return can(actor, 'case.read_confidential', { unitPath: c.owner_path });
  return can(actor, 'case.read', { unitPath: c.owner_path });
}

export type { CaseRow };

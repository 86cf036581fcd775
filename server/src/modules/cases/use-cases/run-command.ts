import type { Updateable } from 'kysely';
import type { Trx } from '../../../db/database.js';
import type { CasesTable } from '../../../db/types.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import type { ISODate } from '../../calendar/calendar.types.js';
import type { DeadlineProfile } from '../../calendar/deadline-rules.js';
import type { WorkCalendar } from '../../calendar/work-calendar.js';
import { bumpEvaluation } from '../../evaluation/evaluation.repository.js';
import { searchVectorOf, touchesIndexedText } from '../../search/search-text.js';
import { profileForUnit, refreshCaseDue, today, workCalendar } from '../case-clock.js';
import { appendEvent } from '../case-events.js';
import type { CaseForPolicy } from '../cases.policy.js';
import { addCaseUnit, type CaseRow, findUnit, lockCaseInScope } from '../cases.repository.js';
import { canMove, commandsFrom, isOpen, type Status } from '../cases.workflow.js';

/** What a transition sees: the locked case, the date in Shanghai, the calendar and the unit's profile. */
export interface Step {
  trx: Trx;
  ctx: Ctx;
  c: CaseRow;
  today: ISODate;
  cal: WorkCalendar;
  profile: DeadlineProfile;
}

export interface Outcome {
  /** The new status; omitted for commands that keep it (extension, whistle, leader package …). */
  to?: Status;
  payload: Record<string, unknown>;
  set?: Updateable<CasesTable>;
  /** Hands the case to another unit: it becomes the owner, the old owner keeps a read view. */
  newOwnerId?: string;
  outbox?: { topic: string; payload: Record<string, unknown> }[];
  /** Skip the version bump: a co-handler's task report must not invalidate the lead's screen. */
  keepVersion?: boolean;
}

export interface CommandRun {
  event: `case.${string}`;
  /** The version the user saw; omitted only for task reports of summoned units. */
  version?: number;
  /** May this status run the command at all? (INVALID_TRANSITION otherwise) */
  allowedFrom: readonly Status[];
  /** Policy check on the locked case (FORBIDDEN otherwise: the case is visible to the actor). */
  authorize: (c: CaseForPolicy & { row: CaseRow }) => boolean;
  apply: (s: Step) => Promise<Outcome>;
}

export function policyView(c: CaseRow, assigningPath: string | null): CaseForPolicy {
  return {
    status: c.status as Status,
    ownerPath: c.owner_path,
    assigningPath,
    isConfidential: c.is_confidential,
  };
}

/**
 * The one shape of every state change: lock the case row → check version, status and policy →
 * one transaction with the change, its audit event, clock changes and outbox rows.
 */
export async function runCommand(ctx: Ctx, caseId: string, run: CommandRun): Promise<{ version: number }> {
  const cal = await workCalendar(ctx.db);
  return ctx.db.transaction().execute(async (trx) => {
    const c = await lockCaseInScope(trx, ctx.actor, caseId);
    if (run.version !== undefined && run.version !== c.version) {
      throw new AppError('CASE_CONFLICT', { currentVersion: c.version, status: c.status });
    }
    const from = c.status as Status;
    if (!run.allowedFrom.includes(from)) {
      throw new AppError('INVALID_TRANSITION', { status: from, allowed: commandsFrom(from) });
    }
    const assigning = c.assigning_unit_id ? await findUnit(trx, c.assigning_unit_id) : undefined;
    if (!run.authorize({ ...policyView(c, assigning?.path ?? null), row: c }))
      throw new AppError('FORBIDDEN');
    const profile = await profileForUnit(trx, c.owner_path);
    const out = await run.apply({ trx, ctx, c, today: today(), cal, profile });
    const to = out.to ?? from;
    if (out.to && !canMove(from, out.to)) {
      throw new AppError('INVALID_TRANSITION', { status: from, allowed: commandsFrom(from) });
    }
    const head = await appendEvent(
      trx,
      ctx.config.auditHash,
      { caseId, chainSeq: c.chain_seq, chainHash: c.chain_hash },
      {
        type: run.event,
        actorId: ctx.actor.userId,
        actorUnitId: ctx.actor.unitId,
        fromStatus: from,
        toStatus: to,
        payload: out.payload,
      },
    );
    let ownerChange: Updateable<CasesTable> = {};
    if (out.newOwnerId && out.newOwnerId !== c.owner_unit_id) {
      const owner = await findUnit(trx, out.newOwnerId);
      if (!owner) throw new AppError('NOT_FOUND');
      ownerChange = { owner_unit_id: owner.id, owner_path: owner.path };
      await addCaseUnit(trx, caseId, c.owner_unit_id, 'former');
      await addCaseUnit(trx, caseId, owner.id, 'owner');
    }
    const version = out.keepVersion ? c.version : c.version + 1;
    // A reply (意见, 复查, 复核) changes what search finds: re-index in the same transaction.
    const reindex = touchesIndexedText(out.set)
      ? { search_vector: searchVectorOf({ ...c, ...out.set }) }
      : {};
    await trx
      .updateTable('cases')
      .set({
        ...out.set,
        ...ownerChange,
        ...reindex,
        status: to,
        is_open: isOpen(to),
        version,
        chain_seq: head.seq,
        chain_hash: head.hash,
        updated_at: new Date(),
      })
      .where('id', '=', caseId)
      .execute();
    if (out.outbox?.length) {
      await trx
        .insertInto('outbox')
        .values(
          out.outbox.map((o) => ({ case_id: caseId, topic: o.topic, payload: JSON.stringify(o.payload) })),
        )
        .execute();
    }
    await refreshCaseDue(trx, caseId);
    await bumpEvaluation(trx, caseId);
    return { version };
  });
}

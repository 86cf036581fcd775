import { sql } from 'kysely';
import type { Trx } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import type { ISODate } from '../calendar/calendar.types.js';
import type { DeadlineProfile } from '../calendar/deadline-rules.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';
import { profileForUnit, refreshCaseDue, today, workCalendar } from '../cases/case-clock.js';
import { appendEvent } from '../cases/case-events.js';
import { caseScope } from '../cases/cases.policy.js';
import type { CaseRow } from '../cases/cases.repository.js';
import type { CommandRun, Step } from '../cases/use-cases/run-command.js';
import { policyView } from '../cases/use-cases/run-command.js';
import { canManage } from './mechanisms.policy.js';
import { membershipOf } from './mechanisms.repository.js';

export interface MechanismStep {
  trx: Trx;
  ctx: Ctx;
  c: CaseRow;
  today: ISODate;
  cal: WorkCalendar;
  profile: DeadlineProfile;
  /** The actor's member row on the record, when they act as a member. */
  member: Awaited<ReturnType<typeof membershipOf>>;
}

export interface StepRun {
  event: `case.${string}`;
  /** Members of this record (mediators, experts) may record this step too. */
  memberOf?: string;
  /** Only members may record it (an expert's own opinion). */
  membersOnly?: boolean;
  apply: (s: MechanismStep) => Promise<Record<string, unknown>>;
}

/**
 * A mechanism step that keeps the case's status (a meeting, a session, the agreement, the court's
 * ruling, a payment, an opinion): lock the case row, check that the actor manages the case or sits
 * on the record, apply, and append the case event — one transaction. The case version is left as
 * it is, so the handler's case screen stays valid while a mediator records a session.
 */
export async function recordStep(ctx: Ctx, caseId: string, run: StepRun): Promise<void> {
  const cal = await workCalendar(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    await sql`set local lock_timeout = '3s'`.execute(trx);
    let c: CaseRow | undefined;
    try {
      c = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirst();
    } catch (err) {
      if ((err as { code?: string }).code === '55P03') throw new AppError('CASE_CONFLICT');
      throw err;
    }
    if (!c) throw new AppError('NOT_FOUND');
    const visible = await trx
      .selectFrom('cases')
      .select('id')
      .where('id', '=', caseId)
      .where(caseScope(ctx.actor))
      .executeTakeFirst();
    const member =
      run.memberOf && !c.is_confidential
        ? await membershipOf(trx, caseId, run.memberOf, ctx.actor.userId)
        : undefined;
    if (!visible && !member) throw new AppError('NOT_FOUND');
    const manager = !!visible && canManage(ctx.actor, policyView(c, null));
    if (run.membersOnly ? !member : !manager && !member) throw new AppError('FORBIDDEN');
    const profile = await profileForUnit(trx, c.owner_path);
    const payload = await run.apply({ trx, ctx, c, today: today(), cal, profile, member });
    const head = await appendEvent(
      trx,
      ctx.config.auditHash,
      { caseId, chainSeq: c.chain_seq, chainHash: c.chain_hash },
      {
        type: run.event,
        actorId: ctx.actor.userId,
        actorUnitId: ctx.actor.unitId,
        fromStatus: c.status,
        toStatus: c.status,
        payload,
      },
    );
    await trx
      .updateTable('cases')
      .set({ chain_seq: head.seq, chain_hash: head.hash, updated_at: new Date() })
      .where('id', '=', caseId)
      .execute();
    await refreshCaseDue(trx, caseId);
  });
}

/**
 * A case command (start mediation, start/end hearing, request/conclude expert review …) with the
 * mechanism record written in the same transaction: the record never invents a parallel state, it
 * rides on the case's own transition and its event carries the record's id.
 */
export function withRecord(
  run: CommandRun,
  record: (s: Step) => Promise<Record<string, unknown>>,
  before?: (s: Step) => Promise<void>,
): CommandRun {
  return {
    ...run,
    apply: async (s) => {
      if (before) await before(s);
      const out = await run.apply(s);
      const extra = await record(s);
      return { ...out, payload: { ...out.payload, ...extra } };
    },
  };
}

import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Trx } from '../../db/database.js';
import type { DB } from '../../db/types.js';
import { sendReminders } from '../appointments/use-cases/book.js';
import { computeDue } from '../calendar/deadline-engine.js';
import { bumpEvaluation, foldEvaluationPending } from '../evaluation/evaluation.repository.js';
import { runHotIssueSweep } from '../hot-issues/sweep.js';
import {
  NON_DUTY_CLOCKS,
  profileForUnit,
  refreshCaseDue,
  startClock,
  stopClocks,
  today,
  workCalendar,
} from './case-clock.js';
import { appendEvent, type HashAlg, sealAnchor } from './case-events.js';
import { addCaseUnit, findUnit } from './cases.repository.js';
import { isOpen } from './cases.workflow.js';

/**
 * Timers that act without a user: supervision orders for clocks about to run out or overdue,
 * closing matters whose review window lapsed, and sealing the audit anchor chain.
 *
 * Each is safe with several server processes running: work is claimed case by case with
 * `FOR UPDATE SKIP LOCKED` (a case being changed right now is simply taken next time), orders are
 * unique per (case, deadline, tier), and re-running a sweep changes nothing that is already done.
 */

type Tier = 'normal' | 'yellow' | 'red';

async function systemEvent(
  trx: Trx,
  alg: HashAlg,
  c: { id: string; chain_seq: number; chain_hash: string; status: string },
  type: `case.${string}`,
  payload: Record<string, unknown>,
  toStatus?: string,
) {
  const head = await appendEvent(
    trx,
    alg,
    { caseId: c.id, chainSeq: c.chain_seq, chainHash: c.chain_hash },
    { type, actorId: null, actorUnitId: null, fromStatus: c.status, toStatus: toStatus ?? c.status, payload },
  );
  await trx
    .updateTable('cases')
    .set({ chain_seq: head.seq, chain_hash: head.hash })
    .where('id', '=', c.id)
    .execute();
  c.chain_seq = head.seq;
  c.chain_hash = head.hash;
}

/**
 * 督办: for every running staff clock that is yellow or red today, one order per tier —
 * 普通督办 when it is about to run out, 黄牌 once overdue, 红牌 when overdue by more than the
 * configured number of days — addressed to the unit whose clock it is, from the unit above it.
 */
export async function runSupervisionSweep(
  db: Kysely<DB>,
  config: Config,
  now = new Date(),
  /** Limit the sweep to cases owned within this unit path (one district); all cases when omitted. */
  within?: string,
): Promise<number> {
  const asOf = today(now);
  const cal = await workCalendar(db);
  const setting = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'supervision')
    .executeTakeFirst();
  const redAfter = Number(
    (setting?.value as { redCardAfterOverdueDays?: number } | undefined)?.redCardAfterOverdueDays ?? 10,
  );
  const candidates = await sql<{
    case_id: string;
    id: string;
    code: string;
    unit_id: string;
    due_on: string;
    started_on: string;
  }>`
    select d.case_id, d.id, d.code, d.unit_id, d.due_on, d.started_on
      from case_deadlines d
     where d.status = 'running'
       and d.code <> all(${[...NON_DUTY_CLOCKS]}::text[])
       and (${within ?? null}::ltree is null
            or exists (select 1 from cases c where c.id = d.case_id and c.owner_path <@ ${within ?? null}::ltree))
       and (d.due_on - ${asOf}::date) <= greatest(3, 0.2 * (d.due_on - d.started_on))
     order by d.due_on
     limit 5000`.execute(db);
  let raised = 0;
  const byCase = new Map<string, typeof candidates.rows>();
  for (const d of candidates.rows) byCase.set(d.case_id, [...(byCase.get(d.case_id) ?? []), d]);
  for (const [caseId, deadlines] of byCase) {
    raised += await db.transaction().execute(async (trx) => {
      const c = await trx
        .selectFrom('cases')
        .select(['id', 'status', 'chain_seq', 'chain_hash', 'owner_path', 'case_no'])
        .where('id', '=', caseId)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!c || !isOpen(c.status as never)) return 0;
      const profile = await profileForUnit(trx, c.owner_path);
      const replyRule = profile.rules.D_SUPERVISION_REPLY;
      let n = 0;
      for (const d of deadlines) {
        const overdueBy = Math.round((Date.parse(asOf) - Date.parse(d.due_on)) / 86_400_000);
        const tier: Tier = overdueBy > redAfter ? 'red' : overdueBy > 0 ? 'yellow' : 'normal';
        const target = await findUnit(trx, d.unit_id);
        if (!target) continue;
        const supervisor = target.parent_id ?? target.id;
        const replyDue = replyRule
          ? computeDue(cal, replyRule, asOf).dueDate
          : cal.addWorkingDays(asOf, 5).date;
        const inserted = await trx
          .insertInto('supervision_orders')
          .values({
            case_id: caseId,
            deadline_id: d.id,
            tier,
            trigger: overdueBy > 0 ? 'overdue' : 'due_soon',
            target_unit_id: target.id,
            supervising_unit_id: supervisor,
            reason:
              overdueBy > 0
                ? `${d.code} 已超期${overdueBy}日（期限${d.due_on}）`
                : `${d.code} 即将到期（期限${d.due_on}）`,
            due_on: replyDue,
            status: 'open',
          })
          .onConflict((oc) =>
            oc.columns(['case_id', 'deadline_id', 'tier']).where('deadline_id', 'is not', null).doNothing(),
          )
          .returning('id')
          .executeTakeFirst();
        if (!inserted) continue;
        await addCaseUnit(trx, caseId, supervisor, 'supervisor');
        await systemEvent(trx, config.auditHash, c, 'case.supervision_raised', {
          orderId: inserted.id,
          tier,
          deadlineCode: d.code,
          deadlineDueOn: d.due_on,
          targetUnitId: target.id,
          supervisingUnitId: supervisor,
          replyDueOn: replyDue,
          automatic: true,
        });
        await trx
          .insertInto('outbox')
          .values({
            case_id: caseId,
            topic: 'notice.unit.supervision',
            payload: JSON.stringify({
              unitId: target.id,
              caseNo: c.case_no,
              tier,
              trigger: overdueBy > 0 ? 'overdue' : 'due_soon',
              dueOn: d.due_on,
            }),
          })
          .execute();
        n++;
      }
      return n;
    });
  }
  return raised;
}

/** Delivered matters whose 复查 (or 复核) window passed without a request are closed (办结). */
export async function runWindowSweep(
  db: Kysely<DB>,
  config: Config,
  now = new Date(),
  within?: string,
): Promise<number> {
  const asOf = today(now);
  const cal = await workCalendar(db);
  const due = await sql<{ case_id: string }>`
    select distinct d.case_id
      from case_deadlines d join cases c on c.id = d.case_id
     where d.status = 'running' and d.code in ('D_REVIEW_WINDOW', 'D_RECHECK_WINDOW')
       and d.due_on < ${asOf}::date and c.status in ('delivered', 'review_delivered')
       and (${within ?? null}::ltree is null or c.owner_path <@ ${within ?? null}::ltree)
     limit 2000`.execute(db);
  let closed = 0;
  for (const { case_id } of due.rows) {
    closed += await db.transaction().execute(async (trx) => {
      const c = await trx
        .selectFrom('cases')
        .select(['id', 'status', 'chain_seq', 'chain_hash', 'owner_path', 'first_unit_id', 'version'])
        .where('id', '=', case_id)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!c || (c.status !== 'delivered' && c.status !== 'review_delivered')) return 0;
      const open = await trx
        .selectFrom('case_deadlines')
        .select('code')
        .where('case_id', '=', case_id)
        .where('status', '=', 'running')
        .where('code', 'in', ['D_REVIEW_WINDOW', 'D_RECHECK_WINDOW', 'D_EXPERT_REVIEW_WINDOW'])
        .where('due_on', '>=', asOf)
        .execute();
      if (open.length) return 0;
      await stopClocks(trx, case_id, ['D_REVIEW_WINDOW', 'D_RECHECK_WINDOW', 'D_EXPERT_REVIEW_WINDOW'], asOf);
      const profile = await profileForUnit(trx, c.owner_path);
      const followUp = profile.rules.D_FOLLOW_UP
        ? await startClock(trx, cal, profile, {
            caseId: case_id,
            code: 'D_FOLLOW_UP',
            unitId: c.first_unit_id,
            startedOn: asOf,
          })
        : undefined;
      await systemEvent(
        trx,
        config.auditHash,
        c,
        'case.closed',
        { basis: 'window_lapsed', automatic: true, followUpDueOn: followUp?.dueOn },
        'closed',
      );
      await trx
        .updateTable('cases')
        .set({ status: 'closed', is_open: false, closed_at: new Date(), version: c.version + 1 })
        .where('id', '=', case_id)
        .execute();
      await refreshCaseDue(trx, case_id);
      await bumpEvaluation(trx, case_id);
      return 1;
    });
  }
  return closed;
}

/** How often pending evaluation changes are folded into the summary counters. */
const FOLD_EVERY_MS = 2_000;

export interface TimerHandle {
  stop(): void;
}

/** Starts the timers in this process (config TIMERS=off disables them, e.g. for extra web nodes). */
export function startTimers(db: Kysely<DB>, config: Config, log: FastifyBaseLogger): TimerHandle {
  let running = false;
  const tick = async (what: 'all' | 'anchor') => {
    if (running) return;
    running = true;
    try {
      const sealed = await sealAnchor(db, config.auditHash);
      if (what === 'all') {
        const raised = await runSupervisionSweep(db, config);
        const closed = await runWindowSweep(db, config);
        const reminded = await sendReminders(db);
        if (raised || closed || reminded) log.info({ raised, closed, sealed, reminded }, 'timers');
        // --- hot issues: the daily sweep (runs on the first tick of each day) ---
        const hotAlerts = await runHotIssueSweep(db);
        if (hotAlerts) log.info({ hotAlerts }, 'hot-issue alerts');
        // --- end hot issues ---
      }
    } catch (err) {
      log.error({ err }, 'timer run failed');
    } finally {
      running = false;
    }
  };
  // The evaluation fold has its own beat and guard: a long sweep must not hold the pending
  // changes back, and the figures are exact meanwhile anyway (they add the pending rows).
  let folding = false;
  const fold = async () => {
    if (folding) return;
    folding = true;
    try {
      while ((await foldEvaluationPending(db)) > 0) {}
    } catch (err) {
      log.error({ err }, 'evaluation fold failed');
    } finally {
      folding = false;
    }
  };
  const folder = setInterval(() => void fold(), FOLD_EVERY_MS);
  const anchor = setInterval(() => void tick('anchor'), 60_000);
  const sweep = setInterval(() => void tick('all'), 5 * 60_000);
  const first = setTimeout(() => void tick('all'), 5_000);
  for (const t of [folder, anchor, sweep, first]) t.unref();
  return {
    stop() {
      clearInterval(folder);
      clearInterval(anchor);
      clearInterval(sweep);
      clearTimeout(first);
    },
  };
}

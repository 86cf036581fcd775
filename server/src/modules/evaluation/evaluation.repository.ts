import { sql } from 'kysely';
import type { Conn, Trx } from '../../db/database.js';
import { TtlCache } from '../../lib/ttl-cache.js';
import { addDays, shanghaiDate } from '../calendar/iso-date.js';
import {
  type CaseDims,
  type CaseFacts,
  type Contribution,
  contributions,
  type DeltaRow,
  delta,
  dimsOf,
  HANDLE_CLOCK,
  NOTIFY_CLOCKS,
} from './facts.js';
import { COUNTERS, type Counts, type MetricOptions, splitByMonths, zeroCounts } from './metrics.js';

export interface EvaluationSettings extends MetricOptions {
  /** Days after conclusion within which a repeat petition means the matter was not resolved at once. */
  repeatWindowDays: number;
}

const settingsCache = new TtlCache<EvaluationSettings>(30_000);
export function evaluationSettings(conn: Conn): Promise<EvaluationSettings> {
  return settingsCache.get('evaluation', async () => {
    const row = await conn
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'evaluation')
      .executeTakeFirst();
    const v = (row?.value ?? {}) as Partial<EvaluationSettings>;
    return { repeatWindowDays: v.repeatWindowDays ?? 90, basicSatisfiedWeight: v.basicSatisfiedWeight ?? 1 };
  });
}

/** Reads what the formulas need of one case, as it stands inside the transaction. */
async function loadFacts(
  trx: Conn,
  caseId: string,
  windowDays: number,
): Promise<(CaseFacts & { repeatOf: string | null }) | undefined> {
  // One round trip for the case, its clocks and whether a petitioner left a phone: this runs in
  // every case change, intake included.
  const c = await trx
    .selectFrom('cases')
    .select((eb) => [
      'owner_unit_id',
      'first_unit_id',
      'category_code',
      'channel',
      'is_confidential',
      'received_on',
      'person_count',
      'is_group',
      'is_repeat',
      'is_first_petition',
      'delivered_on',
      'satisfaction',
      'resolved_on_spot',
      'closed_at',
      'terminated_at',
      'repeat_of_case_id',
      eb
        .selectFrom('case_deadlines as d')
        .select(
          sql<
            { code: string; unit_id: string; due_on: string; status: string }[] | null
          >`json_agg(json_build_object('code', d.code, 'unit_id', d.unit_id, 'due_on', d.due_on, 'status', d.status))`.as(
            'x',
          ),
        )
        .whereRef('d.case_id', '=', 'cases.id')
        .where('d.code', 'in', [...NOTIFY_CLOCKS, HANDLE_CLOCK])
        .as('clocks'),
      eb
        .exists(
          eb
            .selectFrom('case_parties as p')
            .select('p.id')
            .whereRef('p.case_id', '=', 'cases.id')
            .where('p.role', '=', 'petitioner')
            .where('p.phone_hmac', 'is not', null),
        )
        .as('has_contact'),
    ])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!c) return undefined;
  const concluded = c.closed_at ?? c.terminated_at;
  const concludedOn = concluded ? shanghaiDate(new Date(concluded)) : null;
  const repeat = concludedOn
    ? await trx
        .selectFrom('cases')
        .select('id')
        .where('repeat_of_case_id', '=', caseId)
        .where('received_on', '<=', addDays(concludedOn, windowDays))
        .limit(1)
        .executeTakeFirst()
    : undefined;
  const clocks = c.clocks ?? [];
  return {
    ownerUnitId: c.owner_unit_id,
    firstUnitId: c.first_unit_id,
    categoryCode: c.category_code,
    channel: c.channel,
    confidential: c.is_confidential,
    receivedOn: c.received_on,
    personCount: c.person_count,
    isGroup: c.is_group,
    isRepeat: c.is_repeat,
    isFirstPetition: c.is_first_petition,
    deliveredOn: c.delivered_on,
    hasContact: !!c.has_contact,
    satisfaction: c.satisfaction as CaseFacts['satisfaction'],
    resolvedOnSpot: c.resolved_on_spot,
    concludedOn,
    repeatedInWindow: !!repeat,
    clocks: clocks.map((k) => ({ code: k.code, unitId: k.unit_id, dueOn: k.due_on, status: k.status })),
    repeatOf: c.repeat_of_case_id,
  };
}

/** What a case contributes now, computed from scratch (what the stored facts must equal). */
export async function recomputeCase(conn: Conn, caseId: string): Promise<Contribution[]> {
  const { repeatWindowDays } = await evaluationSettings(conn);
  const facts = await loadFacts(conn, caseId, repeatWindowDays);
  return facts ? contributions(facts) : [];
}

/** Adds folded changes to the summary counters (rows created at zero when new). */
function addToSummarySql(table: 'evaluation_daily' | 'evaluation_monthly') {
  return sql`on conflict (unit_id, day, category_top, channel, confidential) do update set ${sql.join(
    COUNTERS.map((k) => sql`${sql.ref(k)} = ${sql.table(table)}.${sql.ref(k)} + excluded.${sql.ref(k)}`),
  )}`;
}

interface FactsWrite {
  caseId: string;
  dims: CaseDims;
  items: Contribution[];
}

/**
 * Recomputes one case's contribution and returns what to store for it with the change to the
 * counters (neither written yet) and the case it repeats, if any. A case registered in this
 * transaction has no stored contribution yet: `isNew` spares the read.
 */
async function recompute(
  trx: Trx,
  caseId: string,
  windowDays: number,
  isNew: boolean,
): Promise<{ write?: FactsWrite; changed: DeltaRow[]; repeatOf: string | null }> {
  // The facts row is locked first: two transactions recomputing one case (a repeat and the case it
  // repeats) then apply their differences one after the other, each from the other's result.
  const old = isNew
    ? undefined
    : await trx
        .selectFrom('evaluation_case_facts')
        .select(['category_top', 'channel', 'confidential', 'items'])
        .where('case_id', '=', caseId)
        .forUpdate()
        .executeTakeFirst();
  const facts = await loadFacts(trx, caseId, windowDays);
  if (!facts) return { changed: [], repeatOf: null };
  const dims = dimsOf(facts);
  const items = contributions(facts);
  const before = old
    ? {
        dims: {
          categoryTop: old.category_top,
          channel: old.channel,
          confidential: old.confidential,
        } as CaseDims,
        items: old.items as Contribution[],
      }
    : null;
  return {
    write: { caseId, dims, items },
    changed: delta(before, { dims, items }),
    repeatOf: facts.repeatOf,
  };
}

/**
 * Stores the cases' contributions and appends the changes to evaluation_pending, in one statement.
 * Appending, not adding to the summary rows, is what lets concurrent intakes of one district
 * commit without waiting on each other (see migration 0011); foldEvaluationPending() moves the
 * rows into the summaries.
 */
async function persist(trx: Trx, writes: FactsWrite[], changed: DeltaRow[]): Promise<void> {
  if (writes.length === 0) return;
  const facts = sql`insert into evaluation_case_facts (case_id, category_top, channel, confidential, items, updated_at)
    values ${sql.join(
      writes.map(
        (w) =>
          sql`(${w.caseId}::uuid, ${w.dims.categoryTop}, ${w.dims.channel}, ${w.dims.confidential}, ${JSON.stringify(w.items)}::jsonb, now())`,
      ),
    )}
    on conflict (case_id) do update set category_top = excluded.category_top, channel = excluded.channel,
      confidential = excluded.confidential, items = excluded.items, updated_at = excluded.updated_at`;
  if (changed.length === 0) {
    await facts.execute(trx);
    return;
  }
  const cols = sql.join(COUNTERS.map((k) => sql.ref(k)));
  const rows = sql.join(
    changed.map(
      (r) =>
        sql`(${r.unitId}::uuid, ${r.day}::date, ${r.dims.categoryTop}, ${r.dims.channel}, ${r.dims.confidential}, ${sql.join(
          COUNTERS.map((k) => sql`${r.counts[k] ?? 0}::int`),
        )})`,
    ),
  );
  await sql`with f as (${facts} returning 1)
    insert into evaluation_pending (unit_id, day, category_top, channel, confidential, ${cols})
    values ${rows}`.execute(trx);
}

/**
 * Brings the evaluation counters up to date with a case after a change, inside the change's
 * transaction. A repeat also updates the case it repeats: that one's 一次性化解 depends on it.
 * `isNew` says the case was registered in this transaction.
 */
export async function bumpEvaluation(
  trx: Trx,
  caseId: string,
  opts: { isNew?: boolean } = {},
): Promise<void> {
  const { repeatWindowDays } = await evaluationSettings(trx);
  const self = await recompute(trx, caseId, repeatWindowDays, opts.isNew ?? false);
  const earlier = self.repeatOf ? await recompute(trx, self.repeatOf, repeatWindowDays, false) : undefined;
  const writes = [self.write, earlier?.write].filter((w): w is FactsWrite => !!w);
  await persist(trx, writes, [...self.changed, ...(earlier?.changed ?? [])]);
}

// Any constant both sides agree on: only one process folds at a time, so two folds never lock
// summary rows in different orders.
const FOLD_LOCK = 7_061_627;

/**
 * Moves up to `limit` pending changes into the daily and monthly counters of their units and every
 * unit above, in one statement and one transaction. Returns how many were moved (0 when another
 * process is folding). Several may run at once: the lock makes the others return at once.
 */
export async function foldEvaluationPending(db: Conn, limit = 20_000): Promise<number> {
  const cols = sql.join(COUNTERS.map((k) => sql.ref(k)));
  const sums = sql.join(COUNTERS.map((k) => sql`sum(m.${sql.ref(k)})::int as ${sql.ref(k)}`));
  const monthSums = sql.join(COUNTERS.map((k) => sql`sum(${sql.ref(k)})::int`));
  const nonZero = sql.join(
    COUNTERS.map((k) => sql`sum(m.${sql.ref(k)}) <> 0`),
    sql` or `,
  );
  return db.transaction().execute(async (trx) => {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${FOLD_LOCK}) as ok`.execute(trx);
    if (!got.rows[0]?.ok) return 0;
    const r = await sql<{ n: number }>`
      with moved as (
        delete from evaluation_pending
         where id in (select id from evaluation_pending order by id limit ${limit})
        returning *
      ), rolled as (
        select a.id as unit_id, m.day, m.category_top, m.channel, m.confidential, ${sums}
          from moved m
          join org_units u on u.id = m.unit_id
          join org_units a on a.path @> u.path
         group by 1, 2, 3, 4, 5
        having ${nonZero}
      ), daily as (
        insert into evaluation_daily (unit_id, day, category_top, channel, confidential, ${cols})
        select * from rolled
        ${addToSummarySql('evaluation_daily')}
        returning 1
      ), monthly as (
        insert into evaluation_monthly (unit_id, day, category_top, channel, confidential, ${cols})
        select unit_id, date_trunc('month', day)::date, category_top, channel, confidential, ${monthSums}
          from rolled
         group by 1, 2, 3, 4, 5
        ${addToSummarySql('evaluation_monthly')}
        returning 1
      )
      select (select count(*) from moved)::int as n`.execute(trx);
    return r.rows[0]?.n ?? 0;
  });
}

/**
 * Recomputes the counters of every case from scratch (an installation that had cases before the
 * counters existed, or a check that the incremental counts have not drifted).
 */
// 200 cases write a few thousand pending rows: well under the 65,535 parameters of one statement.
export async function rebuildEvaluation(db: Conn, batch = 200): Promise<number> {
  const { repeatWindowDays } = await evaluationSettings(db);
  // Cleared in one transaction that holds changes off meanwhile: a case change between clearing the
  // counters and clearing its facts would otherwise be counted twice.
  await db.transaction().execute(async (trx) => {
    await sql`lock table evaluation_case_facts, evaluation_pending, evaluation_daily, evaluation_monthly in exclusive mode`.execute(
      trx,
    );
    await sql`delete from evaluation_pending`.execute(trx);
    await sql`delete from evaluation_daily`.execute(trx);
    await sql`delete from evaluation_monthly`.execute(trx);
    await sql`delete from evaluation_case_facts`.execute(trx);
  });
  let after = '00000000-0000-0000-0000-000000000000';
  let n = 0;
  for (;;) {
    const ids = await db
      .selectFrom('cases')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (ids.length === 0) return n;
    await db.transaction().execute(async (trx) => {
      const writes: FactsWrite[] = [];
      const changed: DeltaRow[] = [];
      for (const { id } of ids) {
        const r = await recompute(trx, id, repeatWindowDays, false);
        if (r.write) writes.push(r.write);
        changed.push(...r.changed);
      }
      await persist(trx, writes, changed);
    });
    await foldEvaluationPending(db);
    n += ids.length;
    after = ids[ids.length - 1]!.id;
  }
}

export interface PeriodCounts {
  period: 'current' | 'previous' | 'lastYear';
  categoryTop: string;
  counts: Counts;
}

export interface CountQuery {
  /** The unit whose subtree is counted: its summary rows already hold the subtree (see the fold). */
  unitId: string;
  periods: { current: Range; previous: Range; lastYear: Range };
  category?: string | undefined;
  channel?: string | undefined;
  includeConfidential: boolean;
}
type Range = { from: string; to: string };

type Filters = { category?: string | undefined; channel?: string | undefined; includeConfidential: boolean };

/**
 * The summary rows of one period for some units: whole months from the monthly counters and the
 * days outside them from the daily ones, each one index range per unit.
 */
function periodPieces(period: string, range: Range, unitIds: string[], f: Filters) {
  const cols = sql.join(COUNTERS.map((k) => sql.ref(k)));
  const filters = sql`${f.category ? sql`and category_top = ${f.category}` : sql``}
       ${f.channel ? sql`and channel = ${f.channel}` : sql``}
       ${f.includeConfidential ? sql`` : sql`and not confidential`}`;
  const piece = (table: 'evaluation_daily' | 'evaluation_monthly', r: Range) => sql`
    select ${period}::text as period, unit_id, category_top, ${cols}
      from ${sql.table(table)}
     where unit_id = any(${unitIds}::uuid[]) and day between ${r.from}::date and ${r.to}::date ${filters}`;
  const split = splitByMonths(range.from, range.to);
  // Changes not folded yet sit at their own unit: each counts for the asked units above it.
  const pending = sql`
    select ${period}::text as period, a.id as unit_id, p.category_top, ${sql.join(COUNTERS.map((k) => sql`p.${sql.ref(k)}`))}
      from evaluation_pending p
      join org_units u on u.id = p.unit_id
      join org_units a on a.path @> u.path
     where a.id = any(${unitIds}::uuid[]) and p.day between ${range.from}::date and ${range.to}::date
       ${f.category ? sql`and p.category_top = ${f.category}` : sql``}
       ${f.channel ? sql`and p.channel = ${f.channel}` : sql``}
       ${f.includeConfidential ? sql`` : sql`and not p.confidential`}`;
  return [
    ...(split.months ? [piece('evaluation_monthly', split.months)] : []),
    ...split.days.map((d) => piece('evaluation_daily', d)),
    pending,
  ];
}

/** The counters of each unit's subtree for one period (a ranking). */
export async function countUnits(
  conn: Conn,
  unitIds: string[],
  range: Range,
  f: Filters,
): Promise<Map<string, Counts>> {
  const out = new Map(unitIds.map((id) => [id, zeroCounts()]));
  if (unitIds.length === 0) return out;
  const sums = sql.join(COUNTERS.map((k) => sql`sum(${sql.ref(k)})::int as ${sql.ref(k)}`));
  const r = await sql<Record<string, unknown> & { unit_id: string }>`
    select unit_id, ${sums}
      from (${sql.join(periodPieces('current', range, unitIds, f), sql` union all `)}) p
     group by unit_id`.execute(conn);
  for (const row of r.rows) {
    const counts = out.get(row.unit_id);
    if (counts) for (const k of COUNTERS) counts[k] = Number(row[k] ?? 0);
  }
  return out;
}

/**
 * The counters of a unit subtree for the period, the one before it and the same one a year
 * earlier, by first-level category. Whole months come from the monthly counters and the days
 * outside them from the daily ones; the three periods are summed separately (a long period
 * overlaps the others). Every piece is one index range of the unit's own rows.
 */
export async function countPeriods(conn: Conn, q: CountQuery): Promise<PeriodCounts[]> {
  const sums = sql.join(COUNTERS.map((k) => sql`sum(${sql.ref(k)})::int as ${sql.ref(k)}`));
  const pieces = (['current', 'previous', 'lastYear'] as const).flatMap((period) =>
    periodPieces(period, q.periods[period], [q.unitId], q),
  );
  const r = await sql<Record<string, unknown> & { period: PeriodCounts['period']; category_top: string }>`
    select period, category_top, ${sums}
      from (${sql.join(pieces, sql` union all `)}) p
     group by period, category_top`.execute(conn);
  return r.rows.map((row) => {
    const counts = zeroCounts();
    for (const k of COUNTERS) counts[k] = Number(row[k] ?? 0);
    return { period: row.period, categoryTop: row.category_top, counts };
  });
}

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
  rollUp,
} from './facts.js';
import {
  COUNTERS,
  type Counter,
  type Counts,
  type MetricOptions,
  monthOf,
  splitByMonths,
  zeroCounts,
} from './metrics.js';

export interface EvaluationSettings extends MetricOptions {
  /** Days after conclusion within which a repeat petition means the matter was not resolved at once. */
  repeatWindowDays: number;
}

const settingsCache = new TtlCache<EvaluationSettings>(30_000);
// The tree changes rarely; a unit moved to another parent needs rebuildEvaluation() anyway (its
// past counts sit in the old ancestors' rows).
const ancestorCache = new TtlCache<string[]>(30_000, 5000);

/** The unit and every unit above it. */
function ancestorsOf(conn: Conn, unitId: string): Promise<string[]> {
  return ancestorCache.get(unitId, async () => {
    const rows = await conn
      .selectFrom('org_units as u')
      .innerJoin('org_units as a', (j) => j.on(sql<boolean>`a.path @> u.path`))
      .select('a.id')
      .where('u.id', '=', unitId)
      .execute();
    return rows.map((r) => r.id);
  });
}

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

/** Adds the changes to the counters (rows created at zero when new). */
async function upsertCounters(
  trx: Trx,
  table: 'evaluation_daily' | 'evaluation_monthly',
  rows: DeltaRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto(table)
    .values(
      rows.map((r) => ({
        unit_id: r.unitId,
        day: r.day,
        category_top: r.dims.categoryTop,
        channel: r.dims.channel,
        confidential: r.dims.confidential,
        ...Object.fromEntries(COUNTERS.map((k) => [k, r.counts[k] ?? 0])),
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'day', 'category_top', 'channel', 'confidential'])
        .doUpdateSet(
          Object.fromEntries(
            COUNTERS.map((k) => [k, sql<number>`${sql.ref(`${table}.${k}`)} + excluded.${sql.ref(k)}`]),
          ) as Record<Counter, ReturnType<typeof sql<number>>>,
        ),
    )
    .execute();
}

/**
 * Recomputes one case's contribution, stores it, and returns the change to the counters (not yet
 * applied) with the case it repeats, if any.
 */
async function recompute(
  trx: Trx,
  caseId: string,
  windowDays: number,
): Promise<{ changed: DeltaRow[]; repeatOf: string | null }> {
  // The facts row is locked first: two transactions recomputing one case (a repeat and the case it
  // repeats) then apply their differences one after the other, each from the other's result.
  const old = await trx
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
  const value = {
    category_top: dims.categoryTop,
    channel: dims.channel,
    confidential: dims.confidential,
    items: JSON.stringify(items),
    updated_at: new Date(),
  };
  if (old) await trx.updateTable('evaluation_case_facts').set(value).where('case_id', '=', caseId).execute();
  else
    await trx
      .insertInto('evaluation_case_facts')
      .values({ case_id: caseId, ...value })
      .execute();
  return { changed: delta(before, { dims, items }), repeatOf: facts.repeatOf };
}

/**
 * Applies changes to the daily and monthly counters of their units and every unit above. All
 * changes of a transaction go in one sorted batch per table (daily, then monthly), so concurrent
 * transactions lock summary rows in one order and cannot deadlock on them.
 */
async function applyChanges(trx: Trx, changed: DeltaRow[]): Promise<void> {
  const ancestors = new Map<string, string[]>();
  for (const u of new Set(changed.map((r) => r.unitId))) ancestors.set(u, await ancestorsOf(trx, u));
  await upsertCounters(trx, 'evaluation_daily', rollUp(changed, ancestors));
  await upsertCounters(trx, 'evaluation_monthly', rollUp(changed, ancestors, monthOf));
}

/**
 * Brings the evaluation counters up to date with a case after a change, inside the change's
 * transaction. A repeat also updates the case it repeats: that one's 一次性化解 depends on it.
 */
export async function bumpEvaluation(trx: Trx, caseId: string): Promise<void> {
  const { repeatWindowDays } = await evaluationSettings(trx);
  const self = await recompute(trx, caseId, repeatWindowDays);
  const earlier = self.repeatOf ? await recompute(trx, self.repeatOf, repeatWindowDays) : undefined;
  await applyChanges(trx, [...self.changed, ...(earlier?.changed ?? [])]);
}

/**
 * Recomputes the counters of every case from scratch (an installation that had cases before the
 * counters existed, or a check that the incremental counts have not drifted).
 */
export async function rebuildEvaluation(db: Conn, batch = 500): Promise<number> {
  const { repeatWindowDays } = await evaluationSettings(db);
  // Cleared in one transaction that holds changes off meanwhile: a case change between clearing the
  // counters and clearing its facts would otherwise be counted twice.
  await db.transaction().execute(async (trx) => {
    await sql`lock table evaluation_case_facts, evaluation_daily, evaluation_monthly in exclusive mode`.execute(
      trx,
    );
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
      const changed: DeltaRow[] = [];
      for (const { id } of ids) changed.push(...(await recompute(trx, id, repeatWindowDays)).changed);
      await applyChanges(trx, changed);
    });
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
  /** The unit whose subtree is counted: its rows already hold the subtree (see rollUp). */
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
  return [
    ...(split.months ? [piece('evaluation_monthly', split.months)] : []),
    ...split.days.map((d) => piece('evaluation_daily', d)),
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

import type { Ctx } from '../../../http/context.js';
import { today } from '../../cases/case-clock.js';
import { findUnitPath, topCategoryNames } from '../../dashboard/dashboard.repository.js';
import { authorizeFigures, defaultFiguresUnit } from '../evaluation.policy.js';
import { countPeriods, evaluationSettings } from '../evaluation.repository.js';
import type { CountName, Figures, FiguresQuery } from '../evaluation.schemas.js';
import {
  type Counts,
  change,
  previousPeriod,
  type Rates,
  rateChange,
  rates,
  samePeriodLastYear,
  shares,
  zeroCounts,
} from '../metrics.js';

/** The current quarter from its first day to `asOf`. */
export function quarterToDate(asOf: string): { from: string; to: string } {
  const m = Number(asOf.slice(5, 7));
  const first = m - ((m - 1) % 3);
  return { from: `${asOf.slice(0, 4)}-${String(first).padStart(2, '0')}-01`, to: asOf };
}

function countsOf(c: Counts): Record<CountName, number> {
  return {
    received: c.received,
    matters: c.matters,
    visitBatches: c.visit_batches,
    visitPersons: c.visit_persons,
    groupVisits: c.group_visits,
    groupPersons: c.group_persons,
    repeats: c.repeats,
    delivered: c.delivered,
  };
}

function compare(cur: Counts, curRates: Rates, prev: Counts, prevRates: Rates) {
  const a = countsOf(cur);
  const b = countsOf(prev);
  return {
    counts: Object.fromEntries(
      Object.entries(a).map(([k, v]) => [k, change(v, b[k as CountName])]),
    ) as Record<CountName, ReturnType<typeof change>>,
    rates: Object.fromEntries(
      Object.entries(curRates).map(([k, v]) => [k, rateChange(v, prevRates[k as keyof Rates])]),
    ) as Record<keyof Rates, ReturnType<typeof rateChange>>,
  };
}

/**
 * 考核指标 of a unit subtree (the actor's unit by default) for a period, with 环比 and 同比, read
 * from the summary counters (evaluation_daily) rather than the cases.
 */
export async function getFigures(ctx: Ctx, q: FiguresQuery): Promise<Figures> {
  const { db, actor } = ctx;
  const unit = await findUnitPath(db, q.unitId ?? defaultFiguresUnit(actor));
  const { includeConfidential } = authorizeFigures(actor, unit);
  const settings = await evaluationSettings(db);
  const { from, to } = q.from && q.to ? { from: q.from, to: q.to } : quarterToDate(today());
  const periods = {
    current: { from, to },
    previous: previousPeriod(from, to),
    lastYear: samePeriodLastYear(from, to),
  };
  const rows = await countPeriods(db, {
    unitId: unit!.id,
    periods,
    category: q.category,
    channel: q.channel,
    includeConfidential,
  });
  const totals = { current: zeroCounts(), previous: zeroCounts(), lastYear: zeroCounts() };
  const byTop = new Map<string, number>();
  for (const r of rows) {
    const t = totals[r.period];
    for (const k of Object.keys(t) as (keyof Counts)[]) t[k] += r.counts[k];
    if (r.period === 'current' && r.counts.received > 0) byTop.set(r.categoryTop, r.counts.received);
  }
  const opts = { basicSatisfiedWeight: settings.basicSatisfiedWeight };
  const cur = rates(totals.current, opts);
  const names = new Map<string, string>();
  for (const c of await topCategoryNames(db, [...byTop.keys()]))
    if (!names.has(c.code)) names.set(c.code, c.name);
  const parts = [...byTop]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return {
    unit: { id: unit!.id, name: unit!.name },
    period: periods.current,
    previousPeriod: periods.previous,
    lastYearPeriod: periods.lastYear,
    filters: { category: q.category ?? null, channel: q.channel ?? null },
    basicSatisfiedWeight: settings.basicSatisfiedWeight,
    counts: countsOf(totals.current),
    rates: cur,
    periodOnPeriod: compare(totals.current, cur, totals.previous, rates(totals.previous, opts)),
    yearOnYear: compare(totals.current, cur, totals.lastYear, rates(totals.lastYear, opts)),
    byCategory: shares(parts).map((s, i) => ({
      code: s.key,
      name: names.get(s.key) ?? s.key,
      received: parts[i]!.count,
      share: s.share,
    })),
  };
}

/**
 * The evaluation formulas (DOMAIN.md §3), in one place and free of the database: every figure is a
 * numerator over a denominator taken from the counters of evaluation_daily (see facts.ts for what
 * each counter counts). docs/METRICS.md defines every numerator and denominator in words; the two
 * must be changed together.
 */

/** The counters kept per unit, day, first-level category and channel (columns of evaluation_daily). */
export const COUNTERS = [
  /** 件次: matters received (day: receipt date). */
  'received',
  /** 件: received and not flagged as a repeat of an earlier matter (day: receipt date). */
  'matters',
  /** 批次: visits received, one per visit however many came (day: receipt date). */
  'visit_batches',
  /** 人次: persons of those visits, summed (day: receipt date). */
  'visit_persons',
  /** 集体访: visits by at least the group threshold of persons (day: receipt date). */
  'group_visits',
  /** 集体访人次 (day: receipt date). */
  'group_persons',
  /** Received and flagged as a repeat (day: receipt date). */
  'repeats',
  /** Written notice clocks (受理告知) due that day, cancelled ones excluded (day: due date). */
  'notify_due',
  /** Of those, stopped by the decision on or before their due date. */
  'notify_met',
  /** Handling clocks (办理期限, extension included) due that day, cancelled ones excluded. */
  'handle_due',
  /** Of those, stopped by the delivered reply on or before their due date. */
  'handle_met',
  /** Replies delivered that day (day: delivery date). */
  'delivered',
  /** Of those, with a petitioner who left a phone: eligible for evaluation. */
  'eligible',
  /** Of the eligible, rated by the petitioner (满意/基本满意/不满意). */
  'rated',
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  /** Delivered replies resolved where first received (就地解决). */
  'on_spot',
  /** 初信初访 concluded that day (day: date closed or terminated). */
  'first_concluded',
  /** Of those, followed by a repeat petition received before the end of the observation window. */
  'first_repeated',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counts = Record<Counter, number>;

export const zeroCounts = (): Counts => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counts;

/** A figure with its parts, so a reader can check it; `rate` is null when nothing was due. */
export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator / denominator as a fraction (0…1), rounded to 4 places; null when the denominator is 0. */
  rate: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return {
    numerator,
    denominator,
    rate: denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null,
  };
}

export interface MetricOptions {
  /**
   * How much a "基本满意" counts towards 群众满意率 (DOMAIN.md §3.2: 1.0 where it counts as
   * satisfied, for example 0.6 elsewhere; local rules differ).
   */
  basicSatisfiedWeight: number;
}

export const DEFAULT_OPTIONS: MetricOptions = { basicSatisfiedWeight: 1 };

export interface Rates {
  timelyAcceptance: Ratio;
  onTimeCompletion: Ratio;
  satisfaction: Ratio;
  participation: Ratio;
  oneTimeResolution: Ratio;
  repeat: Ratio;
  onTheSpot: Ratio;
  groupVisit: Ratio;
}

/** Every rate of §3.2–3.3 from the counts of one scope and period. */
export function rates(c: Counts, opts: MetricOptions = DEFAULT_OPTIONS): Rates {
  const w = opts.basicSatisfiedWeight;
  if (!(w >= 0 && w <= 1)) throw new RangeError('basicSatisfiedWeight must lie in [0, 1]');
  // The weighted numerator may be fractional; 4 places keep it exact for the weights in use.
  const satisfied = Math.round((c.satisfied + w * c.basically_satisfied) * 10_000) / 10_000;
  return {
    timelyAcceptance: ratio(c.notify_met, c.notify_due),
    onTimeCompletion: ratio(c.handle_met, c.handle_due),
    satisfaction: ratio(satisfied, c.rated),
    participation: ratio(c.rated, c.eligible),
    oneTimeResolution: ratio(c.first_concluded - c.first_repeated, c.first_concluded),
    repeat: ratio(c.repeats, c.received),
    onTheSpot: ratio(c.on_spot, c.delivered),
    groupVisit: ratio(c.group_visits, c.visit_batches),
  };
}

/** Shares of a whole (category shares): each part over the sum of all parts. */
export function shares<K extends string>(parts: { key: K; count: number }[]): { key: K; share: Ratio }[] {
  const total = parts.reduce((s, p) => s + p.count, 0);
  return parts.map((p) => ({ key: p.key, share: ratio(p.count, total) }));
}

/**
 * 环比 / 同比 of a count: the relative change against the earlier period, null when the earlier
 * count is 0 (a change from nothing has no proportion).
 */
export function change(current: number, previous: number): { previous: number; change: number | null } {
  return {
    previous,
    change: previous > 0 ? Math.round(((current - previous) / previous) * 10_000) / 10_000 : null,
  };
}

/**
 * The change of a rate, in points of the fraction (0.92 → 0.95 is +0.03): relative changes of
 * percentages confuse readers. Null when either rate is missing.
 */
export function rateChange(
  current: Ratio,
  previous: Ratio,
): { previous: number | null; change: number | null } {
  return {
    previous: previous.rate,
    change:
      current.rate === null || previous.rate === null
        ? null
        : Math.round((current.rate - previous.rate) * 10_000) / 10_000,
  };
}

const DAY = 86_400_000;
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);

export const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * 环比: the period just before. Whole calendar months (a month, a quarter, a half-year) compare
 * with the same number of whole months before (Q2 with Q1, though Q1 is a day shorter); any other
 * period with the same number of days ending the day before `from`.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  if (fd === 1 && td === lastDayOfMonth(ty, tm)) {
    const months = (ty - fy) * 12 + (tm - fm) + 1;
    const start = new Date(Date.UTC(fy, fm - 1 - months, 1));
    return { from: toIso(start), to: toIso(new Date(Date.UTC(fy, fm - 1, 0))) };
  }
  const days = Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY) + 1;
  return {
    from: toIso(new Date(toDate(from).getTime() - days * DAY)),
    to: toIso(new Date(toDate(from).getTime() - DAY)),
  };
}

/** Same day a year earlier; 29 February becomes 28 February. */
function yearBefore(iso: string): string {
  const y = Number(iso.slice(0, 4)) - 1;
  const md = iso.slice(5);
  if (md === '02-29') return `${y}-02-28`;
  return `${y}-${md}`;
}

/**
 * 同比: the same dates a year earlier. A period ending on the last day of February ends on the
 * last day of February of the earlier year too (a quarter stays a quarter).
 */
export function samePeriodLastYear(from: string, to: string): { from: string; to: string } {
  const endsFebruary =
    to.slice(5) === '02-29' || (to.slice(5) === '02-28' && !isLeap(Number(to.slice(0, 4))));
  const y = Number(to.slice(0, 4)) - 1;
  return {
    from: yearBefore(from),
    to: endsFebruary ? `${y}-02-${isLeap(y) ? '29' : '28'}` : yearBefore(to),
  };
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** First day of the month of `iso`. */
export const monthOf = (iso: string) => `${iso.slice(0, 7)}-01`;

/**
 * A period as the whole calendar months it covers (read from the monthly counters) and the days
 * outside them (read from the daily ones): a quarter is three monthly rows per category and
 * channel instead of ninety daily ones.
 */
export function splitByMonths(
  from: string,
  to: string,
): { months: { from: string; to: string } | null; days: { from: string; to: string }[] } {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const firstWhole = fd === 1 ? monthOf(from) : toIso(new Date(Date.UTC(fy, fm, 1)));
  const lastWhole = td === lastDayOfMonth(ty, tm) ? monthOf(to) : toIso(new Date(Date.UTC(ty, tm - 2, 1)));
  if (firstWhole > lastWhole) return { months: null, days: [{ from, to }] };
  const days: { from: string; to: string }[] = [];
  if (fd !== 1) days.push({ from, to: toIso(new Date(Date.UTC(fy, fm, 0))) });
  if (td !== lastDayOfMonth(ty, tm)) days.push({ from: monthOf(to), to });
  return { months: { from: firstWhole, to: lastWhole }, days };
}

/**
 * The deadline engine: from a rule and the date of its trigger event to the last day of the period.
 *
 * The counting method is DOMAIN.md §2.1 (the 条例 has none of its own, so it follows 民法典
 * 第201、203条 and 民事诉讼法 第85条 by analogy):
 * - The trigger day is not counted; counting starts the next day ("开始的当日不计入").
 * - A calendar-day period of n days ends on trigger + n. If that day is a rest day (a weekend not
 *   made a workday, or a day off under the State Council notice) and the rule rolls forward, the
 *   period ends on the next workday ("以法定休假日结束的次日为期间的最后一日"). A 调休 make-up
 *   Saturday is a workday, so a period ending on it does not roll.
 * - An extension (第34条: ≤ 30 days with the head's approval) is added to the *unrolled* original
 *   end, and only the final end rolls: 60 + 30 is day 90 from acceptance, not day 30 after a rolled
 *   day 62.
 * - Paused time (复核 hearing, 第36条: "听证所需时间不计算在前款规定的期限内") is added the same way.
 * - A working-day period ("N个工作日", only 第23条第3款 in the 条例) counts workdays from the day after
 *   the trigger; its end is a workday by construction, so it never rolls.
 * - The period ends at 24:00 of the due date (民法典 第203条): on the due date itself the matter is
 *   still in time, it is overdue from the next day.
 *
 * When the days examined include a year without a loaded notice, the result is computed with
 * weekends only and flagged `unverified` (DOMAIN.md §2.3) rather than presented as certain.
 */
import { DeadlineRuleError } from './calendar.errors.js';
import type { ISODate } from './calendar.types.js';
import { type DayUnit, type DeadlineProfile, type DeadlineRule, getRule } from './deadline-rules.js';
import { addDays, assertISODate, diffDays, toDayNumber } from './iso-date.js';
import type { WorkCalendar } from './work-calendar.js';

export interface ComputeDueOptions {
  /** The period set on this case, for rules with `canOverridePeriod` (交办 / 督办 deadlines). */
  periodOverride?: number;
  /** Approved extension, in the rule's unit; at most `extensionCapDays`. */
  extensionDays?: number;
  /** Calendar days excluded from the period (see `pausedDaysBetween`); pausable rules only. */
  pausedDays?: number;
}

export interface DueResult {
  /** Last day of the period (in time until 24:00 Asia/Shanghai). */
  dueDate: ISODate;
  /** trigger + total days before any roll (equal to dueDate for working-day rules). */
  rawEnd: ISODate;
  /** The raw end was a rest day and moved to the next workday. */
  rolled: boolean;
  /** A year without a loaded holiday notice was involved: weekends-only guess, show it as such. */
  unverified: boolean;
  unit: DayUnit;
  /** period + extension + paused days, in `unit`. */
  totalDays: number;
  /** Calendar days from the trigger to the due date: the period to pass to `dueColour`. */
  spanDays: number;
}

function checkAmount(rule: DeadlineRule, value: number | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) {
    throw new DeadlineRuleError({ violation: 'invalid_amount', ruleCode: rule.code, requested: value });
  }
  return value;
}

/**
 * The due date of `rule` for a trigger event on `triggerDate` (an Asia/Shanghai date; see
 * `shanghaiDate` for timestamps).
 *
 * @throws DeadlineRuleError when the extension exceeds the rule's cap or the rule allows none, when
 *   paused days are given for a rule that cannot pause, when a per-case period is given for a rule
 *   whose period is fixed, or when a day count is negative or fractional.
 */
export function computeDue(
  cal: WorkCalendar,
  rule: DeadlineRule,
  triggerDate: ISODate,
  opts: ComputeDueOptions = {},
): DueResult {
  assertISODate(triggerDate);
  const periodOverride = checkAmount(rule, opts.periodOverride, 1);
  const extension = checkAmount(rule, opts.extensionDays, 0) ?? 0;
  const paused = checkAmount(rule, opts.pausedDays, 0) ?? 0;

  if (periodOverride !== undefined && periodOverride !== rule.period && !rule.canOverridePeriod) {
    throw new DeadlineRuleError({
      violation: 'period_override_not_allowed',
      ruleCode: rule.code,
      requested: periodOverride,
    });
  }
  if (extension > 0 && rule.extensionCapDays === 0) {
    throw new DeadlineRuleError({
      violation: 'extension_not_allowed',
      ruleCode: rule.code,
      requested: extension,
    });
  }
  if (extension > rule.extensionCapDays) {
    throw new DeadlineRuleError({
      violation: 'extension_cap_exceeded',
      ruleCode: rule.code,
      requested: extension,
      cap: rule.extensionCapDays,
    });
  }
  if (paused > 0 && (!rule.pausable || rule.unit !== 'calendar_days')) {
    throw new DeadlineRuleError({ violation: 'pause_not_allowed', ruleCode: rule.code, requested: paused });
  }

  const period = periodOverride ?? rule.period;

  if (rule.unit === 'working_days') {
    const totalDays = period + extension;
    const end = cal.addWorkingDays(triggerDate, totalDays);
    return {
      dueDate: end.date,
      rawEnd: end.date,
      rolled: false,
      unverified: end.unverified,
      unit: rule.unit,
      totalDays,
      spanDays: diffDays(triggerDate, end.date),
    };
  }

  const totalDays = period + extension + paused;
  const rawEnd = addDays(triggerDate, totalDays);
  // A strict (non-rolling) rule does not depend on holiday data at all, so it is never unverified.
  const end = rule.rollForward ? cal.nextWorkday(rawEnd) : { date: rawEnd, unverified: false };
  return {
    dueDate: end.date,
    rawEnd,
    rolled: end.date !== rawEnd,
    unverified: end.unverified,
    unit: rule.unit,
    totalDays,
    spanDays: diffDays(triggerDate, end.date),
  };
}

export interface ProfileDueResult extends DueResult {
  ruleCode: string;
  basis: string;
  /** Store these with the deadline so a later profile version never changes it silently. */
  profileCode: string;
  profileVersion: number;
}

/** `computeDue` for the rule `ruleCode` of `profile`, with what a deadline row should record. */
export function computeProfileDue(
  cal: WorkCalendar,
  profile: DeadlineProfile,
  ruleCode: string,
  triggerDate: ISODate,
  opts: ComputeDueOptions = {},
): ProfileDueResult {
  const rule = getRule(profile, ruleCode);
  return {
    ...computeDue(cal, rule, triggerDate, opts),
    ruleCode: rule.code,
    basis: rule.basis,
    profileCode: profile.code,
    profileVersion: profile.version,
  };
}

/** Calendar days from `today` to `dueDate`: 0 on the due date, negative once overdue. */
export function daysLeft(dueDate: ISODate, today: ISODate): number {
  return diffDays(today, dueDate);
}

/**
 * Traffic light of a running deadline (not the 三色 risk colour of a case, DOMAIN.md §1.13):
 * red once overdue (today after the due date), yellow when at most `warnDays` or at most
 * `warnRatio` × `periodDays` days are left, green otherwise. On the due date itself a matter is
 * yellow, not red: it is still in time until 24:00.
 *
 * @param periodDays length of the period in calendar days; pass `DueResult.spanDays`, which is also
 *   right for working-day rules (5 working days over 国庆 span 14 calendar days).
 */
export function dueColour(
  dueDate: ISODate,
  today: ISODate,
  periodDays: number,
  profile: Pick<DeadlineProfile, 'warnDays' | 'warnRatio'>,
): 'green' | 'yellow' | 'red' {
  if (!(periodDays >= 0)) throw new RangeError(`periodDays must be a non-negative number: ${periodDays}`);
  const left = daysLeft(dueDate, today);
  if (left < 0) return 'red';
  if (left <= profile.warnDays || left <= profile.warnRatio * periodDays) return 'yellow';
  return 'green';
}

export interface PauseInterval {
  start: ISODate;
  /** Last paused day; null while the pause (e.g. the hearing) is still running. */
  end: ISODate | null;
}

/**
 * Calendar days excluded from a pausable period, for `computeDue({ pausedDays })`.
 *
 * Both the first and the last day of an interval count as paused: a hearing held on a single day
 * takes that day out of the 复核 period (第36条 excludes "听证所需时间", and a day is the smallest unit
 * a period counts in). Overlapping or touching intervals are merged so no day is excluded twice. An
 * open interval runs to `asOf` (usually today), which is then required.
 */
export function pausedDaysBetween(intervals: readonly PauseInterval[], asOf?: ISODate): number {
  const ranges = intervals.map((iv) => {
    assertISODate(iv.start);
    const endDate = iv.end ?? asOf;
    if (endDate === undefined) throw new RangeError(`Pause from ${iv.start} is still open; pass asOf`);
    const start = toDayNumber(iv.start);
    const end = toDayNumber(endDate);
    if (end < start) throw new RangeError(`Pause ends (${endDate}) before it starts (${iv.start})`);
    return [start, end] as const;
  });
  ranges.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let current: [number, number] | null = null;
  for (const [start, end] of ranges) {
    if (current && start <= current[1] + 1) {
      current[1] = Math.max(current[1], end);
      continue;
    }
    if (current) total += current[1] - current[0] + 1;
    current = [start, end];
  }
  if (current) total += current[1] - current[0] + 1;
  return total;
}

/**
 * The working-day calendar: which Asia/Shanghai dates are 工作日 for public bodies.
 *
 * Rules (DOMAIN.md §2.1–2.2):
 * - A day is a workday when it is Monday–Friday and not a day off under the State Council notice,
 *   or when the notice makes it a 调休 make-up working day (上班日) even though it is a weekend.
 *   A make-up Saturday is a full workday: a deadline ending on it does not roll, and it counts in
 *   "N个工作日" periods.
 * - Partial-population holidays (妇女节半天 …) do not change public bodies' working days, so they are
 *   not in the calendar at all.
 * - Only a loaded notice says which days are off. For a year without one (the 2027 notice, for
 *   instance, usually appears in November of the year before) the calendar falls back to "weekends
 *   only" and marks every result that looked at such a day `unverified` instead of guessing silently
 *   (DOMAIN.md §2.3), so the case screen can show "日历未核实" and an administrator is alerted.
 *
 * All arithmetic is on ISO date strings through iso-date.ts; no `Date` in a local time zone.
 */
import type { CalendarResult, HolidayEntry, ISODate } from './calendar.types.js';
import { SEEDED_CALENDAR_YEARS, SEEDED_HOLIDAYS } from './holidays.data.js';
import { addDays, assertISODate, diffDays, isISODate, isWeekend, yearOf } from './iso-date.js';

/** A run of rest days longer than this means the calendar data is broken (the longest is about 9). */
const MAX_REST_RUN = 366;

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface DayInfo {
  date: ISODate;
  isWorkday: boolean;
  kind: DayKind;
  /** Holiday name from the notice (春节 …), null on ordinary days. */
  name: string | null;
  notice: string | null;
  /** The day's year has no loaded notice; `isWorkday` is the weekends-only guess. */
  unverified: boolean;
}

export class WorkCalendar {
  readonly #entries = new Map<ISODate, HolidayEntry>();
  readonly #years: ReadonlySet<number>;

  /**
   * @param entries days off and make-up workdays of the loaded notices
   * @param coveredYears years whose notice is complete in `entries`; other years are weekends-only
   * @throws Error when the data contradicts itself (a duplicate date, a make-up workday on a weekday,
   *   an entry of a year not listed as covered): a wrong calendar would silently move legal deadlines.
   */
  constructor(entries: readonly HolidayEntry[], coveredYears: readonly number[]) {
    for (const year of coveredYears) {
      if (!Number.isInteger(year) || year < 1900 || year > 9999) {
        throw new Error(`Invalid calendar year: ${year}`);
      }
    }
    this.#years = new Set(coveredYears);
    for (const e of entries) {
      if (!isISODate(e.date)) throw new Error(`Invalid holiday date: ${JSON.stringify(e.date)}`);
      if (e.kind !== 'holiday' && e.kind !== 'makeup_workday') {
        throw new Error(`Invalid holiday kind for ${e.date}: ${String(e.kind)}`);
      }
      if (!this.#years.has(yearOf(e.date))) {
        throw new Error(`Holiday entry ${e.date} belongs to a year without a loaded notice`);
      }
      if (this.#entries.has(e.date)) throw new Error(`Duplicate holiday entry for ${e.date}`);
      if (e.kind === 'makeup_workday' && !isWeekend(e.date)) {
        throw new Error(`Make-up workday ${e.date} is not a Saturday or Sunday`);
      }
      if (!e.name.trim() || !e.notice.trim()) {
        throw new Error(`Holiday entry ${e.date} needs a name and a notice`);
      }
      this.#entries.set(e.date, { ...e });
    }
  }

  /** True when the State Council notice of `year` is loaded. */
  covers(year: number): boolean {
    return this.#years.has(year);
  }

  coveredYears(): number[] {
    return [...this.#years].sort((a, b) => a - b);
  }

  /** The entries of the loaded notices, in date order. */
  entries(): HolidayEntry[] {
    return [...this.#entries.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  dayInfo(d: ISODate): DayInfo {
    assertISODate(d);
    const unverified = !this.covers(yearOf(d));
    const e = this.#entries.get(d);
    if (e) {
      return {
        date: d,
        isWorkday: e.kind === 'makeup_workday',
        kind: e.kind,
        name: e.name,
        notice: e.notice,
        unverified,
      };
    }
    const weekend = isWeekend(d);
    return {
      date: d,
      isWorkday: !weekend,
      kind: weekend ? 'weekend' : 'workday',
      name: null,
      notice: null,
      unverified,
    };
  }

  /**
   * Whether `d` is a working day. For a year without a notice this is the weekends-only guess; use
   * `dayInfo`, `nextWorkday` or `addWorkingDays` when the answer feeds a deadline, they carry the flag.
   */
  isWorkday(d: ISODate): boolean {
    return this.dayInfo(d).isWorkday;
  }

  /** A weekend that is not a make-up workday, or a day off under the notice. */
  isRestDay(d: ISODate): boolean {
    return !this.isWorkday(d);
  }

  /** Plain calendar arithmetic ("60日" = 60 natural days, DOMAIN.md §2.1). Never unverified. */
  addCalendarDays(d: ISODate, n: number): ISODate {
    assertInteger(n, 'n');
    return addDays(d, n);
  }

  /**
   * `d` itself when it is a workday, otherwise the first workday after it: the roll-forward of
   * 民法典 第203条 / 民事诉讼法 第85条 ("以法定休假日后的第一日为期间届满的日期").
   */
  nextWorkday(d: ISODate): CalendarResult {
    let day = d;
    let unverified = false;
    for (let i = 0; i <= MAX_REST_RUN; i++) {
      const info = this.dayInfo(day);
      unverified ||= info.unverified;
      if (info.isWorkday) return { date: day, unverified };
      day = addDays(day, 1);
    }
    throw new Error(`No workday within ${MAX_REST_RUN} days after ${d}: calendar data is broken`);
  }

  /**
   * The date on which `n` working days have passed, counting from the day after `d` (the start day
   * is not counted) and counting only workdays, make-up weekend days included (DOMAIN.md §2.1,
   * "N个工作日"). n = 0 returns `d`.
   */
  addWorkingDays(d: ISODate, n: number): CalendarResult {
    assertISODate(d);
    assertInteger(n, 'n');
    if (n < 0) throw new RangeError(`Working days must not be negative: ${n}`);
    let day = d;
    let counted = 0;
    let unverified = false;
    let restRun = 0;
    while (counted < n) {
      day = addDays(day, 1);
      const info = this.dayInfo(day);
      unverified ||= info.unverified;
      if (info.isWorkday) {
        counted++;
        restRun = 0;
      } else if (++restRun > MAX_REST_RUN) {
        throw new Error(`No workday within ${MAX_REST_RUN} days after ${day}: calendar data is broken`);
      }
    }
    return { date: day, unverified };
  }

  /**
   * Workdays in the interval (a, b]: the days after `a` up to and including `b`, the same way
   * `addWorkingDays` counts, so `workingDaysBetween(a, addWorkingDays(a, n).date).days === n`.
   * Negative when b is before a.
   */
  workingDaysBetween(a: ISODate, b: ISODate): { days: number; unverified: boolean } {
    assertISODate(a);
    assertISODate(b);
    const span = diffDays(a, b);
    const [from, sign] = span >= 0 ? [a, 1] : [b, -1];
    let days = 0;
    let unverified = false;
    for (let i = 1; i <= Math.abs(span); i++) {
      const info = this.dayInfo(addDays(from, i));
      unverified ||= info.unverified;
      if (info.isWorkday) days++;
    }
    return { days: sign * days, unverified };
  }
}

function assertInteger(n: number, name: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${name} must be an integer: ${n}`);
}

/**
 * The calendar of the notices shipped in holidays.data.ts (2025, 2026). The server loads its
 * calendar from the database (calendar.repository.ts `loadCalendar`), where administrators add
 * later years; this one is for tests and tools that run without a database.
 */
export function seededWorkCalendar(): WorkCalendar {
  return new WorkCalendar(
    SEEDED_HOLIDAYS,
    SEEDED_CALENDAR_YEARS.map((y) => y.year),
  );
}

/**
 * Types of the legal clock.
 *
 * Every deadline in the 《信访工作条例》 is a count of calendar dates in China (DOMAIN.md §2.1: "Always
 * Asia/Shanghai date arithmetic"), not a duration in hours. A date is therefore carried as the
 * plain string 'YYYY-MM-DD' and never as a JS `Date`, which would drag in the server's time zone
 * and move a deadline by a day near midnight.
 *
 * Which dates are rest days cannot be computed from rules: the 国务院办公厅 fixes them each year in a
 * notice, including the 调休 make-up working days on weekends (DOMAIN.md §2.2). A `HolidayEntry` is
 * one line of such a notice, and keeps the notice it came from so a deadline can be traced back to
 * the document that made it.
 */

/** A calendar date in Asia/Shanghai, formatted 'YYYY-MM-DD'. */
export type ISODate = string;

/**
 * `holiday`: a day off under the notice (法定节假日 or a 调休 day off).
 * `makeup_workday`: a Saturday or Sunday that the notice turns into a working day (调休上班).
 */
export type HolidayKind = 'holiday' | 'makeup_workday';

export interface HolidayEntry {
  date: ISODate;
  kind: HolidayKind;
  /** The holiday the day belongs to, e.g. 春节. A make-up workday carries the holiday it pays for. */
  name: string;
  /** The notice that fixed the day, e.g. 国办发明电〔2024〕12号. */
  notice: string;
}

/** A year whose State Council notice has been entered, so its dates are known, not guessed. */
export interface CalendarYear {
  year: number;
  notice: string;
}

/**
 * A date computed from the calendar. `unverified` is true when the computation looked at a day of a
 * year without a loaded notice: that year was treated as "weekends only", which is a guess (DOMAIN.md
 * §2.3: flag the deadline "calendar unverified" and alert an administrator).
 */
export interface CalendarResult {
  date: ISODate;
  unverified: boolean;
}

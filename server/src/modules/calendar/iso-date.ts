/**
 * Date arithmetic on 'YYYY-MM-DD' strings without JS `Date`.
 *
 * DOMAIN.md §2.1 requires Asia/Shanghai date arithmetic and warns never to do date maths on `Date`
 * objects: `new Date('2026-02-05')` is UTC midnight, which local getters read as the 4th west of
 * Greenwich, and adding 24-hour steps breaks on daylight-saving changes of the server's zone. Here
 * a date becomes a day number (days since 1970-01-01 in the proleptic Gregorian calendar) using
 * integer formulas (H. Hinnant, "chrono-compatible low-level date algorithms"), so the result is
 * the same on every server whatever its TZ.
 */
import type { ISODate } from './calendar.types.js';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for our dates. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The parts of a valid ISO date, or null (wrong shape, month 13, 2026-02-29 …). */
export function parseISODate(value: string): { year: number; month: number; day: number } | null {
  const m = ISO_RE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isISODate(value: string): boolean {
  return parseISODate(value) !== null;
}

/** Throws a RangeError for a malformed date: callers validate input at the edge (zod), so this is a bug. */
export function assertISODate(value: string): void {
  if (!isISODate(value)) throw new RangeError(`Not a valid ISO date (YYYY-MM-DD): ${JSON.stringify(value)}`);
}

/** Days since 1970-01-01. */
export function toDayNumber(date: ISODate): number {
  const p = parseISODate(date);
  if (!p) throw new RangeError(`Not a valid ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const y = p.month <= 2 ? p.year - 1 : p.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (p.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + p.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The ISO date of a day number (inverse of toDayNumber). */
export function fromDayNumber(dayNumber: number): ISODate {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`Day number must be an integer: ${dayNumber}`);
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: ISODate, n: number): ISODate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** b − a in days (positive when b is later). */
export function diffDays(a: ISODate, b: ISODate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(date: ISODate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: ISODate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

export function yearOf(date: ISODate): number {
  return Number(date.slice(0, 4));
}

/**
 * The Asia/Shanghai calendar date of an instant, e.g. of a `received_at` timestamp: a letter logged
 * at 2026-02-04T17:30Z was received on 2026-02-05 in China, and that is the day the clock starts.
 */
export function shanghaiDate(instant: Date): ISODate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

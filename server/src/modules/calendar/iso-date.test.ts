/**
 * The date helpers replace JS Date arithmetic (DOMAIN.md §2.1), so they are checked against known
 * weekdays, month and leap-year boundaries, and the Asia/Shanghai day of a UTC instant.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  diffDays,
  fromDayNumber,
  isISODate,
  parseISODate,
  shanghaiDate,
  toDayNumber,
  weekday,
} from './iso-date.js';

describe('iso-date', () => {
  it('maps the epoch and round-trips day numbers over centuries', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2000-03-01')).toBe(11017);
    // Independent oracle: the UTC calendar of JS Date (fine here, the test only reads UTC fields).
    for (let n = -25000; n <= 120000; n += 97) {
      const iso = fromDayNumber(n);
      expect(iso).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      expect(toDayNumber(iso)).toBe(n);
    }
  });

  it('knows the weekdays of the 2026 fixtures', () => {
    expect(weekday('2026-02-05')).toBe(4); // Thursday
    expect(weekday('2026-02-14')).toBe(6); // Saturday (make-up workday)
    expect(weekday('2026-03-21')).toBe(6);
    expect(weekday('2026-03-23')).toBe(1);
    expect(weekday('2026-09-25')).toBe(5);
    expect(weekday('2025-09-08')).toBe(1);
    expect(weekday('2026-02-15')).toBe(0);
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-20', 60)).toBe('2026-03-21');
    expect(addDays('2026-01-20', 90)).toBe('2026-04-20');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(diffDays('2026-12-25', '2027-01-04')).toBe(10);
    expect(diffDays('2027-01-04', '2026-12-25')).toBe(-10);
  });

  it('rejects malformed and impossible dates', () => {
    expect(isISODate('2026-02-29')).toBe(false);
    expect(isISODate('2024-02-29')).toBe(true);
    expect(isISODate('2100-02-29')).toBe(false);
    expect(isISODate('2026-2-5')).toBe(false);
    expect(isISODate('2026-13-01')).toBe(false);
    expect(isISODate('2026-02-05T00:00:00Z')).toBe(false);
    expect(parseISODate('2026-04-31')).toBeNull();
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('takes the Asia/Shanghai date of an instant, whatever the server zone', () => {
    // 17:30 UTC on the 4th is 01:30 on the 5th in China.
    expect(shanghaiDate(new Date('2026-02-04T17:30:00Z'))).toBe('2026-02-05');
    expect(shanghaiDate(new Date('2026-02-04T15:59:59Z'))).toBe('2026-02-04');
    expect(shanghaiDate(new Date('2026-02-04T16:00:00Z'))).toBe('2026-02-05');
    expect(() => shanghaiDate(new Date('nonsense'))).toThrow(RangeError);
  });
});

/**
 * The working calendar against DOMAIN.md §2.2 and, day by day for 2025 and 2026, against the
 * independent `chinese-days` dataset (hand-coded by its authors from the same State Council notices).
 * Two transcriptions agreeing on all 730 days is the check that neither has a typo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, weekday } from './iso-date.js';
import { seededWorkCalendar, WorkCalendar } from './work-calendar.js';

const cal = seededWorkCalendar();

/** Every date from `from` to `to` inclusive. */
function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * chinese-days reads dates with local-time getters: a Date at local midnight is the right input (a
 * string is parsed as UTC midnight and read back as the previous day west of Greenwich).
 */
function localMidnight(d: string): Date {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, day);
}

describe('WorkCalendar basics', () => {
  it('covers exactly the loaded notices', () => {
    expect(cal.coveredYears()).toEqual([2025, 2026]);
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
  });

  it('tells days off, ordinary weekends and make-up Saturdays apart', () => {
    expect(cal.isWorkday('2026-02-20')).toBe(false); // Friday inside 春节
    expect(cal.isRestDay('2026-02-20')).toBe(true);
    expect(cal.isWorkday('2026-02-14')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.isWorkday('2026-03-07')).toBe(false); // ordinary Saturday
    expect(cal.isWorkday('2026-03-09')).toBe(true); // ordinary Monday
    expect(cal.isWorkday('2025-10-08')).toBe(false); // Wednesday, 国庆+中秋
    expect(cal.dayInfo('2026-09-20')).toEqual({
      date: '2026-09-20',
      isWorkday: true,
      kind: 'makeup_workday',
      name: '国庆节',
      notice: '国务院办公厅关于2026年部分节假日安排的通知',
      unverified: false,
    });
    expect(cal.dayInfo('2026-03-07').kind).toBe('weekend');
  });

  it('nextWorkday keeps a workday and moves a rest day to the next workday', () => {
    expect(cal.nextWorkday('2026-03-23')).toEqual({ date: '2026-03-23', unverified: false });
    expect(cal.nextWorkday('2026-02-15')).toEqual({ date: '2026-02-24', unverified: false });
    expect(cal.nextWorkday('2026-10-01')).toEqual({ date: '2026-10-08', unverified: false });
    expect(cal.nextWorkday('2026-02-14')).toEqual({ date: '2026-02-14', unverified: false });
  });

  it('addWorkingDays counts from the day after and counts make-up Saturdays', () => {
    expect(cal.addWorkingDays('2026-02-12', 5)).toEqual({ date: '2026-02-26', unverified: false });
    expect(cal.addWorkingDays('2026-02-12', 2)).toEqual({ date: '2026-02-14', unverified: false });
    expect(cal.addWorkingDays('2026-09-25', 5)).toEqual({ date: '2026-10-09', unverified: false });
    expect(cal.addWorkingDays('2026-03-09', 0)).toEqual({ date: '2026-03-09', unverified: false });
    expect(() => cal.addWorkingDays('2026-03-09', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-03-09', 1.5)).toThrow(RangeError);
  });

  it('workingDaysBetween counts the interval (a, b] and inverts addWorkingDays', () => {
    expect(cal.workingDaysBetween('2026-02-12', '2026-02-26')).toEqual({ days: 5, unverified: false });
    expect(cal.workingDaysBetween('2026-02-26', '2026-02-12')).toEqual({ days: -5, unverified: false });
    expect(cal.workingDaysBetween('2026-10-01', '2026-10-07')).toEqual({ days: 0, unverified: false });
    expect(cal.workingDaysBetween('2026-03-09', '2026-03-09')).toEqual({ days: 0, unverified: false });
    for (const start of ['2025-01-20', '2025-09-26', '2026-02-10', '2026-04-30', '2026-09-18']) {
      for (const n of [1, 3, 5, 10, 22]) {
        const end = cal.addWorkingDays(start, n).date;
        expect(cal.workingDaysBetween(start, end).days).toBe(n);
      }
    }
    // 2025: 365 days − 104 weekend days − 18 weekday days off + 5 make-up days = 248 workdays.
    // 2026: 365 − 104 − 19 + 6 = 248. (Counted by hand from DOMAIN.md §2.2.)
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31').days).toBe(248);
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31').days).toBe(248);
  });
});

describe('years without a notice', () => {
  it('uses weekends only for 2027 and says so', () => {
    expect(cal.dayInfo('2027-01-01')).toMatchObject({ isWorkday: true, kind: 'workday', unverified: true });
    expect(cal.nextWorkday('2027-01-02')).toEqual({ date: '2027-01-04', unverified: true });
    expect(cal.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-04', unverified: true });
    expect(cal.workingDaysBetween('2026-12-25', '2027-01-04')).toEqual({ days: 6, unverified: true });
  });

  it('stays verified when a computation never leaves covered years', () => {
    expect(cal.addWorkingDays('2026-12-23', 5)).toEqual({ date: '2026-12-30', unverified: false });
    expect(cal.workingDaysBetween('2026-12-25', '2026-12-31')).toEqual({ days: 4, unverified: false });
  });
});

describe('WorkCalendar refuses inconsistent data', () => {
  const n = '测试通知';
  it('rejects entries of uncovered years, duplicates and weekday make-up days', () => {
    expect(
      () => new WorkCalendar([{ date: '2027-01-01', kind: 'holiday', name: '元旦', notice: n }], [2026]),
    ).toThrow(/year without a loaded notice/);
    expect(
      () =>
        new WorkCalendar(
          [
            { date: '2026-01-01', kind: 'holiday', name: '元旦', notice: n },
            { date: '2026-01-01', kind: 'holiday', name: '元旦', notice: n },
          ],
          [2026],
        ),
    ).toThrow(/Duplicate/);
    expect(
      () =>
        new WorkCalendar([{ date: '2026-01-05', kind: 'makeup_workday', name: '元旦', notice: n }], [2026]),
    ).toThrow(/not a Saturday or Sunday/);
    expect(
      () => new WorkCalendar([{ date: '2026-02-30', kind: 'holiday', name: 'x', notice: n }], [2026]),
    ).toThrow(/Invalid holiday date/);
    expect(() => new WorkCalendar([], [26])).toThrow(/Invalid calendar year/);
  });
});

describe('cross-check with chinese-days 1.5.7', () => {
  const days = eachDay('2025-01-01', '2026-12-31');
  // chinese-days builds its date table when it is imported, with local-time getters, so in a process
  // whose TZ is west of UTC (America/*) every key is shifted a day and it calls 2025-01-01 a workday.
  // That is a bug of the library, not a disagreement about the notices: pin the zone it was written
  // for before importing it, and restore the caller's zone afterwards. (Our own code never reads TZ.)
  const originalTz = process.env.TZ;
  let chineseDays: typeof import('chinese-days');
  beforeAll(async () => {
    process.env.TZ = 'Asia/Shanghai';
    chineseDays = await import('chinese-days');
  });
  afterAll(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('agrees on whether each of the 730 days of 2025 and 2026 is a workday', () => {
    expect(days).toHaveLength(730);
    const disagreements = days.filter((d) => cal.isWorkday(d) !== chineseDays.isWorkday(localMidnight(d)));
    expect(disagreements).toEqual([]);
  });

  it('agrees on which days the notices name (days off and make-up days)', () => {
    // getDayDetail names a listed day "English,中文,n" and an ordinary day by its weekday.
    const listedByLibrary = days.filter((d) => chineseDays.getDayDetail(localMidnight(d)).name.includes(','));
    const listedByUs = cal.entries().map((e) => e.date);
    expect(listedByUs).toEqual(listedByLibrary);
  });

  it('is not vacuous: the calendar differs from plain weekends on 48 days', () => {
    const differing = days.filter((d) => cal.isWorkday(d) !== !(weekday(d) === 0 || weekday(d) === 6));
    // 2025: 18 weekday days off + 5 make-up days; 2026: 19 + 6.
    expect(differing).toHaveLength(48);
  });
});

/**
 * The deadline engine against the worked examples of DOMAIN.md §2.2 (computed there by hand with the
 * default engine), the extension rule of §2.1 (extensions go on the unrolled end), the 复核 hearing
 * pause of 第36条, the "calendar unverified" flag for years without a notice, the colour thresholds,
 * and story S8: a matter received on the eve of National Day 2026.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { DeadlineRuleError } from './calendar.errors.js';
import {
  computeDue,
  computeProfileDue,
  type DueResult,
  daysLeft,
  dueColour,
  pausedDaysBetween,
} from './deadline-engine.js';
import { type DeadlineRule, getRule, NATIONAL_PROFILE } from './deadline-rules.js';
import { seededWorkCalendar } from './work-calendar.js';

const cal = seededWorkCalendar();
const rule = (code: string): DeadlineRule => getRule(NATIONAL_PROFILE, code);

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('DOMAIN.md §2.2 worked examples', () => {
  it('15-day notice received 2026-02-05 ends inside 春节 and rolls to 2026-02-24', () => {
    expect(computeDue(cal, rule('D_NOTIFY_DIRECT'), '2026-02-05')).toMatchObject({
      rawEnd: '2026-02-20',
      dueDate: '2026-02-24',
      rolled: true,
      unverified: false,
    });
  });

  it('15-day notice received 2026-01-30 ends on make-up Saturday 2026-02-14 and does not roll', () => {
    expect(computeDue(cal, rule('D_NOTIFY_DIRECT'), '2026-01-30')).toMatchObject({
      rawEnd: '2026-02-14',
      dueDate: '2026-02-14',
      rolled: false,
    });
  });

  it('5 working days from 2026-02-12 count the make-up Saturday: 2026-02-26', () => {
    expect(computeDue(cal, rule('D_OBJECTION'), '2026-02-12')).toEqual<DueResult>({
      dueDate: '2026-02-26',
      rawEnd: '2026-02-26',
      rolled: false,
      unverified: false,
      unit: 'working_days',
      totalDays: 5,
      spanDays: 14,
    });
  });

  it('5 working days from 2026-09-25 jump 国庆: 2026-10-09', () => {
    expect(computeDue(cal, rule('D_OBJECTION'), '2026-09-25').dueDate).toBe('2026-10-09');
  });

  it('60-day handling from 2026-01-20: day 60 is Saturday 03-21, due Monday 03-23; +30 gives 04-20', () => {
    expect(computeDue(cal, rule('D_HANDLE'), '2026-01-20')).toEqual<DueResult>({
      dueDate: '2026-03-23',
      rawEnd: '2026-03-21',
      rolled: true,
      unverified: false,
      unit: 'calendar_days',
      totalDays: 60,
      spanDays: 62,
    });
    expect(computeDue(cal, rule('D_HANDLE'), '2026-01-20', { extensionDays: 30 })).toMatchObject({
      rawEnd: '2026-04-20',
      dueDate: '2026-04-20',
      rolled: false,
      totalDays: 90,
    });
  });

  it('30-day 复查 window from 2025-09-08 ends on 国庆 2025-10-08 and rolls to 2025-10-09', () => {
    expect(computeDue(cal, rule('D_REVIEW_WINDOW'), '2025-09-08')).toMatchObject({
      rawEnd: '2025-10-08',
      dueDate: '2025-10-09',
      rolled: true,
    });
  });
});

describe('extensions (第34条, DOMAIN.md §2.1)', () => {
  it('adds the extension to the unrolled end: +2 days is day 62 (03-23), not rolled 03-23 + 2', () => {
    expect(computeDue(cal, rule('D_HANDLE'), '2026-01-20', { extensionDays: 2 }).dueDate).toBe('2026-03-23');
  });

  it('rolls only the final end: accepted 2026-03-06, day 60 rolls out of 劳动节, day 90 is 2026-06-04', () => {
    // Day 60 (2026-05-05) is inside 劳动节; with the extension the roll of day 60 plays no part.
    expect(computeDue(cal, rule('D_HANDLE'), '2026-03-06')).toMatchObject({
      rawEnd: '2026-05-05',
      dueDate: '2026-05-06',
    });
    expect(computeDue(cal, rule('D_HANDLE'), '2026-03-06', { extensionDays: 30 })).toMatchObject({
      rawEnd: '2026-06-04',
      dueDate: '2026-06-04',
      rolled: false,
    });
  });

  it('refuses an extension above the 30-day cap with a typed error', () => {
    const e = catchError(() => computeDue(cal, rule('D_HANDLE'), '2026-01-20', { extensionDays: 31 }));
    expect(e).toBeInstanceOf(DeadlineRuleError);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({
      violation: 'extension_cap_exceeded',
      ruleCode: 'D_HANDLE',
      code: 'VALIDATION_FAILED',
      status: 400,
      details: { requested: 31, cap: 30 },
    });
    expect((e as DeadlineRuleError).messages?.zh).toBe('延期不得超过30日（申请延期31日）');
  });

  it('refuses extensions, pauses and per-case periods where the rule has none', () => {
    const violation = (fn: () => unknown) => (catchError(fn) as DeadlineRuleError).violation;
    expect(
      violation(() => computeDue(cal, rule('D_NOTIFY_DIRECT'), '2026-02-05', { extensionDays: 1 })),
    ).toBe('extension_not_allowed');
    expect(violation(() => computeDue(cal, rule('D_HANDLE'), '2026-02-05', { pausedDays: 3 }))).toBe(
      'pause_not_allowed',
    );
    expect(violation(() => computeDue(cal, rule('D_HANDLE'), '2026-02-05', { periodOverride: 90 }))).toBe(
      'period_override_not_allowed',
    );
    expect(violation(() => computeDue(cal, rule('D_HANDLE'), '2026-02-05', { extensionDays: -1 }))).toBe(
      'invalid_amount',
    );
    expect(violation(() => computeDue(cal, rule('D_HANDLE'), '2026-02-05', { extensionDays: 1.5 }))).toBe(
      'invalid_amount',
    );
    // Restating the rule's own period is harmless.
    expect(computeDue(cal, rule('D_HANDLE'), '2026-01-20', { periodOverride: 60 }).dueDate).toBe(
      '2026-03-23',
    );
  });

  it('uses the period set by the assigning bureau for 交办 feedback', () => {
    expect(computeDue(cal, rule('D_ASSIGNED_FEEDBACK'), '2026-02-05').dueDate).toBe('2026-02-24');
    expect(computeDue(cal, rule('D_ASSIGNED_FEEDBACK'), '2026-02-05', { periodOverride: 7 })).toMatchObject({
      rawEnd: '2026-02-12',
      dueDate: '2026-02-12',
    });
    // 督办 reply: 5 working days by default. From Thursday 2026-04-30 over 劳动节: 05-06, 05-07, 05-08,
    // make-up Saturday 05-09, then Monday 05-11.
    expect(computeDue(cal, rule('D_SUPERVISION_REPLY'), '2026-04-30').dueDate).toBe('2026-05-11');
    expect(computeDue(cal, rule('D_SUPERVISION_REPLY'), '2026-04-30', { periodOverride: 4 }).dueDate).toBe(
      '2026-05-09',
    );
  });

  it('does not roll a strict rule and then needs no holiday data', () => {
    const strict: DeadlineRule = { ...rule('D_NOTIFY_DIRECT'), rollForward: false };
    expect(computeDue(cal, strict, '2026-02-05')).toMatchObject({ dueDate: '2026-02-20', rolled: false });
    expect(computeDue(cal, strict, '2026-12-20')).toMatchObject({ dueDate: '2027-01-04', unverified: false });
  });
});

describe('复核 hearing pause (第36条)', () => {
  it('sums paused calendar days, both ends included, without counting overlaps twice', () => {
    expect(pausedDaysBetween([])).toBe(0);
    expect(pausedDaysBetween([{ start: '2026-03-10', end: '2026-03-10' }])).toBe(1);
    expect(pausedDaysBetween([{ start: '2026-03-10', end: '2026-03-12' }])).toBe(3);
    expect(
      pausedDaysBetween([
        { start: '2026-03-12', end: '2026-03-14' },
        { start: '2026-03-10', end: '2026-03-12' },
      ]),
    ).toBe(5);
    expect(
      pausedDaysBetween([
        { start: '2026-03-01', end: '2026-03-02' },
        { start: '2026-03-10', end: '2026-03-10' },
      ]),
    ).toBe(3);
    expect(pausedDaysBetween([{ start: '2026-02-27', end: '2026-03-02' }])).toBe(4);
  });

  it('runs an open pause to asOf and insists on it', () => {
    expect(pausedDaysBetween([{ start: '2026-03-10', end: null }], '2026-03-15')).toBe(6);
    expect(() => pausedDaysBetween([{ start: '2026-03-10', end: null }])).toThrow(/still open/);
    expect(() => pausedDaysBetween([{ start: '2026-03-10', end: '2026-03-09' }])).toThrow(/before it starts/);
  });

  it('moves the 30-day 复核 decision by the hearing and rolls over 清明', () => {
    const recheck = rule('D_RECHECK_DECIDE');
    expect(computeDue(cal, recheck, '2026-03-02').dueDate).toBe('2026-04-01');
    const paused = pausedDaysBetween([{ start: '2026-03-16', end: '2026-03-18' }]);
    expect(computeDue(cal, recheck, '2026-03-02', { pausedDays: paused })).toMatchObject({
      rawEnd: '2026-04-04',
      dueDate: '2026-04-07',
      rolled: true,
      totalDays: 33,
    });
  });
});

describe('years without a notice (DOMAIN.md §2.3)', () => {
  it('flags a deadline whose end lies in 2027 and only checks weekends there', () => {
    // Day 60 is 2027-01-01: 元旦 in every year so far, but without the 2027 notice only the weekend
    // rule applies, so the date is a guess and must say so.
    expect(computeDue(cal, rule('D_HANDLE'), '2026-11-02')).toMatchObject({
      dueDate: '2027-01-01',
      rolled: false,
      unverified: true,
    });
    expect(computeDue(cal, rule('D_HANDLE'), '2026-12-01')).toMatchObject({
      rawEnd: '2027-01-30',
      dueDate: '2027-02-01',
      unverified: true,
    });
    expect(computeDue(cal, rule('D_OBJECTION'), '2026-12-28')).toMatchObject({
      dueDate: '2027-01-04',
      unverified: true,
    });
  });

  it('does not flag deadlines that stay inside 2026', () => {
    expect(computeDue(cal, rule('D_HANDLE'), '2026-10-09').unverified).toBe(false);
    expect(computeDue(cal, rule('D_OBJECTION'), '2026-12-21')).toMatchObject({
      dueDate: '2026-12-28',
      unverified: false,
    });
  });
});

describe('colours', () => {
  const p = NATIONAL_PROFILE; // warnDays 3, warnRatio 0.2

  it('counts days left, negative when overdue', () => {
    expect(daysLeft('2026-03-23', '2026-03-20')).toBe(3);
    expect(daysLeft('2026-03-23', '2026-03-23')).toBe(0);
    expect(daysLeft('2026-03-23', '2026-03-25')).toBe(-2);
  });

  it('uses the larger of warnDays and warnRatio × period, and red only after the due date', () => {
    // 60-day handling due 2026-03-23 (span 62): yellow from 12 days left (0.2 × 62 = 12.4).
    expect(dueColour('2026-03-23', '2026-02-01', 62, p)).toBe('green');
    expect(dueColour('2026-03-23', '2026-03-10', 62, p)).toBe('green'); // 13 left
    expect(dueColour('2026-03-23', '2026-03-11', 62, p)).toBe('yellow'); // 12 left
    expect(dueColour('2026-03-23', '2026-03-23', 62, p)).toBe('yellow'); // in time until 24:00
    expect(dueColour('2026-03-23', '2026-03-24', 62, p)).toBe('red');
    // 15-day notice: 0.2 × 15 = 3, so warnDays decides.
    expect(dueColour('2026-02-24', '2026-02-20', 15, p)).toBe('green'); // 4 left
    expect(dueColour('2026-02-24', '2026-02-21', 15, p)).toBe('yellow'); // 3 left
    // A profile with other thresholds.
    expect(dueColour('2026-03-23', '2026-03-13', 62, { warnDays: 10, warnRatio: 0 })).toBe('yellow');
    expect(dueColour('2026-03-23', '2026-03-12', 62, { warnDays: 10, warnRatio: 0 })).toBe('green');
  });
});

describe('S8: a matter received on Friday 2026-09-25, the eve of National Day', () => {
  // 2026-09-25 is itself 中秋 (a day off): the letter or online submission is logged that day. The
  // start day is not counted either way.
  const received = '2026-09-25';
  const notice = computeProfileDue(cal, NATIONAL_PROFILE, 'D_NOTIFY_DIRECT', received);
  const objection = computeProfileDue(cal, NATIONAL_PROFILE, 'D_OBJECTION', received);
  const handling = computeProfileDue(cal, NATIONAL_PROFILE, 'D_HANDLE', received);

  it('written notice within 15 days: day 15 is make-up Saturday 10-10, a workday, so no roll', () => {
    expect(notice).toMatchObject({
      rawEnd: '2026-10-10',
      dueDate: '2026-10-10',
      rolled: false,
      unverified: false,
      spanDays: 15,
      ruleCode: 'D_NOTIFY_DIRECT',
      basis: '《信访工作条例》第23条第2款',
      profileCode: 'national-2022',
      profileVersion: 1,
    });
  });

  it('objection within 5 working days: 09-28, 09-29, 09-30, 10-08, 10-09', () => {
    expect(objection).toMatchObject({ dueDate: '2026-10-09', spanDays: 14, unverified: false });
    expect(cal.workingDaysBetween(received, '2026-10-08').days).toBe(4);
  });

  it('handling within 60 days if accepted the same day: 2026-11-24, with +30: 2026-12-24', () => {
    expect(handling).toMatchObject({ rawEnd: '2026-11-24', dueDate: '2026-11-24', rolled: false });
    expect(
      computeProfileDue(cal, NATIONAL_PROFILE, 'D_HANDLE', received, { extensionDays: 30 }).dueDate,
    ).toBe('2026-12-24');
  });

  it('shows the colours a clerk sees on the way', () => {
    const colour = (due: DueResult, today: string) =>
      dueColour(due.dueDate, today, due.spanDays, NATIONAL_PROFILE);
    // Back at work on Monday 09-28.
    expect([
      colour(notice, '2026-09-28'),
      colour(objection, '2026-09-28'),
      colour(handling, '2026-09-28'),
    ]).toEqual(['green', 'green', 'green']);
    // Tuesday 10-06, still in the holiday: both short clocks are within 3 days of their end.
    expect([colour(notice, '2026-10-06'), colour(objection, '2026-10-06')]).toEqual(['green', 'yellow']);
    expect([colour(notice, '2026-10-07'), colour(objection, '2026-10-07')]).toEqual(['yellow', 'yellow']);
    // Saturday 10-10 (make-up workday): the objection window closed yesterday, the notice is due today.
    expect([colour(notice, '2026-10-10'), colour(objection, '2026-10-10')]).toEqual(['yellow', 'red']);
    expect(colour(notice, '2026-10-11')).toBe('red');
    // Handling: yellow from 12 days left (0.2 × 60), red from 11-25.
    expect(colour(handling, '2026-11-11')).toBe('green');
    expect(colour(handling, '2026-11-12')).toBe('yellow');
    expect(colour(handling, '2026-11-24')).toBe('yellow');
    expect(colour(handling, '2026-11-25')).toBe('red');
  });
});

/**
 * The national profile against the master deadline table of DOMAIN.md §1.7, the local presets of
 * §1.13 merged onto it, and the validation that keeps a broken configuration from reaching the engine.
 */
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { computeProfileDue } from './deadline-engine.js';
import {
  BUILTIN_PROFILES,
  CHANGYI_PROFILE,
  DALIAN_ZHONGSHAN_PROFILE,
  type DeadlineProfile,
  deadlineProfileSchema,
  getRule,
  NATIONAL_PROFILE,
  pickProfileVersion,
  resolveProfile,
} from './deadline-rules.js';
import { seededWorkCalendar } from './work-calendar.js';

const cal = seededWorkCalendar();

describe('national-2022 profile (DOMAIN.md §1.7)', () => {
  it('has every rule of the table with its period, unit, cap and pause', () => {
    const table = Object.values(NATIONAL_PROFILE.rules).map((r) => [
      r.code,
      r.period,
      r.unit === 'working_days' ? 'wd' : 'd',
      r.extensionCapDays,
      r.pausable,
      r.trigger,
    ]);
    expect(table).toEqual([
      ['D_BUREAU_DISPOSE', 15, 'd', 0, false, 'case.received'],
      ['D_NOTIFY_DIRECT', 15, 'd', 0, false, 'case.received'],
      ['D_NOTIFY_TRANSFERRED', 15, 'd', 0, false, 'case.received_by_transfer'],
      ['D_OBJECTION', 5, 'wd', 0, false, 'case.received_by_transfer'],
      ['D_ASSIGNED_FEEDBACK', 15, 'd', 0, false, 'case.assigned'],
      ['D_HANDLE', 60, 'd', 30, false, 'case.accepted'],
      ['D_REVIEW_WINDOW', 30, 'd', 0, false, 'case.opinion_delivered'],
      ['D_REVIEW_DECIDE', 30, 'd', 0, false, 'case.review_requested'],
      ['D_RECHECK_WINDOW', 30, 'd', 0, false, 'case.review_delivered'],
      ['D_RECHECK_DECIDE', 30, 'd', 0, true, 'case.recheck_requested'],
      ['D_JUDICIAL_CONFIRM_WINDOW', 30, 'd', 0, false, 'case.agreement_effective'],
      ['D_COURT_CONFIRM', 30, 'd', 0, false, 'case.confirmation_filed'],
      ['D_SIMPLE_HANDLE', 10, 'wd', 0, false, 'case.accepted'],
      ['D_SIMPLE_ACCEPT', 3, 'wd', 0, false, 'case.received'],
      ['D_FOLLOW_UP', 15, 'd', 0, false, 'case.opinion_delivered'],
      ['D_SUPERVISION_REPLY', 5, 'wd', 0, false, 'case.supervision_issued'],
    ]);
    expect(NATIONAL_PROFILE).toMatchObject({
      code: 'national-2022',
      version: 1,
      warnRatio: 0.2,
      warnDays: 3,
    });
  });

  it('marks what is not statute or not verified, and only per-case periods are overridable', () => {
    const flagged = (pred: (r: DeadlineProfile['rules'][string]) => boolean) =>
      Object.values(NATIONAL_PROFILE.rules)
        .filter(pred)
        .map((r) => r.code);
    expect(flagged((r) => r.isLocalPractice)).toEqual(['D_FOLLOW_UP', 'D_SUPERVISION_REPLY']);
    expect(flagged((r) => !r.isVerified)).toEqual([
      'D_SIMPLE_HANDLE',
      'D_SIMPLE_ACCEPT',
      'D_FOLLOW_UP',
      'D_SUPERVISION_REPLY',
    ]);
    expect(flagged((r) => r.canOverridePeriod)).toEqual(['D_ASSIGNED_FEEDBACK', 'D_SUPERVISION_REPLY']);
    expect(getRule(NATIONAL_PROFILE, 'D_HANDLE').basis).toBe('《信访工作条例》第34条');
  });

  it('is frozen, so no caller can change the shared configuration', () => {
    expect(() => {
      (NATIONAL_PROFILE.rules.D_HANDLE as { period: number }).period = 90;
    }).toThrow(TypeError);
    expect(getRule(NATIONAL_PROFILE, 'D_HANDLE').period).toBe(60);
    expect(() => getRule(NATIONAL_PROFILE, 'D_NOPE')).toThrow(/has no rule D_NOPE/);
  });
});

describe('local profiles (DOMAIN.md §1.13)', () => {
  it('昌邑: reply in 15 days, expert review window of 5 days, at least 5 experts', () => {
    expect(CHANGYI_PROFILE).toMatchObject({
      code: 'changyi',
      basedOn: { code: 'national-2022', version: 1 },
      params: { expertPanelMin: 5 },
      warnDays: 3,
    });
    expect(getRule(CHANGYI_PROFILE, 'D_HANDLE')).toMatchObject({
      period: 15,
      extensionCapDays: 30, // inherited from 第34条
      trigger: 'case.accepted',
      isLocalPractice: true,
    });
    expect(getRule(CHANGYI_PROFILE, 'D_EXPERT_REVIEW_WINDOW')).toMatchObject({
      period: 5,
      unit: 'calendar_days',
    });
    expect(Object.keys(CHANGYI_PROFILE.rules)).toHaveLength(Object.keys(NATIONAL_PROFILE.rules).length + 1);
    expect(CHANGYI_PROFILE.rules.D_OBJECTION).toEqual(NATIONAL_PROFILE.rules.D_OBJECTION);
    // The base is untouched.
    expect(getRule(NATIONAL_PROFILE, 'D_HANDLE').period).toBe(60);
    expect(NATIONAL_PROFILE.rules.D_EXPERT_REVIEW_WINDOW).toBeUndefined();
  });

  it('昌邑: S8 reply due on make-up Saturday 10-10; expert request after 09-30 delivery rolls to 10-08', () => {
    expect(computeProfileDue(cal, CHANGYI_PROFILE, 'D_HANDLE', '2026-09-25')).toMatchObject({
      dueDate: '2026-10-10',
      profileCode: 'changyi',
    });
    expect(computeProfileDue(cal, CHANGYI_PROFILE, 'D_EXPERT_REVIEW_WINDOW', '2026-09-30')).toMatchObject({
      rawEnd: '2026-10-05',
      dueDate: '2026-10-08',
      rolled: true,
    });
  });

  it('大连中山: general matters in 15 days, marked as unverified local practice', () => {
    expect(getRule(DALIAN_ZHONGSHAN_PROFILE, 'D_HANDLE')).toMatchObject({
      period: 15,
      isLocalPractice: true,
      isVerified: false,
    });
    expect(computeProfileDue(cal, DALIAN_ZHONGSHAN_PROFILE, 'D_HANDLE', '2026-02-05').dueDate).toBe(
      '2026-02-24',
    );
    expect(Object.keys(BUILTIN_PROFILES)).toEqual(['national-2022', 'changyi', 'dalian-zhongshan']);
  });

  it('resolveProfile overrides thresholds and rejects an incomplete new rule', () => {
    const strict = resolveProfile(NATIONAL_PROFILE, {
      code: 'test-strict',
      name: 'strict',
      version: 2,
      validFrom: '2026-01-01',
      warnDays: 5,
      rules: { D_NOTIFY_DIRECT: { rollForward: false } },
    });
    expect(strict).toMatchObject({ warnDays: 5, warnRatio: 0.2, version: 2 });
    expect(computeProfileDue(cal, strict, 'D_NOTIFY_DIRECT', '2026-02-05').dueDate).toBe('2026-02-20');
    expect(() =>
      resolveProfile(NATIONAL_PROFILE, {
        code: 'broken',
        name: 'broken',
        version: 1,
        validFrom: '2026-01-01',
        rules: { D_NEW: { code: 'D_NEW', period: 5 } },
      }),
    ).toThrow(ZodError);
    expect(() =>
      resolveProfile(NATIONAL_PROFILE, {
        code: 'broken',
        name: 'broken',
        version: 1,
        validFrom: '2026-01-01',
        rules: { D_HANDLE: { period: -1 } },
      }),
    ).toThrow(ZodError);
  });
});

describe('deadlineProfileSchema', () => {
  const body = JSON.parse(JSON.stringify(NATIONAL_PROFILE)) as Record<string, unknown>;

  it('round-trips a stored profile and fills default thresholds', () => {
    expect(deadlineProfileSchema.parse(body)).toEqual(NATIONAL_PROFILE);
    const { warnDays: _d, warnRatio: _r, ...rest } = body;
    expect(deadlineProfileSchema.parse(rest)).toMatchObject({ warnDays: 3, warnRatio: 0.2 });
  });

  it('rejects a rule filed under another code and a pausable working-day rule', () => {
    const rules = NATIONAL_PROFILE.rules;
    expect(deadlineProfileSchema.safeParse({ ...body, rules: { D_X: rules.D_HANDLE } }).success).toBe(false);
    expect(
      deadlineProfileSchema.safeParse({
        ...body,
        rules: { D_OBJECTION: { ...rules.D_OBJECTION, pausable: true } },
      }).success,
    ).toBe(false);
    expect(deadlineProfileSchema.safeParse({ ...body, validFrom: '2026-02-30' }).success).toBe(false);
  });
});

describe('pickProfileVersion', () => {
  const v = (version: number, validFrom: string): DeadlineProfile => ({
    ...NATIONAL_PROFILE,
    version,
    validFrom,
  });
  const versions = [v(1, '2022-05-01'), v(2, '2026-03-01'), v(3, '2026-03-01'), v(4, '2027-01-01')];

  it('picks the latest version in force on the trigger date', () => {
    expect(pickProfileVersion(versions, 'national-2022', '2022-04-30')).toBeUndefined();
    expect(pickProfileVersion(versions, 'national-2022', '2026-02-28')?.version).toBe(1);
    expect(pickProfileVersion(versions, 'national-2022', '2026-03-01')?.version).toBe(3);
    expect(pickProfileVersion(versions, 'national-2022', '2027-06-01')?.version).toBe(4);
    expect(pickProfileVersion(versions, 'changyi', '2027-06-01')).toBeUndefined();
  });
});

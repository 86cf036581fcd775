import { describe, expect, it } from 'vitest';
import { type CaseFacts, contributions, delta, dimsOf } from './facts.js';
import {
  type Counts,
  change,
  previousPeriod,
  rateChange,
  rates,
  ratio,
  samePeriodLastYear,
  shares,
  splitByMonths,
  zeroCounts,
} from './metrics.js';
import { rankBy } from './use-cases/get-ranking.js';

const counts = (over: Partial<Counts>): Counts => ({ ...zeroCounts(), ...over });

describe('ratio', () => {
  it('keeps numerator and denominator, rounds to 4 places and is null (not NaN) over nothing', () => {
    expect(ratio(2, 3)).toEqual({ numerator: 2, denominator: 3, rate: 0.6667 });
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(ratio(0, 5).rate).toBe(0);
  });
});

describe('rates', () => {
  // A hand-computed quarter: 40 notices due, 38 on time; 20 handling periods due, 17 on time;
  // 16 replies delivered, 12 eligible, 10 rated (6 满意, 2 基本满意, 2 不满意); 5 on the spot;
  // 50 received, 4 repeats; 8 first petitions concluded, 1 repeated; 10 visits, 2 of them groups.
  const q = counts({
    notify_due: 40,
    notify_met: 38,
    handle_due: 20,
    handle_met: 17,
    delivered: 16,
    eligible: 12,
    rated: 10,
    satisfied: 6,
    basically_satisfied: 2,
    unsatisfied: 2,
    on_spot: 5,
    received: 50,
    repeats: 4,
    first_concluded: 8,
    first_repeated: 1,
    visit_batches: 10,
    group_visits: 2,
  });

  it('computes every rate from its counters', () => {
    const r = rates(q);
    expect(r.timelyAcceptance).toEqual({ numerator: 38, denominator: 40, rate: 0.95 });
    expect(r.onTimeCompletion).toEqual({ numerator: 17, denominator: 20, rate: 0.85 });
    expect(r.satisfaction).toEqual({ numerator: 8, denominator: 10, rate: 0.8 });
    expect(r.participation).toEqual({ numerator: 10, denominator: 12, rate: 0.8333 });
    expect(r.oneTimeResolution).toEqual({ numerator: 7, denominator: 8, rate: 0.875 });
    expect(r.repeat).toEqual({ numerator: 4, denominator: 50, rate: 0.08 });
    expect(r.onTheSpot).toEqual({ numerator: 5, denominator: 16, rate: 0.3125 });
    expect(r.groupVisit).toEqual({ numerator: 2, denominator: 10, rate: 0.2 });
  });

  it('weights 基本满意 as configured', () => {
    // (6 + 0.6 × 2) / 10 = 0.72
    expect(rates(q, { basicSatisfiedWeight: 0.6 }).satisfaction).toEqual({
      numerator: 7.2,
      denominator: 10,
      rate: 0.72,
    });
    expect(rates(q, { basicSatisfiedWeight: 0 }).satisfaction.rate).toBe(0.6);
    expect(() => rates(q, { basicSatisfiedWeight: 1.5 })).toThrow(RangeError);
  });

  it('gives null rates, never NaN, when nothing was due, delivered or rated', () => {
    const r = rates(zeroCounts());
    for (const x of Object.values(r)) expect(x.rate).toBeNull();
    // Delivered but nobody rated: participation 0, satisfaction unknown.
    const unrated = rates(counts({ delivered: 3, eligible: 3 }));
    expect(unrated.participation.rate).toBe(0);
    expect(unrated.satisfaction.rate).toBeNull();
  });
});

describe('shares, 环比 and 同比', () => {
  it('shares sum to the whole', () => {
    expect(
      shares([
        { key: '01', count: 3 },
        { key: '02', count: 1 },
      ]),
    ).toEqual([
      { key: '01', share: { numerator: 3, denominator: 4, rate: 0.75 } },
      { key: '02', share: { numerator: 1, denominator: 4, rate: 0.25 } },
    ]);
    expect(shares([])).toEqual([]);
  });

  it('changes of counts are relative, of rates in points, null from nothing', () => {
    expect(change(120, 100)).toEqual({ previous: 100, change: 0.2 });
    expect(change(5, 0)).toEqual({ previous: 0, change: null });
    expect(rateChange(ratio(95, 100), ratio(92, 100))).toEqual({ previous: 0.92, change: 0.03 });
    expect(rateChange(ratio(1, 1), ratio(0, 0))).toEqual({ previous: null, change: null });
  });

  it('the previous period: as many whole months before, or as many days', () => {
    expect(previousPeriod('2026-04-01', '2026-06-30')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('2026-01-01', '2026-06-30')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(previousPeriod('2026-03-02', '2026-03-31')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(previousPeriod('2026-01-01', '2026-01-01')).toEqual({ from: '2025-12-31', to: '2025-12-31' });
  });

  it('the same period last year keeps quarters and month ends across leap years', () => {
    expect(samePeriodLastYear('2026-04-01', '2026-06-30')).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    expect(samePeriodLastYear('2024-02-01', '2024-02-29')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(samePeriodLastYear('2025-02-01', '2025-02-28')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
});

const base: CaseFacts = {
  ownerUnitId: 'town',
  firstUnitId: 'town',
  categoryCode: '0204',
  channel: 'visit',
  confidential: false,
  receivedOn: '2026-03-30',
  personCount: 6,
  isGroup: true,
  isRepeat: false,
  isFirstPetition: true,
  deliveredOn: null,
  hasContact: true,
  satisfaction: null,
  resolvedOnSpot: null,
  concludedOn: null,
  repeatedInWindow: false,
  clocks: [],
};

const sum = (f: CaseFacts, counter: string, from: string, to: string) =>
  contributions(f)
    .filter((c) => c.counter === counter && c.day >= from && c.day <= to)
    .reduce((s, c) => s + c.n, 0);

describe('what a case contributes', () => {
  it('a group visit counts 1 件次, 1 批次 and its persons', () => {
    const f = base;
    expect(sum(f, 'received', '2026-03-30', '2026-03-30')).toBe(1);
    expect(sum(f, 'visit_batches', '2026-01-01', '2026-12-31')).toBe(1);
    expect(sum(f, 'visit_persons', '2026-01-01', '2026-12-31')).toBe(6);
    expect(sum(f, 'group_visits', '2026-01-01', '2026-12-31')).toBe(1);
    expect(sum({ ...f, channel: 'letter' }, 'visit_batches', '2026-01-01', '2026-12-31')).toBe(0);
  });

  it('a case straddling periods counts each fact in the period of its own date', () => {
    // Received in Q1, notice due in Q2 (met), reply delivered and rated in Q2.
    const f: CaseFacts = {
      ...base,
      deliveredOn: '2026-04-20',
      satisfaction: 'satisfied',
      clocks: [
        { code: 'D_NOTIFY_DIRECT', unitId: 'town', dueOn: '2026-04-13', status: 'met' },
        { code: 'D_HANDLE', unitId: 'town', dueOn: '2026-05-25', status: 'met' },
      ],
    };
    const q1 = ['2026-01-01', '2026-03-31'] as const;
    const q2 = ['2026-04-01', '2026-06-30'] as const;
    expect(sum(f, 'received', ...q1)).toBe(1);
    expect(sum(f, 'received', ...q2)).toBe(0);
    expect(sum(f, 'notify_due', ...q1)).toBe(0);
    expect(sum(f, 'notify_met', ...q2)).toBe(1);
    expect(sum(f, 'handle_met', ...q2)).toBe(1);
    expect(sum(f, 'rated', ...q2)).toBe(1);
  });

  it('an extension moves the handling due date; missed and running clocks are due but not met; cancelled are not due', () => {
    const f: CaseFacts = {
      ...base,
      clocks: [
        { code: 'D_HANDLE', unitId: 'town', dueOn: '2026-07-10', status: 'met' },
        { code: 'D_NOTIFY_DIRECT', unitId: 'town', dueOn: '2026-04-13', status: 'missed' },
        { code: 'D_NOTIFY_TRANSFERRED', unitId: 'dept', dueOn: '2026-04-20', status: 'running' },
        { code: 'D_NOTIFY_DIRECT', unitId: 'town', dueOn: '2026-04-14', status: 'cancelled' },
        { code: 'D_REVIEW_WINDOW', unitId: 'town', dueOn: '2026-04-14', status: 'running' },
      ],
    };
    expect(sum(f, 'handle_due', '2026-04-01', '2026-06-30')).toBe(0);
    expect(sum(f, 'handle_met', '2026-07-01', '2026-09-30')).toBe(1);
    expect(sum(f, 'notify_due', '2026-04-01', '2026-06-30')).toBe(2);
    expect(sum(f, 'notify_met', '2026-04-01', '2026-06-30')).toBe(0);
    // The transferred notice belongs to the department that had to issue it.
    expect(
      contributions(f)
        .filter((c) => c.counter === 'notify_due')
        .map((c) => c.unitId),
    ).toEqual(['town', 'dept']);
  });

  it('no ratings: delivered and eligible, not rated; a rating without contact is still eligible', () => {
    const f: CaseFacts = { ...base, deliveredOn: '2026-04-20', hasContact: false };
    expect(sum(f, 'delivered', '2026-04-01', '2026-06-30')).toBe(1);
    expect(sum(f, 'eligible', '2026-04-01', '2026-06-30')).toBe(0);
    expect(sum(f, 'rated', '2026-04-01', '2026-06-30')).toBe(0);
    const rated = { ...f, satisfaction: 'basically_satisfied' as const };
    expect(sum(rated, 'eligible', '2026-04-01', '2026-06-30')).toBe(1);
    expect(sum(rated, 'basically_satisfied', '2026-04-01', '2026-06-30')).toBe(1);
  });

  it('one-time resolution counts first petitions concluded; repeats and non-first petitions as defined', () => {
    const concluded: CaseFacts = { ...base, concludedOn: '2026-05-02' };
    expect(sum(concluded, 'first_concluded', '2026-04-01', '2026-06-30')).toBe(1);
    expect(sum({ ...concluded, repeatedInWindow: true }, 'first_repeated', '2026-04-01', '2026-06-30')).toBe(
      1,
    );
    expect(sum({ ...concluded, isFirstPetition: false }, 'first_concluded', '2026-01-01', '2026-12-31')).toBe(
      0,
    );
    const repeat = { ...base, isRepeat: true };
    expect(sum(repeat, 'repeats', '2026-01-01', '2026-12-31')).toBe(1);
    expect(sum(repeat, 'matters', '2026-01-01', '2026-12-31')).toBe(0);
  });
});

describe('delta', () => {
  it('a reopened case takes back its conclusion and satisfaction; nothing else moves', () => {
    const closed: CaseFacts = {
      ...base,
      deliveredOn: '2026-04-20',
      satisfaction: 'unsatisfied',
      concludedOn: '2026-05-02',
    };
    const reopened: CaseFacts = { ...closed, concludedOn: null };
    const d = delta(
      { dims: dimsOf(closed), items: contributions(closed) },
      { dims: dimsOf(reopened), items: contributions(reopened) },
    );
    expect(d).toEqual([
      {
        dims: { categoryTop: '02', channel: 'visit', confidential: false },
        unitId: 'town',
        day: '2026-05-02',
        counts: { first_concluded: -1 },
      },
    ]);
  });

  it('a change of category moves every count from one row to another; no change writes nothing', () => {
    const a = { dims: dimsOf(base), items: contributions(base) };
    const moved = { ...base, categoryCode: '0301' };
    const d = delta(a, { dims: dimsOf(moved), items: contributions(moved) });
    expect(d).toHaveLength(2);
    expect(d.find((r) => r.dims.categoryTop === '02')?.counts.received).toBe(-1);
    expect(d.find((r) => r.dims.categoryTop === '03')?.counts.received).toBe(1);
    expect(delta(a, a)).toEqual([]);
  });
});

describe('splitByMonths', () => {
  it('reads whole months from the monthly counters and the edges from the daily ones', () => {
    expect(splitByMonths('2026-04-01', '2026-06-30')).toEqual({
      months: { from: '2026-04-01', to: '2026-06-01' },
      days: [],
    });
    expect(splitByMonths('2026-03-15', '2026-06-10')).toEqual({
      months: { from: '2026-04-01', to: '2026-05-01' },
      days: [
        { from: '2026-03-15', to: '2026-03-31' },
        { from: '2026-06-01', to: '2026-06-10' },
      ],
    });
    expect(splitByMonths('2025-12-01', '2026-01-31').months).toEqual({
      from: '2025-12-01',
      to: '2026-01-01',
    });
    expect(splitByMonths('2024-02-01', '2024-02-29')).toEqual({
      months: { from: '2024-02-01', to: '2024-02-01' },
      days: [],
    });
  });

  it('a period without a whole month is read by days only', () => {
    expect(splitByMonths('2026-03-15', '2026-04-10')).toEqual({
      months: null,
      days: [{ from: '2026-03-15', to: '2026-04-10' }],
    });
    expect(splitByMonths('2026-03-01', '2026-03-30')).toEqual({
      months: null,
      days: [{ from: '2026-03-01', to: '2026-03-30' }],
    });
    expect(splitByMonths('2026-01-02', '2026-01-31')).toEqual({
      months: null,
      days: [{ from: '2026-01-02', to: '2026-01-31' }],
    });
  });
});

describe('rankBy', () => {
  it('ranks higher rates first, equal rates share a rank, nothing due is unranked', () => {
    const items = [ratio(9, 10), ratio(0, 0), ratio(1, 1), ratio(18, 20), ratio(1, 2)];
    const ranks = rankBy(items, (x) => x);
    expect(items.map((x) => ranks.get(x))).toEqual([2, null, 1, 2, 4]);
  });
});

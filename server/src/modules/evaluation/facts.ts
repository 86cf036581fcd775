/**
 * What one case contributes to the counters of evaluation_daily, computed from its current state
 * alone (pure: the database part is in evaluation.repository.ts). A change of a case recomputes its
 * contributions and applies the difference to the summary rows in the same transaction, so a
 * reopened, transferred, re-categorised or extended case moves its counts instead of adding to them.
 */
import type { Counter } from './metrics.js';

/** The written notice clocks (受理告知, DOMAIN.md §3.2 "D_NOTIFY_*"). */
export const NOTIFY_CLOCKS = ['D_NOTIFY_DIRECT', 'D_NOTIFY_TRANSFERRED'] as const;
export const HANDLE_CLOCK = 'D_HANDLE';

/** Channels whose intake is a visit, counted in 批次 and 人次 (DOMAIN.md §3.1). */
export const VISIT_CHANNELS = ['visit', 'leader_reception'] as const;

export interface CaseFacts {
  ownerUnitId: string;
  firstUnitId: string;
  categoryCode: string;
  channel: string;
  confidential: boolean;
  receivedOn: string;
  personCount: number;
  isGroup: boolean;
  isRepeat: boolean;
  isFirstPetition: boolean;
  deliveredOn: string | null;
  /** A petitioner left a phone number: the petitioner can be asked for an evaluation. */
  hasContact: boolean;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null;
  resolvedOnSpot: boolean | null;
  /** Asia/Shanghai date closed (办结) or, failing that, terminated (终结); null while not concluded. */
  concludedOn: string | null;
  /** A repeat petition of this matter arrived before the end of the observation window. */
  repeatedInWindow: boolean;
  clocks: { code: string; unitId: string; dueOn: string; status: string }[];
}

export interface Contribution {
  unitId: string;
  day: string;
  counter: Counter;
  n: number;
}

/** The dimensions every row of the case shares besides unit and day. */
export interface CaseDims {
  categoryTop: string;
  channel: string;
  confidential: boolean;
}

export const dimsOf = (f: CaseFacts): CaseDims => ({
  categoryTop: f.categoryCode.slice(0, 2),
  channel: f.channel,
  confidential: f.confidential,
});

export function contributions(f: CaseFacts): Contribution[] {
  const out: Contribution[] = [];
  const add = (unitId: string, day: string, counter: Counter, n = 1) => {
    if (n !== 0) out.push({ unitId, day, counter, n });
  };
  const owner = f.ownerUnitId;

  // Intake counts belong to the unit responsible for the case now (as the dashboard's).
  add(owner, f.receivedOn, 'received');
  if (!f.isRepeat) add(owner, f.receivedOn, 'matters');
  else add(owner, f.receivedOn, 'repeats');
  if ((VISIT_CHANNELS as readonly string[]).includes(f.channel)) {
    add(owner, f.receivedOn, 'visit_batches');
    add(owner, f.receivedOn, 'visit_persons', f.personCount);
    if (f.isGroup) {
      add(owner, f.receivedOn, 'group_visits');
      add(owner, f.receivedOn, 'group_persons', f.personCount);
    }
  }

  // A clock belongs to the unit that had to meet it: a town that transferred a matter late is
  // answerable for that, not the department that received it.
  for (const c of f.clocks) {
    if (c.status === 'cancelled') continue;
    const isNotify = (NOTIFY_CLOCKS as readonly string[]).includes(c.code);
    if (!isNotify && c.code !== HANDLE_CLOCK) continue;
    add(c.unitId, c.dueOn, isNotify ? 'notify_due' : 'handle_due');
    if (c.status === 'met') add(c.unitId, c.dueOn, isNotify ? 'notify_met' : 'handle_met');
  }

  // The evaluation cohort is the replies delivered in the period: participation and satisfaction
  // then count subsets of one set of cases.
  if (f.deliveredOn) {
    const d = f.deliveredOn;
    add(owner, d, 'delivered');
    if (f.resolvedOnSpot) add(owner, d, 'on_spot');
    if (f.hasContact) add(owner, d, 'eligible');
    if (f.satisfaction) {
      // A rating without a recorded contact (given at the counter) is still a rating of an eligible case.
      if (!f.hasContact) add(owner, d, 'eligible');
      add(owner, d, 'rated');
      add(owner, d, f.satisfaction);
    }
  }

  if (f.concludedOn && f.isFirstPetition) {
    add(owner, f.concludedOn, 'first_concluded');
    if (f.repeatedInWindow) add(owner, f.concludedOn, 'first_repeated');
  }
  return out;
}

export const rowKey = (unitId: string, day: string) => `${unitId}|${day}`;

/**
 * The change to apply to the summary rows when a case's contributions go from `before` to `after`:
 * per (dims, unit, day), the counters that differ. Sorted by key, so concurrent transactions lock
 * summary rows in one order and cannot deadlock on them.
 */
export function delta(
  before: { dims: CaseDims; items: Contribution[] } | null,
  after: { dims: CaseDims; items: Contribution[] },
): { dims: CaseDims; unitId: string; day: string; counts: Partial<Record<Counter, number>> }[] {
  const rows = new Map<
    string,
    { dims: CaseDims; unitId: string; day: string; counts: Partial<Record<Counter, number>> }
  >();
  const apply = (dims: CaseDims, items: Contribution[], sign: 1 | -1) => {
    for (const it of items) {
      const key = `${dims.categoryTop}|${dims.channel}|${dims.confidential}|${rowKey(it.unitId, it.day)}`;
      let row = rows.get(key);
      if (!row) {
        row = { dims, unitId: it.unitId, day: it.day, counts: {} };
        rows.set(key, row);
      }
      row.counts[it.counter] = (row.counts[it.counter] ?? 0) + sign * it.n;
    }
  };
  if (before) apply(before.dims, before.items, -1);
  apply(after.dims, after.items, 1);
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => ({
      ...r,
      counts: Object.fromEntries(Object.entries(r.counts).filter(([, n]) => n !== 0)) as Partial<
        Record<Counter, number>
      >,
    }))
    .filter((r) => Object.keys(r.counts).length > 0);
}

export type DeltaRow = ReturnType<typeof delta>[number];

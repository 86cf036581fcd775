import { sql } from 'kysely';
import type { Conn } from '../../db/database.js';
import { findDeadlineProfile, loadCalendar } from '../calendar/calendar.repository.js';
import type { ISODate } from '../calendar/calendar.types.js';
import { computeProfileDue, dueColour } from '../calendar/deadline-engine.js';
import { type DeadlineProfile, NATIONAL_PROFILE } from '../calendar/deadline-rules.js';
import { shanghaiDate } from '../calendar/iso-date.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';

/**
 * The legal clocks of a case: which deadline rows run, and the case's nearest due date.
 *
 * Clocks that bind staff (notice, handling, decisions, feedback, follow-up) drive queues, colours
 * and supervision. The petitioner's own windows (复查/复核/专家评审 applications) run on the same
 * engine but never make a case red: they decide whether a request is in time.
 */
export const PETITIONER_WINDOWS = new Set([
  'D_REVIEW_WINDOW',
  'D_RECHECK_WINDOW',
  'D_EXPERT_REVIEW_WINDOW',
  'D_JUDICIAL_CONFIRM_WINDOW',
]);

/**
 * Clocks that are options, not duties, and so never make a case late: the petitioner's windows and
 * the receiver's objection window (a unit that does not object simply handles the matter).
 */
export const NON_DUTY_CLOCKS = new Set([...PETITIONER_WINDOWS, 'D_OBJECTION']);

/** The nearest duty deadline among clock rows: what the case row keeps for queues and colours. */
export function nearestDuty<T extends { code: string; due_on: string }>(rows: T[]): T | undefined {
  return rows.filter((r) => !NON_DUTY_CLOCKS.has(r.code)).sort((a, b) => (a.due_on < b.due_on ? -1 : 1))[0];
}

let calendar: Promise<WorkCalendar> | undefined;

/** The holiday calendar, loaded once and reloaded after an administrator adds a year. */
export function workCalendar(conn: Conn): Promise<WorkCalendar> {
  // The calendar module types its tables on its own until its interfaces move into db/types.ts.
  calendar ??= loadCalendar(conn).catch((err: unknown) => {
    calendar = undefined;
    throw err;
  });
  return calendar;
}

export function invalidateCalendar(): void {
  calendar = undefined;
}

export function today(now = new Date()): ISODate {
  return shanghaiDate(now);
}

const PROFILE_CACHE_MS = 60_000;
const profileCache = new Map<string, { profile: DeadlineProfile; at: number }>();

/** Forget cached unit profiles (after an administrator sets a unit's profile or publishes a version). */
export function invalidateProfiles(): void {
  profileCache.clear();
}

/**
 * The deadline profile of a unit: the nearest unit up the tree that names one, else national.
 * Cached for a minute per unit; setting a profile in this process clears the cache at once.
 */
export async function profileForUnit(conn: Conn, unitPath: string): Promise<DeadlineProfile> {
  const hit = profileCache.get(unitPath);
  if (hit && Date.now() - hit.at < PROFILE_CACHE_MS) return hit.profile;
  const profile = await loadProfileForUnit(conn, unitPath);
  if (profileCache.size > 5000) profileCache.clear();
  profileCache.set(unitPath, { profile, at: Date.now() });
  return profile;
}

async function loadProfileForUnit(conn: Conn, unitPath: string): Promise<DeadlineProfile> {
  const row = await conn
    .selectFrom('org_units')
    .select('deadline_profile')
    .where(sql<boolean>`path @> ${unitPath}::ltree`)
    .where('deadline_profile', 'is not', null)
    .orderBy('depth', 'desc')
    .limit(1)
    .executeTakeFirst();
  // Stored versions count, so a version an administrator published applies to clocks started from
  // its valid_from on (cached per unit, and cleared when a version is published in this process).
  const code = row?.deadline_profile ?? NATIONAL_PROFILE.code;
  return (await findDeadlineProfile(conn, code, today())) ?? NATIONAL_PROFILE;
}

export interface StartClock {
  caseId: string;
  code: string;
  unitId: string;
  startedOn: ISODate;
  periodOverride?: number;
  assignmentId?: string;
}

/** The deadline row a clock start writes, computed without touching the database. */
export function planClock(cal: WorkCalendar, profile: DeadlineProfile, s: StartClock) {
  const due = computeProfileDue(cal, profile, s.code, s.startedOn, {
    ...(s.periodOverride !== undefined ? { periodOverride: s.periodOverride } : {}),
  });
  return {
    id: crypto.randomUUID(),
    case_id: s.caseId,
    code: s.code,
    unit_id: s.unitId,
    assignment_id: s.assignmentId ?? null,
    profile_code: due.profileCode,
    profile_version: due.profileVersion,
    started_on: s.startedOn,
    period: s.periodOverride ?? profile.rules[s.code]?.period ?? due.totalDays,
    period_unit: due.unit,
    due_on: due.dueDate,
    unverified: due.unverified,
    status: 'running',
  };
}

export async function startClock(
  conn: Conn,
  cal: WorkCalendar,
  profile: DeadlineProfile,
  s: StartClock,
): Promise<{ id: string; dueOn: ISODate }> {
  const row = planClock(cal, profile, s);
  await conn.insertInto('case_deadlines').values(row).execute();
  return { id: row.id, dueOn: row.due_on };
}

/** Stops running clocks: met when stopped on or before the due date, missed after it. */
export async function stopClocks(
  conn: Conn,
  caseId: string,
  codes: string[],
  on: ISODate,
  opts: { assignmentId?: string; cancel?: boolean } = {},
): Promise<void> {
  if (codes.length === 0) return;
  let q = conn
    .updateTable('case_deadlines')
    .set({
      status: opts.cancel
        ? 'cancelled'
        : sql<string>`case when due_on >= ${on}::date then 'met' else 'missed' end`,
      ended_at: new Date(),
    })
    .where('case_id', '=', caseId)
    .where('code', 'in', codes)
    .where('status', 'in', ['running', 'paused']);
  if (opts.assignmentId) q = q.where('assignment_id', '=', opts.assignmentId);
  await q.execute();
}

export function runningClocks(conn: Conn, caseId: string) {
  return conn
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', 'in', ['running', 'paused'])
    .orderBy('due_on')
    .execute();
}

/** Recomputes the case's nearest staff deadline (what queues sort by). */
export async function refreshCaseDue(conn: Conn, caseId: string): Promise<void> {
  const next = await conn
    .selectFrom('case_deadlines')
    .select(['code', 'due_on', 'started_on'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'running')
    .where('code', 'not in', [...NON_DUTY_CLOCKS])
    .orderBy('due_on')
    .limit(1)
    .executeTakeFirst();
  await conn
    .updateTable('cases')
    .set({
      due_on: next?.due_on ?? null,
      due_code: next?.code ?? null,
      due_period: next ? Math.max(0, dayDiff(next.started_on, next.due_on)) : null,
    })
    .where('id', '=', caseId)
    .execute();
}

function dayDiff(a: ISODate, b: ISODate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Green / yellow / red of a due date as of today, with the national warning thresholds by default. */
export function colourOf(
  dueOn: ISODate | null,
  periodDays: number | null,
  asOf: ISODate,
  profile = NATIONAL_PROFILE,
) {
  if (!dueOn) return null;
  return dueColour(dueOn, asOf, periodDays ?? 0, profile);
}

export { dayDiff };

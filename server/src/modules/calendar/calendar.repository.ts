/**
 * SQL for the legal clock: the holiday calendar (holiday_calendar + calendar_years) and the stored
 * versions of deadline profiles (deadline_profiles), see server/migrations/0002_calendar.sql.
 *
 * The calendar lives in the database because each year's rest days come from a State Council notice
 * that an administrator enters when it is published (DOMAIN.md §2.2–2.3); `addYear` replaces a year
 * in one transaction so no deadline is ever computed against half a notice.
 */
import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Actor } from '../../policy/actor.js';
import type { HolidayEntry } from './calendar.types.js';
import {
  BUILTIN_PROFILES,
  type DeadlineProfile,
  deadlineProfileSchema,
  pickProfileVersion,
} from './deadline-rules.js';
import { WorkCalendar } from './work-calendar.js';

/** As in db/types.ts: optional on insert, the column has a default. */
/** The calendar's tables (their row types live in db/types.ts with the others). */
export type CalendarTables = Pick<DB, 'holiday_calendar' | 'calendar_years' | 'deadline_profiles'>;

/** The app connection or a transaction. */
export type CalendarConn = Kysely<DB> | Transaction<DB>;

function inTransaction<T>(conn: CalendarConn, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  // Join the caller's transaction (e.g. an admin use case that also writes an admin event), or open one.
  if (conn.isTransaction) return fn(conn as Transaction<DB>);
  return conn.transaction().execute(fn);
}

/**
 * The working calendar from the database: every loaded year with its days off and make-up workdays.
 * The tables are small (about 35 rows a year), so callers may load per request or cache and reload
 * after `addYear`.
 *
 * @throws Error when the stored rows contradict each other (see the WorkCalendar constructor).
 */
export async function loadCalendar(conn: CalendarConn): Promise<WorkCalendar> {
  const [years, days] = await Promise.all([
    conn.selectFrom('calendar_years').select(['year']).orderBy('year').execute(),
    conn.selectFrom('holiday_calendar').select(['day', 'kind', 'name', 'notice']).orderBy('day').execute(),
  ]);
  return new WorkCalendar(
    days.map((d) => ({ date: d.day, kind: d.kind, name: d.name, notice: d.notice })),
    years.map((y) => y.year),
  );
}

/**
 * Loads (or replaces) the notice of `year`: the calendar_years row and all its holiday rows, in one
 * transaction. `notice` is the main notice of the year; an entry may name a supplementary notice
 * (e.g. a later notice extending a holiday) in its own `notice`.
 *
 * @throws Error before touching the database when an entry lies outside `year`, is duplicated, or is
 *   a make-up workday on a weekday.
 */
export async function addYear(
  conn: CalendarConn,
  year: number,
  notice: string,
  entries: readonly HolidayEntry[],
): Promise<void> {
  if (!notice.trim()) throw new Error('addYear needs the notice that fixes the year');
  // Validates every entry against the year before anything is written.
  new WorkCalendar(entries, [year]);
  await inTransaction(conn, async (trx) => {
    // The upsert comes first: it locks the year's row, so two administrators loading the same year
    // at once are serialised instead of interleaving their deletes and inserts.
    await trx
      .insertInto('calendar_years')
      .values({ year, notice })
      .onConflict((oc) => oc.column('year').doUpdateSet({ notice, loaded_at: new Date() }))
      .execute();
    await trx
      .deleteFrom('holiday_calendar')
      .where('day', '>=', `${year}-01-01`)
      .where('day', '<=', `${year}-12-31`)
      .execute();
    if (entries.length > 0) {
      await trx
        .insertInto('holiday_calendar')
        .values(entries.map((e) => ({ day: e.date, kind: e.kind, name: e.name, notice: e.notice })))
        .execute();
    }
  });
}

/**
 * Stores a new version of a deadline profile. Versions are immutable: saving an existing
 * (code, version) fails on the primary key; publish a new version instead.
 */
export async function saveDeadlineProfile(conn: CalendarConn, profile: DeadlineProfile): Promise<void> {
  const valid = deadlineProfileSchema.parse(profile);
  await conn
    .insertInto('deadline_profiles')
    .values({
      code: valid.code,
      version: valid.version,
      name: valid.name,
      valid_from: valid.validFrom,
      body: JSON.stringify(valid),
    })
    .execute();
}

/** All stored versions of profile `code`, oldest first, each validated. */
export async function listDeadlineProfiles(conn: CalendarConn, code: string): Promise<DeadlineProfile[]> {
  const rows = await conn
    .selectFrom('deadline_profiles')
    .select(['code', 'version', 'body'])
    .where('code', '=', code)
    .orderBy('version')
    .execute();
  return rows.map((r) => {
    const profile = deadlineProfileSchema.parse(r.body);
    if (profile.code !== r.code || profile.version !== r.version) {
      throw new Error(
        `deadline_profiles row ${r.code} v${r.version} holds profile ${profile.code} v${profile.version}`,
      );
    }
    return profile;
  });
}

/**
 * The profile `code` in force on `onDate` (the trigger date): the stored versions plus the built-in
 * preset of that code (a stored version with the same number wins), picked by `pickProfileVersion`.
 */
export async function findDeadlineProfile(
  conn: CalendarConn,
  code: string,
  onDate: string,
): Promise<DeadlineProfile | undefined> {
  const stored = await listDeadlineProfiles(conn, code);
  const builtin = BUILTIN_PROFILES[code];
  const candidates =
    builtin && !stored.some((p) => p.version === builtin.version) ? [...stored, builtin] : stored;
  return pickProfileVersion(candidates, code, onDate);
}

/** A stored profile version with who published it, for the deadline rules page. */
export interface StoredProfileVersion {
  id: string;
  profile: DeadlineProfile;
  createdAt: Date;
  createdBy: string | null;
  note: string | null;
}

/** Every stored version of every profile, oldest first within a code. */
export async function listStoredProfileVersions(conn: CalendarConn): Promise<StoredProfileVersion[]> {
  const rows = await conn
    .selectFrom('deadline_profiles as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .select(['p.id', 'p.code', 'p.version', 'p.body', 'p.created_at', 'p.note', 'u.display_name'])
    .orderBy('p.code')
    .orderBy('p.version')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    profile: deadlineProfileSchema.parse(r.body),
    createdAt: r.created_at,
    createdBy: r.display_name,
    note: r.note,
  }));
}

/**
 * Serialises publishers of one profile code, so two administrators cannot both compute the same
 * next version number; the primary key would refuse the second anyway, this makes it wait instead.
 */
export async function lockProfileCode(trx: Transaction<DB>, code: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`deadline_profile:${code}`}))`.execute(trx);
}

/** Inserts a new version (never an update: the table refuses those) and returns its id. */
export async function insertProfileVersion(
  trx: Transaction<DB>,
  profile: DeadlineProfile,
  by: { userId: string; note: string },
): Promise<string> {
  const valid = deadlineProfileSchema.parse(profile);
  const row = await trx
    .insertInto('deadline_profiles')
    .values({
      code: valid.code,
      version: valid.version,
      name: valid.name,
      valid_from: valid.validFrom,
      body: JSON.stringify(valid),
      created_by: by.userId,
      note: by.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Units inside `scope` that name a deadline profile themselves, in tree order. */
export async function listProfileAssignments(conn: CalendarConn, scope: Expression<SqlBool>) {
  return conn
    .selectFrom('org_units')
    .select(['id', 'name', 'kind', 'deadline_profile'])
    .where('deadline_profile', 'is not', null)
    .where(scope)
    .orderBy('path')
    .execute();
}

export async function findUnitForUpdate(trx: Transaction<DB>, unitId: string) {
  return trx
    .selectFrom('org_units')
    .select(['id', 'path', 'deadline_profile'])
    .where('id', '=', unitId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setUnitProfile(trx: Transaction<DB>, unitId: string, code: string | null) {
  await trx
    .updateTable('org_units')
    .set({ deadline_profile: code, updated_at: new Date() })
    .where('id', '=', unitId)
    .execute();
}

export type ProfileEventType = 'deadline_profile.version_published' | 'deadline_profile.assigned';

/**
 * Appends the admin event of a profile change inside its transaction. Written here rather than via
 * audit/admin-events.ts, whose entity types do not include profiles (as taxonomy does for categories).
 */
export async function recordProfileEvent(
  trx: Transaction<DB>,
  e: {
    actor: Actor;
    type: ProfileEventType;
    entityType: 'deadline_profile' | 'org_unit';
    /** deadline_profiles.id for a version, org_units.id for an assignment. */
    entityId: string;
    payload: Record<string, unknown>;
    requestId: string;
  },
): Promise<void> {
  await trx
    .insertInto('admin_events')
    .values({
      actor_id: e.actor.userId,
      actor_unit_id: e.actor.unitId,
      type: e.type,
      entity_type: e.entityType,
      entity_id: e.entityId,
      payload: JSON.stringify(e.payload),
      request_id: e.requestId,
    })
    .execute();
}

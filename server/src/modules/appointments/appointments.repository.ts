import type { Expression, SqlBool } from 'kysely';
import type { Conn } from '../../db/database.js';

/** Asia/Shanghai wall-clock text of an instant, as SMS and the schedule print it: 11月25日 09:00. */
export function shanghaiWhen(d: Date): string {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const v = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${v('month')}月${v('day')}日 ${v('hour')}:${v('minute')}`;
}

const sessionColumns = [
  's.id',
  's.unit_id',
  'u.name as unit_name',
  's.kind',
  's.host_name',
  's.host_title',
  's.starts_at',
  's.ends_at',
  's.place',
  's.topics',
  's.capacity',
  's.booked',
  's.status',
] as const;

/** The published schedule from now on, soonest first: what the portal shows. */
export function upcomingPublished(conn: Conn, from: Date, limit: number) {
  return conn
    .selectFrom('reception_sessions as s')
    .innerJoin('org_units as u', 'u.id', 's.unit_id')
    .select(sessionColumns)
    .where('s.status', '=', 'published')
    .where('s.starts_at', '>=', from)
    .orderBy('s.starts_at')
    .limit(limit)
    .execute();
}

/** Sessions held where `inScope` (a filter on u.path) allows, from `from` on. */
export function sessionsInScope(conn: Conn, inScope: Expression<SqlBool>, from: Date, limit: number) {
  return conn
    .selectFrom('reception_sessions as s')
    .innerJoin('org_units as u', 'u.id', 's.unit_id')
    .select(sessionColumns)
    .where(inScope)
    .where('s.starts_at', '>=', from)
    .orderBy('s.starts_at')
    .limit(limit)
    .execute();
}

export function findSession(conn: Conn, id: string) {
  return conn
    .selectFrom('reception_sessions as s')
    .innerJoin('org_units as u', 'u.id', 's.unit_id')
    .select([...sessionColumns, 'u.path as unit_path'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/** A session's bookings for staff: names and masked phones, never the phone itself. */
export function bookingsOf(conn: Conn, sessionId: string) {
  return conn
    .selectFrom('appointments')
    .select([
      'id',
      'booking_code',
      'name',
      'phone_masked',
      'subject',
      'person_count',
      'status',
      'case_id',
      'created_at',
    ])
    .where('session_id', '=', sessionId)
    .orderBy('created_at')
    .execute();
}

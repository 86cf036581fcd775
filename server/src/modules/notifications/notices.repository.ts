import type { Kysely } from 'kysely';
import { ROLES } from '../../../../common/src/roles.js';
import type { Conn } from '../../db/database.js';
import type { DB } from '../../db/types.js';
import { roleHas } from '../../policy/permissions.js';
import type { NoticeKind } from './templates.js';

/** Roles that work on cases: the members of a unit a unit notice goes to. */
const CASE_ROLES = ROLES.filter((r) => roleHas(r, 'case.read'));

/**
 * Writes one notice per active member of the unit (a role that reads cases, granted at that very
 * unit: a notice to a community does not flood the town above). Idempotent per (outbox row, user).
 * Returns the number of people notified.
 */
export async function writeUnitNotices(
  db: Kysely<DB>,
  n: {
    outboxId: number;
    unitId: string;
    caseId: string | null;
    caseNo: string | null;
    kind: NoticeKind;
    text: string;
    params: Record<string, string>;
  },
): Promise<number> {
  const members = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('users.id')
    .distinct()
    .where('user_roles.unit_id', '=', n.unitId)
    .where('user_roles.role', 'in', CASE_ROLES)
    .where('users.is_active', '=', true)
    .execute();
  if (!members.length) return 0;
  await db
    .insertInto('notices')
    .values(
      members.map((m) => ({
        user_id: m.id,
        unit_id: n.unitId,
        kind: n.kind,
        case_id: n.caseId,
        case_no: n.caseNo,
        params: JSON.stringify(n.params),
        text: n.text,
        outbox_id: n.outboxId,
      })),
    )
    .onConflict((oc) => oc.columns(['outbox_id', 'user_id']).where('outbox_id', 'is not', null).doNothing())
    .execute();
  return members.length;
}

export async function listNotices(
  conn: Conn,
  userId: string,
  opts: { page: number; pageSize: number; unreadOnly: boolean },
) {
  let q = conn.selectFrom('notices').where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const [items, total, unread] = await Promise.all([
    q
      .select(['id', 'kind', 'case_id', 'case_no', 'params', 'text', 'created_at', 'read_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    conn
      .selectFrom('notices')
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), unread: Number(unread.n) };
}

/** Marks the user's own notice read; false when there is no such notice of theirs. */
export async function markNoticeRead(conn: Conn, userId: string, id: string): Promise<boolean> {
  const row = await conn
    .updateTable('notices')
    .set({ read_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (row) return true;
  const exists = await conn
    .selectFrom('notices')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!exists;
}

export async function markAllNoticesRead(conn: Conn, userId: string): Promise<number> {
  const rows = await conn
    .updateTable('notices')
    .set({ read_at: new Date() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

import type { Role } from '../../../../common/src/roles.js';
import type { Conn } from '../../db/database.js';
import type { Actor } from '../../policy/actor.js';

export type AuthEvent =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.locked'
  | 'login.refused_locked'
  | 'login.refused_disabled'
  | 'logout'
  | 'password.changed'
  | 'password.reset'
  | 'session.expired'
  | 'token.created'
  | 'token.revoked';

export async function recordAuthEvent(
  conn: Conn,
  e: { userId: string | null; event: AuthEvent; ip?: string | undefined; detail?: Record<string, unknown> },
): Promise<void> {
  await conn
    .insertInto('auth_events')
    .values({ user_id: e.userId, event: e.event, ip: e.ip ?? null, detail: JSON.stringify(e.detail ?? {}) })
    .execute();
}

export function findUserByUsername(conn: Conn, username: string) {
  return conn
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

/** Loads the user and their role grants (with each unit's path) as an Actor; undefined if inactive. */
export async function loadActor(conn: Conn, userId: string, via: Actor['via']): Promise<Actor | undefined> {
  const user = await conn
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'unit_id', 'is_active', 'must_change_password'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.is_active) return undefined;
  const grants = await conn
    .selectFrom('user_roles')
    .innerJoin('org_units', 'org_units.id', 'user_roles.unit_id')
    .select(['user_roles.role', 'user_roles.unit_id', 'org_units.path'])
    .where('user_roles.user_id', '=', userId)
    .where('org_units.is_active', '=', true)
    .execute();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    unitId: user.unit_id,
    via,
    mustChangePassword: user.must_change_password,
    grants: grants.map((g) => ({ role: g.role as Role, unitId: g.unit_id, unitPath: g.path })),
  };
}

export function findSession(conn: Conn, tokenHash: string) {
  return conn.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function findApiToken(conn: Conn, tokenHash: string) {
  return conn.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

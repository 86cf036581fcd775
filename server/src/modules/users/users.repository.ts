import { sql } from 'kysely';
import type { Role } from '../../../../common/src/roles.js';
import type { Conn } from '../../db/database.js';
import type { Actor } from '../../policy/actor.js';
import { scopeFilter } from '../../policy/policy.js';

const userColumns = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.unit_id',
  'users.is_active',
  'users.must_change_password',
  'users.locked_until',
  'users.last_login_at',
  'users.created_at',
  'org_units.name as unit_name',
  'org_units.path as unit_path',
] as const;

export type UserRow = Awaited<ReturnType<typeof findUserInScope>> & object;

/** Users are placed in the tree by their home unit. */
export function findUserInScope(conn: Conn, actor: Actor, id: string) {
  return conn
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.unit_id')
    .select(userColumns)
    .where('users.id', '=', id)
    .where(scopeFilter(actor, 'user.read', 'org_units.path'))
    .executeTakeFirst();
}

export async function listUsers(
  conn: Conn,
  actor: Actor,
  f: {
    unitId?: string | undefined;
    q?: string | undefined;
    role?: Role | undefined;
    includeInactive: boolean;
  },
  page: { page: number; pageSize: number },
) {
  let query = conn
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.unit_id')
    .where(scopeFilter(actor, 'user.read', 'org_units.path'));
  if (f.unitId) {
    // The chosen unit and everything under it.
    query = query.where(
      sql<boolean>`org_units.path <@ (select path from org_units u where u.id = ${f.unitId})`,
    );
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
    query = query.where((eb) =>
      eb.or([eb('users.display_name', 'like', like), eb('users.username', 'like', like)]),
    );
  }
  if (f.role) {
    const role = f.role;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.user_id')
          .whereRef('user_roles.user_id', '=', 'users.id')
          .where('user_roles.role', '=', role),
      ),
    );
  }
  if (!f.includeInactive) query = query.where('users.is_active', '=', true);
  const [rows, count] = await Promise.all([
    query
      .select(userColumns)
      .orderBy('org_units.path')
      .orderBy('users.username')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function rolesOf(conn: Conn, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, { role: Role; unitId: string; unitName: string }[]>();
  const rows = await conn
    .selectFrom('user_roles')
    .innerJoin('org_units', 'org_units.id', 'user_roles.unit_id')
    .select(['user_roles.user_id', 'user_roles.role', 'user_roles.unit_id', 'org_units.name'])
    .where('user_roles.user_id', 'in', userIds)
    .orderBy('org_units.path')
    .execute();
  const map = new Map<string, { role: Role; unitId: string; unitName: string }[]>();
  for (const r of rows) {
    const list = map.get(r.user_id) ?? [];
    list.push({ role: r.role as Role, unitId: r.unit_id, unitName: r.name });
    map.set(r.user_id, list);
  }
  return map;
}

export function unitPaths(conn: Conn, unitIds: string[]) {
  return conn
    .selectFrom('org_units')
    .select(['id', 'path', 'is_active'])
    .where('id', 'in', unitIds)
    .execute();
}

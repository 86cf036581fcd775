import { sql } from 'kysely';
import type { Conn } from '../../db/database.js';
import type { Actor } from '../../policy/actor.js';
import { scopeFilter } from '../../policy/policy.js';

/** ltree label for a unit: its id without dashes (labels allow only letters, digits and _ in PG 15). */
export function pathLabel(id: string): string {
  return `u${id.replace(/-/g, '')}`;
}

const unitColumns = [
  'org_units.id',
  'org_units.parent_id',
  'org_units.path',
  'org_units.depth',
  'org_units.kind',
  'org_units.name',
  'org_units.short_name',
  'org_units.division_code',
  'org_units.sort_order',
  'org_units.is_active',
  'org_units.deadline_profile',
] as const;

/** A unit by id, only if inside the actor's org.read scope. */
export function findUnitInScope(conn: Conn, actor: Actor, id: string) {
  return conn
    .selectFrom('org_units')
    .leftJoin('workstations', 'workstations.unit_id', 'org_units.id')
    .select([...unitColumns, sql<boolean>`workstations.unit_id is not null`.as('is_workstation')])
    .where('org_units.id', '=', id)
    .where(scopeFilter(actor, 'org.read', 'org_units.path'))
    .executeTakeFirst();
}

export function findUnitForUpdate(conn: Conn, id: string) {
  return conn.selectFrom('org_units').select(unitColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listUnits(
  conn: Conn,
  actor: Actor,
  f: {
    parentId?: string | undefined;
    kind?: string | undefined;
    q?: string | undefined;
    includeInactive: boolean;
  },
  page: { page: number; pageSize: number },
) {
  let query = conn
    .selectFrom('org_units')
    .leftJoin('workstations', 'workstations.unit_id', 'org_units.id')
    .where(scopeFilter(actor, 'org.read', 'org_units.path'));
  if (f.parentId) query = query.where('org_units.parent_id', '=', f.parentId);
  if (f.kind) query = query.where('org_units.kind', '=', f.kind);
  if (f.q) query = query.where('org_units.name', 'like', `%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
  if (!f.includeInactive) query = query.where('org_units.is_active', '=', true);
  const [rows, count] = await Promise.all([
    query
      .select([...unitColumns, sql<boolean>`workstations.unit_id is not null`.as('is_workstation')])
      .orderBy('org_units.depth')
      .orderBy('org_units.sort_order')
      .orderBy('org_units.name')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function ancestorsOf(conn: Conn, path: string) {
  return conn
    .selectFrom('org_units')
    .select(['id', 'name', 'kind', 'depth'])
    .where(sql<boolean>`path @> ${path}::ltree`)
    .where(sql<boolean>`path <> ${path}::ltree`)
    .orderBy('depth')
    .execute();
}

export function findWorkstation(conn: Conn, unitId: string) {
  return conn.selectFrom('workstations').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
}

export function listDutyRoster(conn: Conn, unitId: string) {
  return conn
    .selectFrom('duty_roster_entries')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('weekday')
    .orderBy('start_time')
    .execute();
}

export async function hasActiveChildren(conn: Conn, unitId: string): Promise<boolean> {
  const row = await conn
    .selectFrom('org_units')
    .select('id')
    .where('parent_id', '=', unitId)
    .where('is_active', '=', true)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/**
 * Active units of the districts the actor works in (the roots of their grants' paths), for choosing
 * where to send a case. Only names and kinds: the directory of organs is public information.
 */
export function unitDirectory(
  conn: Conn,
  actor: Actor,
  f: { kind?: string | undefined; q?: string | undefined },
) {
  const roots = [...new Set(actor.grants.map((g) => g.unitPath.split('.')[0] ?? ''))].filter(Boolean);
  let q = conn
    .selectFrom('org_units')
    .select(['id', 'parent_id as parentId', 'kind', 'name', 'depth'])
    .where('is_active', '=', true)
    .where(
      roots.length
        ? sql<boolean>`(${sql.join(
            roots.map((r) => sql`path <@ ${r}::ltree`),
            sql` or `,
          )})`
        : sql<boolean>`false`,
    );
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) q = q.where('name', 'like', `%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
  return q.orderBy('depth').orderBy('sort_order').orderBy('name').limit(2000).execute();
}

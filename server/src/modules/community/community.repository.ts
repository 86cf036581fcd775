import { sql } from 'kysely';
import type { Conn } from '../../db/database.js';
import type { Actor } from '../../policy/actor.js';
import { scopeFilter } from '../../policy/policy.js';
import { areaScope } from '../dashboard/dashboard.repository.js';
import type { MapQuery } from './community.schemas.js';
import { extentOf, type GridGeometry } from './geo.js';

/** Grid units (org units of kind grid) the actor may see (org.read), with their map data if any. */
export function listGridUnits(conn: Conn, actor: Actor, withinPath?: string) {
  let q = conn
    .selectFrom('org_units as u')
    .leftJoin('grids as g', 'g.unit_id', 'u.id')
    .leftJoin('org_units as p', 'p.id', 'u.parent_id')
    .leftJoin('org_units as pp', 'pp.id', 'p.parent_id')
    .select([
      'u.id',
      'u.name',
      'u.path',
      'u.parent_id',
      'p.name as parent_name',
      'p.kind as parent_kind',
      'pp.name as grandparent_name',
      'g.grid_type',
      'g.boundary',
      'g.centre_lng',
      'g.centre_lat',
      'g.households',
      'g.buildings',
    ])
    .where('u.kind', '=', 'grid')
    .where('u.is_active', '=', true)
    .where(scopeFilter(actor, 'org.read', 'u.path'))
    .orderBy('u.path');
  if (withinPath) q = q.where(sql<boolean>`u.path <@ ${withinPath}::ltree`);
  return q.execute();
}
export type GridUnitRow = Awaited<ReturnType<typeof listGridUnits>>[number];

export function membersOf(conn: Conn, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return conn
    .selectFrom('grid_members')
    .select(['id', 'unit_id', 'member_role', 'user_id', 'name', 'duty'])
    .where('unit_id', 'in', unitIds)
    .orderBy('unit_id')
    .orderBy(sql`member_role = 'head'`, 'desc')
    .orderBy('sort_order')
    .execute();
}

/** A grid unit by id, locked for the change (no scope: the caller checks the policy on its path). */
export function findGridUnitForUpdate(conn: Conn, id: string) {
  return conn
    .selectFrom('org_units')
    .leftJoin('grids', 'grids.unit_id', 'org_units.id')
    .select([
      'org_units.id',
      'org_units.path',
      'org_units.depth',
      'org_units.name',
      'org_units.kind',
      'grids.grid_type',
    ])
    .where('org_units.id', '=', id)
    .where('org_units.is_active', '=', true)
    .forUpdate('org_units')
    .executeTakeFirst();
}

export function findUnitPath(conn: Conn, id: string) {
  return conn.selectFrom('org_units').select(['id', 'path', 'kind']).where('id', '=', id).executeTakeFirst();
}

/** Active users by id with the path of their unit (to check members are within reach). */
export function usersWithUnits(conn: Conn, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return conn
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.unit_id')
    .select(['users.id', 'users.display_name', 'org_units.path'])
    .where('users.id', 'in', ids)
    .where('users.is_active', '=', true)
    .execute();
}

/** Creates or updates the map data of a grid; `boundary: undefined` leaves the boundary as it was. */
export async function upsertGrid(
  conn: Conn,
  unitId: string,
  v: {
    gridType?: 'grid' | 'courtyard';
    boundary?: GridGeometry | null;
    households?: number | null;
    buildings?: number | null;
  },
): Promise<void> {
  const e = v.boundary ? extentOf(v.boundary) : null;
  const geo =
    v.boundary === undefined
      ? {}
      : {
          boundary: v.boundary ? JSON.stringify(v.boundary) : null,
          min_lng: e?.minLng ?? null,
          min_lat: e?.minLat ?? null,
          max_lng: e?.maxLng ?? null,
          max_lat: e?.maxLat ?? null,
          centre_lng: e?.centreLng ?? null,
          centre_lat: e?.centreLat ?? null,
        };
  const rest = {
    ...geo,
    ...(v.gridType ? { grid_type: v.gridType } : {}),
    ...(v.households !== undefined ? { households: v.households } : {}),
    ...(v.buildings !== undefined ? { buildings: v.buildings } : {}),
  };
  await conn
    .insertInto('grids')
    .values({ unit_id: unitId, ...rest })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet({ ...rest, updated_at: sql`now()` }))
    .execute();
}

export async function replaceMembers(
  conn: Conn,
  unitId: string,
  members: { role: 'head' | 'member'; userId: string | null; name: string; duty: string | null }[],
): Promise<void> {
  await conn.deleteFrom('grid_members').where('unit_id', '=', unitId).execute();
  if (members.length === 0) return;
  await conn
    .insertInto('grid_members')
    .values(
      members.map((m, i) => ({
        unit_id: unitId,
        member_role: m.role,
        user_id: m.userId,
        name: m.name,
        duty: m.duty,
        sort_order: i,
      })),
    )
    .execute();
}

/** Grid units in the subtrees where the actor holds grid.manage, to match imported features by name. */
export function manageableGridUnits(conn: Conn, actor: Actor) {
  return conn
    .selectFrom('org_units as u')
    .innerJoin('org_units as p', 'p.id', 'u.parent_id')
    .select(['u.id', 'u.name', 'u.path', 'p.name as parent_name'])
    .where('u.kind', '=', 'grid')
    .where('u.is_active', '=', true)
    .where(scopeFilter(actor, 'grid.manage', 'u.path'))
    .execute();
}

/**
 * The cases for the map: within the actor's case scope (the case list's), newest first, with a
 * position or a location unit. Capped: a map of more points than this is read as clusters anyway.
 */
export function mapCases(conn: Conn, actor: Actor, q: MapQuery, limit: number, withinPath?: string) {
  let s = conn
    .selectFrom('cases')
    .select([
      'cases.id',
      'cases.case_no',
      'cases.title',
      'cases.risk_colour',
      'cases.matter_scope',
      'cases.status',
      'cases.category_code',
      'cases.received_at',
      'cases.latitude',
      'cases.longitude',
      'cases.location_unit_id',
    ])
    .where(areaScope(actor))
    .where('cases.risk_colour', 'in', q.colour)
    .orderBy('cases.received_at', 'desc')
    .limit(limit + 1);
  if (q.state === 'open') s = s.where('cases.is_open', '=', true);
  if (q.scope) s = s.where('cases.matter_scope', '=', q.scope);
  if (q.category) s = s.where(sql<boolean>`left(cases.category_code, 2) = ${q.category}`);
  if (withinPath) s = s.where(sql<boolean>`cases.owner_path <@ ${withinPath}::ltree`);
  return s.execute();
}

export { topCategoryNames } from '../dashboard/dashboard.repository.js';

/** The category's default 三事分流 scope, as the insert trigger computes it. */
export async function defaultMatterScope(conn: Conn, categoryCode: string): Promise<string> {
  const r = await sql<{ s: string }>`select laiban_default_matter_scope(${categoryCode}) as s`.execute(conn);
  return r.rows[0]?.s ?? 'big';
}

/**
 * Cases received in [from, to] (Shanghai dates) within the actor's case scope, counted by 三事分流
 * scope: received, still open, concluded, resolved on the spot, classified away from the default.
 */
export async function countByMatterScope(
  conn: Conn,
  actor: Actor,
  range: { from: string; to: string },
  withinPath?: string,
) {
  const r = await sql<{
    scope: string;
    received: number;
    open: number;
    on_spot: number;
    reclassified: number;
  }>`
    select cases.matter_scope as scope,
           count(*)::int as received,
           count(*) filter (where cases.is_open)::int as open,
           count(*) filter (where cases.resolved_on_spot)::int as on_spot,
           count(*) filter (where not cases.matter_scope_is_default)::int as reclassified
      from cases
     where cases.received_at >= ${`${range.from}T00:00:00+08:00`}::timestamptz
       and cases.received_at < (${`${range.to}T00:00:00+08:00`}::timestamptz + interval '1 day')
       and ${withinPath ? sql`cases.owner_path <@ ${withinPath}::ltree` : sql`true`}
       and ${areaScope(actor)}
     group by cases.matter_scope`.execute(conn);
  return r.rows;
}

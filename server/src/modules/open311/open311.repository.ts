import { sql } from 'kysely';
import type { Conn } from '../../db/database.js';

/** Public leaf categories of the active category set, each with its top-level category (the Open311 group). */
export async function listPublicServices(conn: Conn, code?: string) {
  let q = conn
    .selectFrom('categories as c')
    .innerJoin('category_sets as s', (j) => j.onRef('s.id', '=', 'c.set_id').on('s.is_active', '=', true))
    .innerJoin('categories as p', (j) =>
      j.onRef('p.set_id', '=', 'c.set_id').onRef('p.code', '=', 'c.parent_code'),
    )
    .select([
      'c.code',
      'c.name',
      'c.name_en',
      'c.default_nature',
      'p.name as group_name',
      'p.name_en as group_name_en',
    ])
    .where('c.level', '=', 2)
    .where('c.is_active', '=', true)
    .where('c.is_public', '=', true)
    .where('p.is_active', '=', true)
    .where('p.is_public', '=', true);
  if (code) q = q.where('c.code', '=', code);
  return q.orderBy('p.sort_order').orderBy('c.sort_order').orderBy('c.code').execute();
}
export type ServiceRow = Awaited<ReturnType<typeof listPublicServices>>[number];

export async function findClientByKeyHash(conn: Conn, keyHash: string) {
  return conn
    .selectFrom('open311_clients as k')
    .innerJoin('org_units as u', 'u.id', 'k.unit_id')
    .innerJoin('users', 'users.id', 'k.user_id')
    .select([
      'k.id',
      'k.name',
      'k.unit_id',
      'k.user_id',
      'k.revoked_at',
      'k.last_used_at',
      'u.path as unit_path',
      'u.is_active as unit_active',
      'users.username',
      'users.display_name',
      'users.is_active as user_active',
    ])
    .where('k.key_hash', '=', keyHash)
    .executeTakeFirst();
}

/** The district a unit lies in (the root of its path) with its administrative division code. */
export async function districtOf(conn: Conn, unitPath: string) {
  return conn
    .selectFrom('org_units')
    .select(['id', 'path', 'division_code'])
    .where(sql<boolean>`path = subpath(${unitPath}::ltree, 0, 1)`)
    .executeTakeFirst();
}

export async function findDistrictByCode(conn: Conn, code: string) {
  return conn
    .selectFrom('org_units')
    .select(['id', 'path', 'division_code'])
    .where('division_code', '=', code)
    .where('depth', '=', 0)
    .executeTakeFirst();
}

export const OPEN311_SOURCE_PREFIX = 'open311:';

export interface RequestFilter {
  ids?: string[] | undefined;
  serviceCode?: string | undefined;
  start?: Date | undefined;
  end?: Date | undefined;
  open?: boolean | undefined;
  districtPath?: string | undefined;
  limit: number;
}

/**
 * Cases submitted through Open311 — the public side: never a confidential case (an accusation
 * referred to discipline inspection does not exist here), and only the columns a citizen may see.
 */
export async function listRequests(conn: Conn, f: RequestFilter) {
  let q = conn
    .selectFrom('cases as c')
    .innerJoin('org_units as o', 'o.id', 'c.owner_unit_id')
    .leftJoin('categories as cat', (j) =>
      j.onRef('cat.set_id', '=', 'c.category_set_id').onRef('cat.code', '=', 'c.category_code'),
    )
    .select([
      'c.case_no',
      'c.status',
      'c.is_open',
      'c.category_code',
      'cat.name as category_name',
      'o.name as owner_name',
      'c.received_at',
      'c.updated_at',
      'c.due_on',
      'c.address',
      'c.latitude',
      'c.longitude',
    ])
    .where('c.source_ref', 'like', `${OPEN311_SOURCE_PREFIX}%`)
    .where('c.is_confidential', '=', false);
  if (f.ids) q = q.where('c.case_no', 'in', f.ids.length ? f.ids : ['']);
  if (f.serviceCode) q = q.where('c.category_code', '=', f.serviceCode);
  if (f.start) q = q.where('c.received_at', '>=', f.start);
  if (f.end) q = q.where('c.received_at', '<=', f.end);
  if (f.open !== undefined) q = q.where('c.is_open', '=', f.open);
  if (f.districtPath) q = q.where(sql<boolean>`c.owner_path <@ ${f.districtPath}::ltree`);
  return q.orderBy('c.received_at', 'desc').limit(f.limit).execute();
}
export type RequestRow = Awaited<ReturnType<typeof listRequests>>[number];

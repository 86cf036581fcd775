/** SQL for the matter categories (server/migrations/0003_taxonomy.sql). */
import type { Kysely } from 'kysely';
import type { Nature } from '../../../../common/src/cases.js';
import type { CategoryFlag } from '../../../../common/src/taxonomy.js';
import type { Conn } from '../../db/database.js';
import type { DB } from '../../db/types.js';
import type { Actor } from '../../policy/actor.js';

function tables(conn: Conn): Kysely<DB> {
  return conn;
}

export interface CategorySetRow {
  id: string;
  name: string;
  version: number;
}

export interface CategoryRow {
  id: string;
  set_id: string;
  code: string;
  parent_code: string | null;
  level: number;
  name: string;
  name_en: string | null;
  national_category: string | null;
  flags: string[];
  default_nature: string | null;
  is_public: boolean;
  is_active: boolean;
  sort_order: number;
}

const categoryColumns = [
  'id',
  'set_id',
  'code',
  'parent_code',
  'level',
  'name',
  'name_en',
  'national_category',
  'flags',
  'default_nature',
  'is_public',
  'is_active',
  'sort_order',
] as const;

/** The active category set, if any. */
export function findActiveSet(conn: Conn): Promise<CategorySetRow | undefined> {
  return tables(conn)
    .selectFrom('category_sets')
    .select(['id', 'name', 'version'])
    .where('is_active', '=', true)
    .executeTakeFirst();
}

/**
 * The active set, locked. Every structural change of the active set (new code, rename) takes this
 * lock first, so two administrators adding to the same group cannot pick the same next code.
 */
export function lockActiveSet(conn: Conn): Promise<CategorySetRow | undefined> {
  return tables(conn)
    .selectFrom('category_sets')
    .select(['id', 'name', 'version'])
    .where('is_active', '=', true)
    .forUpdate()
    .executeTakeFirst();
}

/** Every category of a set in display order: top levels first, each level by sort_order then code. */
export function listCategories(conn: Conn, setId: string): Promise<CategoryRow[]> {
  return tables(conn)
    .selectFrom('categories')
    .select(categoryColumns)
    .where('set_id', '=', setId)
    .orderBy('level')
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

/** One category of a set by code, active or not (e.g. to show the category a past case was filed under). */
export function findCategory(conn: Conn, setId: string, code: string): Promise<CategoryRow | undefined> {
  return tables(conn)
    .selectFrom('categories')
    .select(categoryColumns)
    .where('set_id', '=', setId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function findCategoryForUpdate(
  conn: Conn,
  setId: string,
  code: string,
): Promise<CategoryRow | undefined> {
  return tables(conn)
    .selectFrom('categories')
    .select(categoryColumns)
    .where('set_id', '=', setId)
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

/** What intake needs to know about the category a case is filed under. */
export interface ActiveCategory {
  /** The set the code belongs to; store it with the case beside the code. */
  setId: string;
  code: string;
  name: string;
  nameEn: string | null;
  parentCode: string;
  parentName: string;
  nationalCategory: string | null;
  flags: CategoryFlag[];
  defaultNature: Nature;
  isPublic: boolean;
}

/**
 * The category a new case may be filed under: an active leaf, under an active top level, of the
 * active set. Anything else (a top-level code, an inactive or unknown code) gives undefined, which
 * intake reports as a validation error on the category field.
 */
export async function findActiveCategory(conn: Conn, code: string): Promise<ActiveCategory | undefined> {
  const row = await tables(conn)
    .selectFrom('categories as c')
    .innerJoin('category_sets as s', 's.id', 'c.set_id')
    .innerJoin('categories as p', (join) =>
      join.onRef('p.set_id', '=', 'c.set_id').onRef('p.code', '=', 'c.parent_code'),
    )
    .select([
      'c.set_id',
      'c.code',
      'c.name',
      'c.name_en',
      'c.parent_code',
      'p.name as parent_name',
      'c.national_category',
      'c.flags',
      'c.default_nature',
      'c.is_public',
      'p.is_public as parent_is_public',
    ])
    .where('s.is_active', '=', true)
    .where('c.code', '=', code)
    .where('c.level', '=', 2)
    .where('c.is_active', '=', true)
    .where('p.is_active', '=', true)
    .executeTakeFirst();
  if (!row || row.parent_code === null) return undefined;
  return {
    setId: row.set_id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    parentCode: row.parent_code,
    parentName: row.parent_name,
    nationalCategory: row.national_category,
    flags: row.flags as CategoryFlag[],
    // Never null on a leaf: the categories_level_shape CHECK requires it.
    defaultNature: row.default_nature as Nature,
    isPublic: row.is_public && row.parent_is_public,
  };
}

/** The codes already used in a set (active or not): new codes are picked after them. */
export async function listCodes(conn: Conn, setId: string): Promise<string[]> {
  const rows = await tables(conn)
    .selectFrom('categories')
    .select('code')
    .where('set_id', '=', setId)
    .execute();
  return rows.map((r) => r.code);
}

/** Whether a sibling (same set, same parent, other code) already has this name. */
export async function siblingHasName(
  conn: Conn,
  setId: string,
  parentCode: string | null,
  name: string,
  exceptCode?: string,
): Promise<boolean> {
  let query = tables(conn)
    .selectFrom('categories')
    .select('code')
    .where('set_id', '=', setId)
    .where('name', '=', name);
  query =
    parentCode === null
      ? query.where('parent_code', 'is', null)
      : query.where('parent_code', '=', parentCode);
  if (exceptCode) query = query.where('code', '<>', exceptCode);
  return !!(await query.limit(1).executeTakeFirst());
}

export async function maxSiblingSortOrder(
  conn: Conn,
  setId: string,
  parentCode: string | null,
): Promise<number> {
  let query = tables(conn)
    .selectFrom('categories')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('set_id', '=', setId);
  query =
    parentCode === null
      ? query.where('parent_code', 'is', null)
      : query.where('parent_code', '=', parentCode);
  const row = await query.executeTakeFirst();
  return Number(row?.m ?? 0);
}

export interface NewCategory {
  set_id: string;
  code: string;
  parent_code: string | null;
  level: 1 | 2;
  name: string;
  name_en: string | null;
  national_category: string | null;
  flags: string[];
  default_nature: Nature | null;
  is_public: boolean;
  is_active: boolean;
  sort_order: number;
}

export async function insertCategory(conn: Conn, values: NewCategory): Promise<CategoryRow> {
  return tables(conn)
    .insertInto('categories')
    .values(values)
    .returning(categoryColumns)
    .executeTakeFirstOrThrow();
}

export interface CategoryChanges {
  name?: string;
  name_en?: string | null;
  national_category?: string | null;
  flags?: string[];
  default_nature?: Nature;
  is_public?: boolean;
  is_active?: boolean;
  sort_order?: number;
}

export async function updateCategoryRow(
  conn: Conn,
  setId: string,
  code: string,
  changes: CategoryChanges,
): Promise<CategoryRow> {
  return tables(conn)
    .updateTable('categories')
    .set(changes)
    .where('set_id', '=', setId)
    .where('code', '=', code)
    .returning(categoryColumns)
    .executeTakeFirstOrThrow();
}

/**
 * Admin event types of this module. They belong in AdminEventType of modules/audit/admin-events.ts
 * (with entity type 'category'); until they are there, this module writes its own rows into
 * admin_events, in the caller's transaction, in exactly the shape recordAdminEvent writes.
 */
export type CategoryEventType = 'category.created' | 'category.updated';

export async function recordCategoryEvent(
  conn: Conn,
  e: {
    actor: Actor;
    type: CategoryEventType;
    /** categories.id: admin_events.entity_id is a uuid, and (set_id, code) goes in the payload. */
    entityId: string;
    payload: Record<string, unknown>;
    requestId: string;
  },
): Promise<void> {
  await conn
    .insertInto('admin_events')
    .values({
      actor_id: e.actor.userId,
      actor_unit_id: e.actor.unitId,
      type: e.type,
      entity_type: 'category',
      entity_id: e.entityId,
      payload: JSON.stringify(e.payload),
      request_id: e.requestId,
    })
    .execute();
}

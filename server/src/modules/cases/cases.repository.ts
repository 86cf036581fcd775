import { type SqlBool, sql } from 'kysely';
import type { Conn } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../policy/actor.js';
import { scopeRoots } from '../../policy/policy.js';
import { caseScope } from './cases.policy.js';

/** Case numbers come from one sequence, the one place designed to survive a move to a sharded database. */
export async function nextCaseNo(conn: Conn, year: string): Promise<string> {
  const r = await sql<{ n: number }>`select nextval('case_number_seq')::int8 as n`.execute(conn);
  return `XF${year}${String(r.rows[0]?.n ?? 0).padStart(7, '0')}`;
}

export function findUnit(conn: Conn, id: string) {
  return conn
    .selectFrom('org_units')
    .select(['id', 'name', 'kind', 'path', 'parent_id', 'depth', 'is_active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A case the actor may see, or undefined (the caller answers 404). */
export function findCaseInScope(conn: Conn, actor: Actor, id: string) {
  return conn.selectFrom('cases').selectAll().where('id', '=', id).where(caseScope(actor)).executeTakeFirst();
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseInScope>>>;

/**
 * Locks a visible case row for a transition. A row held by another transaction is waited for
 * briefly (timers hold rows for milliseconds); the caller's version check then tells the second of
 * two clerks pressing at the same moment that the case changed (CASE_CONFLICT). A lock still held
 * after the wait answers CASE_CONFLICT too, rather than leaving the clerk hanging.
 */
export async function lockCaseInScope(conn: Conn, actor: Actor, id: string): Promise<CaseRow> {
  try {
    await sql`set local lock_timeout = '3s'`.execute(conn);
    const row = await conn
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', id)
      .where(caseScope(actor))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  } catch (err) {
    if ((err as { code?: string }).code === '55P03') throw new AppError('CASE_CONFLICT');
    throw err;
  }
}

/** Units of one district share the first label of their path. */
export function sameDistrict(pathA: string, pathB: string): boolean {
  return pathA.split('.')[0] === pathB.split('.')[0];
}

/** The nearest discipline-inspection body for a unit: one attached to the unit or to an ancestor. */
export async function disciplineUnitFor(conn: Conn, unitPath: string) {
  const r = await sql<{ id: string; path: string }>`
    select id, path from org_units
     where kind = 'discipline' and is_active
       and subpath(path, 0, nlevel(path) - 1) @> ${unitPath}::ltree
     order by nlevel(path) desc limit 1`.execute(conn);
  return r.rows[0];
}

export async function addCaseUnit(
  conn: Conn,
  caseId: string,
  unitId: string,
  relation: string,
): Promise<void> {
  await sql`insert into case_units (case_id, unit_id, relation, unit_path)
            select ${caseId}, id, ${relation}, path from org_units where id = ${unitId}
            on conflict do nothing`.execute(conn);
}

/** Several (unit, relation) rows in one statement. */
export async function addCaseUnits(conn: Conn, caseId: string, relations: [string, string][]): Promise<void> {
  if (relations.length === 0) return;
  await sql`insert into case_units (case_id, unit_id, relation, unit_path)
            select ${caseId}, u.id, r.relation, u.path
              from unnest(${relations.map((r) => r[0])}::uuid[], ${relations.map((r) => r[1])}::text[]) as r(unit_id, relation)
              join org_units u on u.id = r.unit_id
            on conflict do nothing`.execute(conn);
}

export function caseUnitsOf(conn: Conn, caseId: string) {
  return conn
    .selectFrom('case_units')
    .innerJoin('org_units', 'org_units.id', 'case_units.unit_id')
    .select([
      'case_units.unit_id',
      'case_units.relation',
      'case_units.unit_path',
      'org_units.name',
      'org_units.kind',
    ])
    .where('case_units.case_id', '=', caseId)
    .orderBy('case_units.added_at')
    .execute();
}

export function partiesOf(conn: Conn, caseId: string) {
  return conn
    .selectFrom('case_parties')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('sort_order')
    .execute();
}

export interface CaseFilters {
  status?: string | undefined;
  open?: boolean | undefined;
  colour?: 'green' | 'yellow' | 'red' | undefined;
  riskColour?: string | undefined;
  unitId?: string | undefined;
  categoryCode?: string | undefined;
  channel?: string | undefined;
  nature?: string | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  /** Unit paths whose work this is (owner or open task), for the to-do queue. */
  mineRoots?: string[] | undefined;
  /** Unit paths whose open supervision orders count. */
  supervisedRoots?: string[] | undefined;
}

function pathIn(column: string, roots: string[]) {
  if (roots.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(
    roots.map((r) => sql`${sql.raw(column)} <@ ${r}::ltree`),
    sql` or `,
  )})`;
}

interface Cursor {
  k: string | null;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.id !== 'string') throw new Error('bad cursor');
    return c;
  } catch {
    throw new AppError('VALIDATION_FAILED', [{ path: 'querystring.cursor', message: '分页游标无效' }]);
  }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * Cases in the actor's jurisdiction, filtered, sorted by nearest due date (open first, then the
 * rest) or by receipt, with keyset pagination so deep pages cost the same as the first.
 */
export async function listCases(
  conn: Conn,
  actor: Actor,
  f: CaseFilters,
  page: { sort: 'due' | 'received'; cursor?: string | undefined; limit: number },
  asOf: string,
) {
  const plainQueue =
    f.mineRoots &&
    f.open === true &&
    page.sort === 'due' &&
    !f.status &&
    !f.colour &&
    !f.riskColour &&
    !f.unitId &&
    !f.categoryCode &&
    !f.channel &&
    !f.nature &&
    !f.receivedFrom &&
    !f.receivedTo &&
    !f.overdue &&
    !f.q &&
    !f.supervisedRoots;
  let q = plainQueue
    ? conn
        .with(
          (cte) => cte('queue').materialized(),
          () =>
            queueCandidates(
              f.mineRoots ?? [],
              page.limit + 1,
              page.cursor ? decodeCursor(page.cursor) : undefined,
              scopeRoots(actor, 'case.read_confidential').length > 0,
            ),
        )
        .selectFrom('cases')
        .where('cases.id', 'in', sql<string>`(select id from queue)`)
        .where(caseScope(actor))
    : conn.selectFrom('cases').where(caseScope(actor));
  if (f.status) q = q.where('cases.status', '=', f.status);
  if (f.open !== undefined) q = q.where('cases.is_open', '=', f.open);
  if (f.riskColour) q = q.where('cases.risk_colour', '=', f.riskColour);
  if (f.channel) q = q.where('cases.channel', '=', f.channel);
  if (f.nature) q = q.where('cases.nature', '=', f.nature);
  if (f.categoryCode) {
    q =
      f.categoryCode.length === 2
        ? q.where('cases.category_code', 'like', `${f.categoryCode}%`)
        : q.where('cases.category_code', '=', f.categoryCode);
  }
  if (f.unitId) {
    const unitId = f.unitId;
    q = q.where(sql<SqlBool>`cases.owner_path <@ (select path from org_units where id = ${unitId})`);
  }
  if (f.receivedFrom) q = q.where('cases.received_on', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('cases.received_on', '<=', f.receivedTo);
  if (f.overdue) q = q.where('cases.is_open', '=', true).where('cases.due_on', '<', asOf);
  if (f.colour) {
    const left = sql`(cases.due_on - ${asOf}::date)`;
    const warn = sql`greatest(3, 0.2 * coalesce(cases.due_period, 0))`;
    q = q.where('cases.is_open', '=', true).where('cases.due_on', 'is not', null);
    if (f.colour === 'red') q = q.where(sql<SqlBool>`${left} < 0`);
    if (f.colour === 'yellow') q = q.where(sql<SqlBool>`${left} >= 0 and ${left} <= ${warn}`);
    if (f.colour === 'green') q = q.where(sql<SqlBool>`${left} > ${warn}`);
  }
  if (f.mineRoots) {
    const roots = f.mineRoots;
    q = q.where(
      sql<SqlBool>`(${pathIn('cases.owner_path', roots)} or exists (
        select 1 from case_assignments a join org_units u on u.id = a.unit_id
         where a.case_id = cases.id and a.status in ('assigned', 'reported') and ${pathIn('u.path', roots)}))`,
    );
  }
  if (f.supervisedRoots) {
    const roots = f.supervisedRoots;
    q = q.where(
      sql<SqlBool>`exists (select 1 from supervision_orders o join org_units u on u.id = o.target_unit_id
         where o.case_id = cases.id and o.status = 'open' and ${pathIn('u.path', roots)})`,
    );
  }
  if (f.q) {
    const like = `%${likeEscape(f.q)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('cases.case_no', '=', f.q ?? ''),
        eb('cases.title', 'like', like),
        eb('cases.address', 'like', like),
      ]),
    );
  }
  if (page.cursor) {
    const c = decodeCursor(page.cursor);
    if (page.sort === 'due') {
      q =
        c.k === null
          ? q.where(sql<SqlBool>`cases.due_on is null and cases.id > ${c.id}`)
          : q.where(
              sql<SqlBool>`(cases.due_on > ${c.k}::date or (cases.due_on = ${c.k}::date and cases.id > ${c.id}) or cases.due_on is null)`,
            );
    } else {
      q = q.where(sql<SqlBool>`(cases.received_at, cases.id) < (${c.k}::timestamptz, ${c.id}::uuid)`);
    }
  }
  const ordered =
    page.sort === 'due'
      ? q.orderBy(sql`cases.due_on asc nulls last`).orderBy('cases.id')
      : q.orderBy('cases.received_at', 'desc').orderBy('cases.id', 'desc');
  const rows = await ordered
    .innerJoin('org_units as owner', 'owner.id', 'cases.owner_unit_id')
    .select([
      'cases.id',
      'cases.case_no',
      'cases.title',
      'cases.status',
      'cases.is_open',
      'cases.channel',
      'cases.category_code',
      'cases.nature',
      'cases.risk_colour',
      'cases.received_at',
      'cases.due_on',
      'cases.due_code',
      'cases.due_period',
      'cases.person_count',
      'cases.is_group',
      'cases.is_repeat',
      'cases.owner_unit_id',
      'owner.name as owner_name',
      'cases.version',
    ])
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const items = more ? rows.slice(0, page.limit) : rows;
  const last = items[items.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor(
          page.sort === 'due'
            ? { k: last.due_on, id: last.id }
            : { k: last.received_at.toISOString(), id: last.id },
        )
      : null;
  return { items, nextCursor };
}

/**
 * The plain to-do queue of a unit subtree, one page by due date: the first rows of each owned unit
 * through the (owner_unit_id, due_on, id) index, plus cases with an open task for one of the units,
 * merged and cut to the page before any case row is read in full. A town's queue then costs a few
 * tiny index scans and one page of rows, however many cases the district holds. The outer query
 * still applies the jurisdiction check to that page; owners and task units are case units, so it
 * drops nothing in a consistent database.
 */
function queueCandidates(roots: string[], limit: number, cursor: Cursor | undefined, confidential: boolean) {
  const after = (alias: string) =>
    cursor
      ? cursor.k === null
        ? sql`and ${sql.ref(`${alias}.due_on`)} is null and ${sql.ref(`${alias}.id`)} > ${cursor.id}::uuid`
        : sql`and (${sql.ref(`${alias}.due_on`)} > ${cursor.k}::date or (${sql.ref(`${alias}.due_on`)} = ${cursor.k}::date and ${sql.ref(`${alias}.id`)} > ${cursor.id}::uuid) or ${sql.ref(`${alias}.due_on`)} is null)`
      : sql``;
  // Without the permission confidential cases cannot be in the page, so they must not take its places.
  const hidden = (alias: string) =>
    confidential ? sql`` : sql`and not ${sql.ref(`${alias}.is_confidential`)}`;
  return sql<{ id: string }>`(
    select y.id from (
      select x.id, x.due_on
        from (select id from org_units u where ${pathIn('u.path', roots)}) u
        cross join lateral (
          select c.id, c.due_on from cases c
           where c.owner_unit_id = u.id and c.is_open ${hidden('c')} ${after('c')}
           order by c.due_on asc nulls last, c.id
           limit ${limit}) x
      union
      select t.id, t.due_on from case_assignments a
        join org_units u on u.id = a.unit_id
        join cases t on t.id = a.case_id
       where a.status in ('assigned', 'reported') and ${pathIn('u.path', roots)}
         and t.is_open ${hidden('t')} ${after('t')}
    ) y
    order by y.due_on asc nulls last, y.id
    limit ${limit})`;
}

/** Earlier cases of the same person (keyed hash of ID number or phone), newest first. */
export function historyByIdentity(
  conn: Conn,
  hmacs: { id?: string[] | undefined; phone?: string[] | undefined },
) {
  return conn
    .selectFrom('case_parties as p')
    .innerJoin('cases', 'cases.id', 'p.case_id')
    .select([
      'cases.id',
      'cases.case_no',
      'cases.title',
      'cases.status',
      'cases.received_at',
      'cases.category_code',
      'cases.fingerprint',
      'cases.is_confidential',
    ])
    .where((eb) => {
      const ors = [];
      if (hmacs.id) ors.push(eb('p.id_number_hmac', 'in', hmacs.id));
      if (hmacs.phone) ors.push(eb('p.phone_hmac', 'in', hmacs.phone));
      return eb.or(ors);
    })
    .orderBy('cases.received_at', 'desc')
    .limit(50)
    .execute();
}

import { type Expression, type SqlBool, sql } from 'kysely';
import type { Conn } from '../../db/database.js';
import type { Actor } from '../../policy/actor.js';
import { scopeRoots } from '../../policy/policy.js';
import type { ISODate } from '../calendar/calendar.types.js';
import { addDays } from '../calendar/iso-date.js';
import { caseScope } from '../cases/cases.policy.js';

/** Shanghai midnight of a date as an instant: China keeps UTC+8 all year. */
const shanghaiMidnight = (d: ISODate) => `${d}T00:00:00+08:00`;

function ownerWithin(path: string | undefined): Expression<SqlBool> {
  return path ? sql<SqlBool>`cases.owner_path <@ ${path}::ltree` : sql<SqlBool>`true`;
}

function ownerIn(roots: string[]): Expression<SqlBool> {
  if (roots.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(
    roots.map((r) => sql`cases.owner_path <@ ${r}::ltree`),
    sql` or `,
  )})`;
}

/**
 * Exactly the case list's scope (caseScope), written so that aggregates stay cheap. The owner unit
 * is always one of a case's units (registration and every change of owner add it to case_units),
 * so a case whose owner lies in the actor's roots is visible without looking at case_units: the
 * first two terms only admit cases caseScope admits, and PostgreSQL evaluates an OR's terms in
 * order, so the per-case lookup in case_units runs only for cases owned outside the area (those a
 * town sent to a department, for example). Over a district that is a few percent of the cases.
 */
export function areaScope(actor: Actor): Expression<SqlBool> {
  const read = ownerIn(scopeRoots(actor, 'case.read'));
  const confidential = ownerIn(scopeRoots(actor, 'case.read_confidential'));
  return sql<SqlBool>`((not cases.is_confidential and ${read}) or (cases.is_confidential and ${confidential}) or ${caseScope(actor)})`;
}

export interface ReceivedCounts {
  month: string | null;
  top: string | null;
  channel: string | null;
  status: string | null;
  n: number;
}

/**
 * Cases received in [from, to] (Asia/Shanghai dates) within the actor's case scope, counted in one
 * pass by month, first-level category, channel and status (GROUPING SETS; a row's non-null column
 * says which set it belongs to). The period is applied to `received_at` as Shanghai midnights, so
 * the cases_received index bounds the scan; `received_on` is that same Shanghai date, so the months
 * are Shanghai months.
 */
export async function countReceived(
  conn: Conn,
  actor: Actor,
  range: { from: ISODate; to: ISODate },
  unitPath?: string,
): Promise<ReceivedCounts[]> {
  const r = await sql<ReceivedCounts>`
    select month, top, channel, status, count(*)::int as n
      from (select to_char(cases.received_on, 'YYYY-MM') as month,
                   left(cases.category_code, 2) as top,
                   cases.channel,
                   cases.status
              from cases
             where cases.received_at >= ${shanghaiMidnight(range.from)}::timestamptz
               and cases.received_at < ${shanghaiMidnight(addDays(range.to, 1))}::timestamptz
               and ${ownerWithin(unitPath)}
               and ${areaScope(actor)}) s
     group by grouping sets ((month), (top), (channel), (status))`.execute(conn);
  return r.rows;
}

export interface OpenColours {
  open: number;
  red: number;
  yellow: number;
  none: number;
}

/**
 * Open cases in scope by the colour of their nearest deadline on `asOf`, with the same thresholds
 * as the to-do summary and the queue's colour filter (yellow: due within max(3, 20 % of the period)).
 */
export async function countOpenByColour(
  conn: Conn,
  actor: Actor,
  asOf: ISODate,
  unitPath?: string,
): Promise<OpenColours> {
  const r = await sql<OpenColours>`
    select count(*)::int as open,
           count(*) filter (where cases.due_on is null)::int as none,
           count(*) filter (where cases.due_on < ${asOf}::date)::int as red,
           count(*) filter (where cases.due_on >= ${asOf}::date
                              and cases.due_on - ${asOf}::date <= greatest(3, 0.2 * coalesce(cases.due_period, 0)))::int as yellow
      from cases
     where cases.is_open and ${ownerWithin(unitPath)} and ${areaScope(actor)}`.execute(conn);
  return r.rows[0] ?? { open: 0, red: 0, yellow: 0, none: 0 };
}

/** Names of first-level categories, the active set's first (codes are read within their set). */
export function topCategoryNames(conn: Conn, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return conn
    .selectFrom('categories')
    .innerJoin('category_sets', 'category_sets.id', 'categories.set_id')
    .select(['categories.code', 'categories.name', 'categories.name_en'])
    .where('categories.level', '=', 1)
    .where('categories.code', 'in', codes)
    .orderBy('category_sets.is_active', 'desc')
    .orderBy('category_sets.version', 'desc')
    .execute();
}

export function findUnitPath(conn: Conn, id: string) {
  return conn.selectFrom('org_units').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
}

/** The cases the actor registered that the actor can still see, newest first. */
export function listRegisteredBy(conn: Conn, actor: Actor, limit: number) {
  return conn
    .selectFrom('cases')
    .select([
      'cases.id',
      'cases.case_no',
      'cases.title',
      'cases.status',
      'cases.received_at',
      'cases.address',
      'cases.latitude',
      (eb) =>
        eb
          .selectFrom('case_attachments')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('case_attachments.case_id', '=', 'cases.id')
          .as('attachment_count'),
    ])
    .where('cases.registered_by', '=', actor.userId)
    .where(caseScope(actor))
    .orderBy('cases.received_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(limit)
    .execute();
}

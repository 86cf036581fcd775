import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Actor } from '../../policy/actor.js';
import { caseScope } from '../cases/cases.policy.js';

type Conn = Kysely<DB>;

/** At most this many of the newest matches are ranked by relevance (bounded work per query). */
export const RANK_WINDOW = 1000;

export interface SearchFilters {
  isOpen?: boolean | undefined;
  categoryCode?: string | undefined;
  channel?: string | undefined;
  riskColour?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface SearchHitRow {
  id: string;
  case_no: string;
  title: string;
  facts: string;
  demands: string;
  address: string;
  status: string;
  is_open: boolean;
  channel: string;
  category_code: string;
  risk_colour: string;
  received_at: Date;
  owner_unit_id: string;
  owner_unit_name: string;
  opinion: unknown;
  rank: number;
}

/** Several plain token groups, each ANDed, ORed together: ((a & b) | (a & c) …). */
function tsqueryOf(groups: string[][]): Expression<unknown> {
  return sql`(${sql.join(
    groups.map((g) => sql`plainto_tsquery('simple', ${g.join(' ')})`),
    sql` || `,
  )})`;
}

function filtersSql(f: SearchFilters): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (f.isOpen !== undefined) parts.push(sql<SqlBool>`c.is_open = ${f.isOpen}`);
  if (f.categoryCode) parts.push(sql<SqlBool>`c.category_code like ${`${f.categoryCode}%`}`);
  if (f.channel) parts.push(sql<SqlBool>`c.channel = ${f.channel}`);
  if (f.riskColour) parts.push(sql<SqlBool>`c.risk_colour = ${f.riskColour}`);
  if (f.from) parts.push(sql<SqlBool>`c.received_on >= ${f.from}::date`);
  if (f.to) parts.push(sql<SqlBool>`c.received_on <= ${f.to}::date`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` and `)})` : sql<SqlBool>`true`;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * Full-text search in the actor's jurisdiction: jieba tokens (all must occur) in the tsvector, or
 * the query as a substring of the title or the address (pg_trgm index; three characters or more).
 * The newest RANK_WINDOW matches are ranked; `total` counts at most that many.
 */
export async function searchCases(
  db: Conn,
  actor: Actor,
  q: {
    tokens: string[];
    substring: string | null;
    filters: SearchFilters;
    sort: 'relevance' | 'date';
    limit: number;
    offset: number;
  },
): Promise<{ rows: SearchHitRow[]; total: number }> {
  const tsq = q.tokens.length ? tsqueryOf([q.tokens]) : sql`''::tsquery`;
  const textMatch: Expression<SqlBool>[] = [];
  if (q.tokens.length) textMatch.push(sql<SqlBool>`c.search_vector @@ ${tsq}`);
  if (q.substring) {
    const pat = `%${escapeLike(q.substring)}%`;
    textMatch.push(sql<SqlBool>`c.title ilike ${pat}`, sql<SqlBool>`c.address ilike ${pat}`);
  }
  if (textMatch.length === 0) return { rows: [], total: 0 };
  const titleBoost = q.substring
    ? sql`case when m.title ilike ${`%${escapeLike(q.substring)}%`} then 0.5 else 0 end`
    : sql`0`;
  const order =
    q.sort === 'date' ? sql`m.received_at desc, m.id` : sql`m.rank desc, m.received_at desc, m.id`;
  // The rank is computed on the newest RANK_WINDOW matches only (not on every match of a frequent
  // word before the limit): the CTE carries the vector, the next one ranks.
  const result = await sql<SearchHitRow & { total: number }>`
    with matched as (
      select c.id, c.received_at, c.search_vector, c.title
        from cases c
       where (${sql.join(textMatch, sql` or `)})
         and ${filtersSql(q.filters)}
         and ${caseScope(actor, 'c')}
       order by c.received_at desc
       limit ${RANK_WINDOW}
    ), ranked as (
      select m.id, m.received_at,
             ts_rank(coalesce(m.search_vector, ''::tsvector), ${tsq}) + ${titleBoost} as rank
        from matched m
    ), counted as (
      select m.*, count(*) over () as total from ranked m
       order by ${order}
       limit ${q.limit} offset ${q.offset}
    )
    select c.id, c.case_no, c.title, c.facts, c.demands, c.address, c.status, c.is_open, c.channel,
           c.category_code, c.risk_colour, c.received_at, c.owner_unit_id, u.name as owner_unit_name,
           c.opinion, m.rank::float8 as rank, m.total::int as total
      from counted m
      join cases c on c.id = m.id
      join org_units u on u.id = c.owner_unit_id
     order by ${order}`.execute(db);
  const rows = result.rows;
  return { rows, total: rows[0]?.total ?? 0 };
}

export interface CandidateRow {
  id: string;
  case_no: string;
  title: string;
  facts: string;
  demands: string;
  address: string;
  status: string;
  is_open: boolean;
  category_code: string;
  received_at: Date;
  owner_unit_id: string;
  owner_unit_name: string;
  fingerprint: string | null;
  terminated_at: Date | null;
}

/** Earlier cases in scope where one of the persons (blind index of ID number or phone) took part. */
export async function casesOfPersons(
  db: Conn,
  actor: Actor,
  hmacs: string[],
  since: Date,
  exclude: string | null,
  limit = 20,
): Promise<string[]> {
  if (hmacs.length === 0) return [];
  const rows = await db
    .selectFrom('case_parties as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select(['c.id', 'c.received_at'])
    .distinct()
    .where((eb) => eb.or([eb('p.id_number_hmac', 'in', hmacs), eb('p.phone_hmac', 'in', hmacs)]))
    .where((eb) => eb.or([eb('c.received_at', '>=', since), eb('c.terminated_at', 'is not', null)]))
    .where(caseScope(actor, 'c'))
    .$if(!!exclude, (qb) => qb.where('c.id', '!=', exclude as string))
    .orderBy('c.received_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Earlier cases in scope sharing at least two of the keywords (one when there are fewer than
 * three): a cheap, index-backed net for similar text, ranked by ts_rank, refined in Node.
 */
export async function casesWithKeywords(
  db: Conn,
  actor: Actor,
  words: string[],
  since: Date,
  exclude: string | null,
  limit = 30,
): Promise<string[]> {
  if (words.length === 0) return [];
  const groups: string[][] = [];
  if (words.length < 3) groups.push(words);
  else
    for (let i = 0; i < words.length; i++)
      for (let j = i + 1; j < words.length; j++) groups.push([words[i]!, words[j]!]);
  const tsq = tsqueryOf(groups);
  const r = await sql<{ id: string }>`
    select c.id from cases c
     where c.search_vector @@ ${tsq}
       and c.received_at >= ${since}
       and ${exclude ? sql`c.id <> ${exclude}` : sql`true`}
       and ${caseScope(actor, 'c')}
     order by ts_rank(c.search_vector, ${tsq}) desc, c.received_at desc
     limit ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}

/**
 * Earlier cases in scope whose address contains this one (pg_trgm index behind ILIKE; the
 * similarity itself is scored in Node). The `%` similarity operator is not used: on PGlite it
 * returns nothing for Chinese text with a trigram index and then stalls the engine.
 */
export async function casesAtAddress(
  db: Conn,
  actor: Actor,
  address: string,
  since: Date,
  exclude: string | null,
  limit = 20,
): Promise<string[]> {
  const core = address.replace(/\s+/g, '');
  if ([...core].length < 4) return [];
  const r = await sql<{ id: string }>`
    select c.id from cases c
     where c.address ilike ${`%${escapeLike(core)}%`}
       and c.received_at >= ${since}
       and ${exclude ? sql`c.id <> ${exclude}` : sql`true`}
       and ${caseScope(actor, 'c')}
     order by c.received_at desc
     limit ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}

export async function candidateRows(db: Conn, ids: string[]): Promise<CandidateRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('cases as c')
    .innerJoin('org_units as u', 'u.id', 'c.owner_unit_id')
    .select([
      'c.id',
      'c.case_no',
      'c.title',
      'c.facts',
      'c.demands',
      'c.address',
      'c.status',
      'c.is_open',
      'c.category_code',
      'c.received_at',
      'c.owner_unit_id',
      'u.name as owner_unit_name',
      'c.fingerprint',
      'c.terminated_at',
    ])
    .where('c.id', 'in', ids)
    .execute();
}

/** SQL of the ledger: export rows, the legacy-number lookup of imports (server/migrations/0005_ledger.sql). */
import { sql } from 'kysely';
import type { Conn } from '../../db/database.js';

/**
 * The columns an exported ledger row needs, for cases the caller already found in scope. Parties
 * come only in their stored masked form: an export never decrypts anything.
 */
export function ledgerRowsOf(conn: Conn, caseIds: string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return conn
    .selectFrom('cases as c')
    .innerJoin('org_units as fu', 'fu.id', 'c.first_unit_id')
    .innerJoin('org_units as ou', 'ou.id', 'c.owner_unit_id')
    .leftJoin('categories as cat', (j) =>
      j.onRef('cat.set_id', '=', 'c.category_set_id').onRef('cat.code', '=', 'c.category_code'),
    )
    .leftJoin('ledger_entries as le', 'le.case_id', 'c.id')
    .select([
      'c.id',
      'c.case_no',
      'c.received_at',
      'c.channel',
      'c.title',
      'c.facts',
      'c.demands',
      'c.address',
      'c.person_count',
      'c.category_code',
      'cat.name as category_name',
      'c.nature',
      'c.risk_colour',
      'c.status',
      'c.is_open',
      'c.due_on',
      'c.closed_at',
      'fu.name as first_unit_name',
      'ou.name as owner_unit_name',
      'le.ledger_no',
      sql<
        { name: string; id: string | null; phone: string | null }[] | null
      >`(select json_agg(json_build_object('name', p.name, 'id', p.id_number_masked, 'phone', p.phone_masked) order by p.sort_order)
           from case_parties p where p.case_id = c.id and p.role = 'petitioner')`.as('petitioners'),
    ])
    .where('c.id', 'in', caseIds)
    .execute();
}
export type LedgerRow = Awaited<ReturnType<typeof ledgerRowsOf>>[number];

/** Legacy numbers of a unit that are already imported, with the case each became. */
export function importedEntries(conn: Conn, unitId: string, ledgerNos: string[]) {
  if (ledgerNos.length === 0) return Promise.resolve([]);
  return conn
    .selectFrom('ledger_entries as le')
    .innerJoin('cases', 'cases.id', 'le.case_id')
    .select(['le.ledger_no', 'le.case_id', 'cases.case_no'])
    .where('le.unit_id', '=', unitId)
    .where('le.ledger_no', 'in', ledgerNos)
    .execute();
}

export async function insertEntries(
  conn: Conn,
  rows: {
    unit_id: string;
    ledger_no: string;
    case_id: string;
    import_id: string;
    imported_by: string;
  }[],
): Promise<void> {
  if (rows.length) await conn.insertInto('ledger_entries').values(rows).execute();
}

/**
 * Imports of one unit wait for each other: the second of two uploads of the same file then sees
 * the first one's lines as already imported instead of failing on the unique key.
 */
export async function lockUnitLedger(conn: Conn, unitId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`ledger:${unitId}`}, 0))`.execute(conn);
}

/** The leaf codes a ledger line may be filed under: active leaves of the active set, under active parents. */
export async function activeLeafCategories(conn: Conn) {
  return conn
    .selectFrom('categories as c')
    .innerJoin('category_sets as s', 's.id', 'c.set_id')
    .innerJoin('categories as p', (j) =>
      j.onRef('p.set_id', '=', 'c.set_id').onRef('p.code', '=', 'c.parent_code'),
    )
    .select(['c.code', 'c.name', 'p.code as parent_code', 'p.name as parent_name'])
    .where('s.is_active', '=', true)
    .where('c.level', '=', 2)
    .where('c.is_active', '=', true)
    .where('p.is_active', '=', true)
    .orderBy('c.code')
    .execute();
}

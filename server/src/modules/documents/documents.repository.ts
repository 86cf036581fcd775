import { sql } from 'kysely';
import type { Conn } from '../../db/database.js';
import type { DocumentKind } from './document-kinds.js';

/** The template in use for a kind: its highest version. */
export function currentTemplate(conn: Conn, kind: DocumentKind) {
  return conn
    .selectFrom('document_templates')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export type TemplateRow = NonNullable<Awaited<ReturnType<typeof currentTemplate>>>;

/** The current version of every kind. */
export function currentTemplates(conn: Conn) {
  return conn
    .selectFrom('document_templates as t')
    .selectAll('t')
    .where(
      't.version',
      '=',
      sql<number>`(select max(v.version) from document_templates v where v.kind = t.kind)`,
    )
    .execute();
}

export function templateVersions(conn: Conn, kind: DocumentKind) {
  return conn
    .selectFrom('document_templates')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('version', 'desc')
    .execute();
}

/**
 * The next 文号 of a unit's series in a year. Runs in the issuing transaction: the upsert locks the
 * counter row until commit, so concurrent issuers queue and each gets the next number; a rollback
 * returns the number, so a series never has gaps.
 */
export async function allocateNumber(
  conn: Conn,
  unitId: string,
  year: number,
  series: string,
): Promise<number> {
  const r = await sql<{ last_no: number }>`
    insert into document_numbers (unit_id, year, series, last_no) values (${unitId}, ${year}, ${series}, 1)
    on conflict (unit_id, year, series) do update set last_no = document_numbers.last_no + 1
    returning last_no`.execute(conn);
  return r.rows[0]!.last_no;
}

/** The version the next issue of `kind` for the case gets (the caller holds the case row lock). */
export async function nextDocumentVersion(conn: Conn, caseId: string, kind: string): Promise<number> {
  const r = await conn
    .selectFrom('case_documents')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(r?.v ?? 0) + 1;
}

export function documentsOf(conn: Conn, caseId: string) {
  return conn
    .selectFrom('case_documents as d')
    .innerJoin('org_units as u', 'u.id', 'd.issuing_unit_id')
    .leftJoin('users as p', 'p.id', 'd.issued_by')
    .select([
      'd.id',
      'd.case_id',
      'd.kind',
      'd.version',
      'd.doc_no',
      'd.title',
      'd.template_version',
      'd.fields',
      'd.issuing_unit_id',
      'd.issued_on',
      'd.storage_key',
      'd.size',
      'd.sha256',
      'd.issued_at',
      'u.name as issuing_unit_name',
      'p.display_name as issued_by_name',
    ])
    .where('d.case_id', '=', caseId)
    .orderBy('d.issued_at')
    .orderBy('d.kind')
    .orderBy('d.version')
    .execute();
}

export type DocumentRow = Awaited<ReturnType<typeof documentsOf>>[number];

/** For each event type on the case, the path of the unit that last wrote it (who took that step). */
export async function stepUnitPaths(conn: Conn, caseId: string): Promise<Map<string, string>> {
  const rows = await conn
    .selectFrom('case_events as e')
    .innerJoin('org_units as u', 'u.id', 'e.actor_unit_id')
    .select(['e.type', 'u.path'])
    .where('e.case_id', '=', caseId)
    .orderBy('e.seq')
    .execute();
  return new Map(rows.map((r) => [r.type, r.path]));
}

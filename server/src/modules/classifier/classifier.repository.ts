import { sql } from 'kysely';
import type { Conn } from '../../db/database.js';

/** Tables of category suggestion: models, routing table, recorded suggestions (0015). */

export function findActiveModelVersion(conn: Conn): Promise<{ version: string } | undefined> {
  return conn
    .selectFrom('classifier_models')
    .select('version')
    .where('is_active', '=', true)
    .executeTakeFirst();
}

export function findModel(conn: Conn, version: string) {
  return conn
    .selectFrom('classifier_models')
    .select(['version', 'model', 'labels', 'training', 'is_active', 'created_at'])
    .where('version', '=', version)
    .executeTakeFirst();
}

export function listModels(conn: Conn) {
  return conn
    .selectFrom('classifier_models')
    .select(['version', 'labels', 'training', 'is_active', 'created_at'])
    .orderBy('created_at', 'desc')
    .execute();
}

/** Stores a new model version and makes it the active one. */
export async function insertActiveModel(
  conn: Conn,
  m: { version: string; labels: string[]; model: string; training: Record<string, unknown> },
): Promise<void> {
  await conn
    .updateTable('classifier_models')
    .set({ is_active: false })
    .where('is_active', '=', true)
    .execute();
  await conn
    .insertInto('classifier_models')
    .values({ ...m, training: JSON.stringify(m.training), is_active: true })
    .execute();
}

export async function countModels(conn: Conn): Promise<number> {
  const r = await conn
    .selectFrom('classifier_models')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The unit that handles `codes` (in order of preference) for a clerk at `unitPath`: the route of
 * the nearest scope unit on the clerk's ancestor line, then the first code that has one.
 */
export async function findRoute(
  conn: Conn,
  unitPath: string,
  codes: string[],
): Promise<{ unitId: string; unitName: string; categoryCode: string } | undefined> {
  if (codes.length === 0) return undefined;
  const row = await conn
    .selectFrom('category_routes as r')
    .innerJoin('org_units as scope', 'scope.id', 'r.scope_unit_id')
    .innerJoin('org_units as u', 'u.id', 'r.unit_id')
    .select(['r.unit_id', 'u.name', 'r.category_code'])
    .where('r.category_code', 'in', codes)
    .where(sql<boolean>`${sql.ref('scope.path')} @> ${unitPath}::ltree`)
    .where('u.is_active', '=', true)
    .orderBy('scope.depth', 'desc')
    // Then the first code in the caller's order of preference.
    .orderBy(
      sql`case ${sql.ref('r.category_code')} ${sql.join(
        codes.map((c, i) => sql`when ${c} then ${i}`),
        sql` `,
      )} end`,
    )
    .executeTakeFirst();
  return row ? { unitId: row.unit_id, unitName: row.name, categoryCode: row.category_code } : undefined;
}

export async function upsertRoute(conn: Conn, scopeUnitId: string, categoryCode: string, unitId: string) {
  await conn
    .insertInto('category_routes')
    .values({ scope_unit_id: scopeUnitId, category_code: categoryCode, unit_id: unitId })
    .onConflict((oc) =>
      oc.columns(['scope_unit_id', 'category_code']).doUpdateSet({ unit_id: unitId, updated_at: new Date() }),
    )
    .execute();
}

export interface SuggestionRow {
  caseId: string;
  modelVersion: string;
  suggestedCode: string;
  suggestedLeafCode: string | null;
  confidence: number;
  alternatives: { code: string; probability: number }[];
  suggestedUnitId: string | null;
  chosenCode: string;
  outcome: 'accepted' | 'corrected';
  recordedBy: string;
}

/** Records the suggestion of a case once; returns false when one was already recorded. */
export async function insertSuggestion(conn: Conn, s: SuggestionRow): Promise<boolean> {
  const r = await conn
    .insertInto('case_category_suggestions')
    .values({
      case_id: s.caseId,
      model_version: s.modelVersion,
      suggested_code: s.suggestedCode,
      suggested_leaf_code: s.suggestedLeafCode,
      confidence: s.confidence,
      alternatives: JSON.stringify(s.alternatives),
      suggested_unit_id: s.suggestedUnitId,
      chosen_code: s.chosenCode,
      outcome: s.outcome,
      recorded_by: s.recordedBy,
    })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .returning('case_id')
    .executeTakeFirst();
  return !!r;
}

/**
 * Cases to learn from: the text and the category they were finally filed under (after any
 * correction), with whether the clerk corrected a suggestion. Confidential accusations stay out.
 */
export function trainingCases(conn: Conn) {
  return conn
    .selectFrom('cases')
    .leftJoin('case_category_suggestions as s', 's.case_id', 'cases.id')
    .select(['cases.title', 'cases.facts', 'cases.demands', 'cases.category_code', 's.outcome'])
    .where('cases.is_confidential', '=', false)
    .orderBy('cases.received_at')
    .execute();
}

/** Acceptance of suggestions per model version (how often the clerk kept the category). */
export function suggestionStats(conn: Conn) {
  return conn
    .selectFrom('case_category_suggestions')
    .select([
      'model_version',
      (eb) => eb.fn.countAll<string>().as('total'),
      (eb) => eb.fn.count<string>(sql`case when outcome = 'accepted' then 1 end`).as('accepted'),
    ])
    .groupBy('model_version')
    .execute();
}

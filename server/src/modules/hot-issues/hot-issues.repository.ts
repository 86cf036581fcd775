import { sql } from 'kysely';
import type { Conn } from '../../db/database.js';
import type { Actor } from '../../policy/actor.js';
import { caseScope } from '../cases/cases.policy.js';

export interface HotIssueSettings {
  windowDays: number;
  alertSize: number;
  minSimilarity: number;
}

const DEFAULTS: HotIssueSettings = { windowDays: 30, alertSize: 5, minSimilarity: 0.3 };

export async function hotIssueSettings(conn: Conn): Promise<HotIssueSettings> {
  const row = await conn
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'hot_issues')
    .executeTakeFirst();
  const v = (row?.value ?? {}) as Partial<HotIssueSettings>;
  return {
    windowDays: Number(v.windowDays ?? DEFAULTS.windowDays),
    alertSize: Number(v.alertSize ?? DEFAULTS.alertSize),
    minSimilarity: Number(v.minSimilarity ?? DEFAULTS.minSimilarity),
  };
}

/** At most this many cases are clustered per request (the newest). */
export const MAX_CLUSTERED_CASES = 5000;

export interface CandidateCase {
  id: string;
  case_no: string;
  title: string;
  facts: string;
  address: string;
  received_at: Date;
  person_count: number;
  owner_unit_id: string;
  owner_name: string;
  status: string;
  category_code: string;
  supports: number;
}

/**
 * Open cases, and cases received in the window, handled within `rootPath` (owner unit's subtree):
 * what hot issues are made of. Confidential accusations are never clustered (their titles would
 * show on dashboards and in notices). With an actor, only the cases the actor may read.
 */
export async function loadCandidateCases(
  conn: Conn,
  q: { rootPath: string; since: Date; actor?: Actor },
): Promise<CandidateCase[]> {
  let query = conn
    .selectFrom('cases')
    .innerJoin('org_units as owner', 'owner.id', 'cases.owner_unit_id')
    .select([
      'cases.id',
      'cases.case_no',
      'cases.title',
      'cases.facts',
      'cases.address',
      'cases.received_at',
      'cases.person_count',
      'cases.owner_unit_id',
      'owner.name as owner_name',
      'cases.status',
      'cases.category_code',
      sql<number>`(select count(*)::int from cases r where r.repeat_of_case_id = cases.id)`.as('supports'),
    ])
    .where(sql<boolean>`cases.owner_path <@ ${q.rootPath}::ltree`)
    .where('cases.is_confidential', '=', false)
    .where((eb) => eb.or([eb('cases.is_open', '=', true), eb('cases.received_at', '>=', q.since)]))
    .orderBy('cases.received_at', 'desc')
    .limit(MAX_CLUSTERED_CASES);
  if (q.actor) query = query.where(caseScope(q.actor));
  return query.execute();
}

/** Units at the top of the tree: the daily sweep clusters each one's cases. */
export function listRootUnits(conn: Conn) {
  return conn.selectFrom('org_units').select(['id', 'path']).where('parent_id', 'is', null).execute();
}

export function findAlert(conn: Conn, unitId: string, anchorCaseId: string) {
  return conn
    .selectFrom('hot_issue_alerts')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('anchor_case_id', '=', anchorCaseId)
    .executeTakeFirst();
}

export async function upsertAlert(
  conn: Conn,
  a: {
    unitId: string;
    anchorCaseId: string;
    title: string;
    size: number;
    caseIds: string[];
    raised: boolean;
  },
) {
  await conn
    .insertInto('hot_issue_alerts')
    .values({
      unit_id: a.unitId,
      anchor_case_id: a.anchorCaseId,
      title: a.title,
      size: a.size,
      case_ids: a.caseIds,
    })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'anchor_case_id']).doUpdateSet({
        title: a.title,
        size: a.size,
        case_ids: a.caseIds,
        updated_at: new Date(),
        ...(a.raised ? { raised_at: new Date() } : {}),
      }),
    )
    .execute();
}

export function alertedAnchors(conn: Conn, anchorIds: string[]) {
  if (anchorIds.length === 0) return Promise.resolve([]);
  return conn
    .selectFrom('hot_issue_alerts')
    .select(['anchor_case_id', 'raised_at', 'size'])
    .where('anchor_case_id', 'in', anchorIds)
    .execute();
}

/** Writes a hot-issue notice to each case worker holding a role at the unit itself. */
export async function writeHotIssueNotices(
  conn: Conn,
  n: { unitId: string; caseId: string; caseNo: string; text: string; params: Record<string, string> },
): Promise<number> {
  const members = await conn
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('users.id')
    .distinct()
    .where('user_roles.unit_id', '=', n.unitId)
    .where('user_roles.role', 'in', ['petition_clerk', 'workstation_staff', 'department_handler', 'leader'])
    .where('users.is_active', '=', true)
    .execute();
  if (!members.length) return 0;
  await conn
    .insertInto('notices')
    .values(
      members.map((m) => ({
        user_id: m.id,
        unit_id: n.unitId,
        kind: 'hot_issue' as const,
        case_id: n.caseId,
        case_no: n.caseNo,
        params: JSON.stringify(n.params),
        text: n.text,
      })),
    )
    .execute();
  return members.length;
}

/**
 * Claims today's sweep: true for exactly one caller per day, however many server processes run it.
 */
export async function claimDailySweep(conn: Conn, day: string): Promise<boolean> {
  const r = await conn
    .updateTable('settings')
    .set({ value: JSON.stringify(day), updated_at: new Date() })
    .where('key', '=', 'hot_issues_swept_on')
    .where(sql<boolean>`value is distinct from ${JSON.stringify(day)}::jsonb`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

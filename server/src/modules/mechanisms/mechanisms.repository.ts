import { sql } from 'kysely';
import type { Conn } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import type { MechanismKind } from './mechanisms.schemas.js';

/** SQL of the mechanism records, their members and steps, and the rosters. */

export interface NewMechanism {
  caseId: string;
  kind: MechanismKind;
  status?: 'active' | 'concluded';
  parentId?: string | null;
  details: Record<string, unknown>;
  outcome?: string | null;
  attachmentId?: string | null;
  createdBy: string;
}

export async function insertMechanism(conn: Conn, m: NewMechanism): Promise<string> {
  const row = await conn
    .insertInto('case_mechanisms')
    .values({
      case_id: m.caseId,
      kind: m.kind,
      status: m.status ?? 'active',
      parent_id: m.parentId ?? null,
      details: JSON.stringify(m.details),
      outcome: m.outcome ?? null,
      attachment_id: m.attachmentId ?? null,
      created_by: m.createdBy,
      concluded_at: m.status === 'concluded' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface NewMember {
  role: 'lead' | 'member' | 'mediator' | 'panelist' | 'expert';
  rosterId?: string | null;
  unitId?: string | null;
  name: string;
}

export async function insertMembers(
  conn: Conn,
  caseId: string,
  mechanismId: string,
  members: NewMember[],
): Promise<void> {
  if (!members.length) return;
  await conn
    .insertInto('case_mechanism_members')
    .values(
      members.map((m, i) => ({
        case_id: caseId,
        position: i,
        mechanism_id: mechanismId,
        role: m.role,
        roster_id: m.rosterId ?? null,
        unit_id: m.unitId ?? null,
        name: m.name,
      })),
    )
    .execute();
}

export async function insertStep(
  conn: Conn,
  s: {
    caseId: string;
    mechanismId: string;
    kind: string;
    occurredOn: string;
    details: Record<string, unknown>;
    attachmentId?: string | undefined;
    createdBy: string;
  },
): Promise<string> {
  const row = await conn
    .insertInto('case_mechanism_steps')
    .values({
      case_id: s.caseId,
      mechanism_id: s.mechanismId,
      kind: s.kind,
      occurred_on: s.occurredOn,
      details: JSON.stringify(s.details),
      attachment_id: s.attachmentId ?? null,
      created_by: s.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findMechanism(conn: Conn, caseId: string, id: string) {
  return conn
    .selectFrom('case_mechanisms')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export type MechanismRow = NonNullable<Awaited<ReturnType<typeof findMechanism>>>;

/** The record or 404; with `kind`, a record of another kind is 404 too. */
export async function requireMechanism(
  conn: Conn,
  caseId: string,
  id: string,
  kind?: MechanismKind | MechanismKind[],
): Promise<MechanismRow> {
  const m = await findMechanism(conn, caseId, id);
  const kinds = kind === undefined ? undefined : Array.isArray(kind) ? kind : [kind];
  if (!m || (kinds && !kinds.includes(m.kind as MechanismKind))) throw new AppError('NOT_FOUND');
  return m;
}

export function requireActive(m: MechanismRow): void {
  if (m.status !== 'active') throw new AppError('MECHANISM_CLOSED');
}

export async function updateMechanism(
  conn: Conn,
  caseId: string,
  id: string,
  set: {
    status?: 'active' | 'concluded' | 'cancelled';
    details?: Record<string, unknown>;
    outcome?: string;
    attachmentId?: string | null;
  },
): Promise<void> {
  await conn
    .updateTable('case_mechanisms')
    .set({
      ...(set.status && { status: set.status }),
      ...(set.status && set.status !== 'active' && { concluded_at: new Date() }),
      ...(set.details && { details: JSON.stringify(set.details) }),
      ...(set.outcome !== undefined && { outcome: set.outcome }),
      ...(set.attachmentId !== undefined && { attachment_id: set.attachmentId }),
    })
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .execute();
}

export function mechanismsOf(conn: Conn, caseId: string, only?: string) {
  let q = conn
    .selectFrom('case_mechanisms')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id');
  if (only) q = q.where('id', '=', only);
  return q.execute();
}

export function membersOf(conn: Conn, caseId: string) {
  return conn
    .selectFrom('case_mechanism_members as m')
    .leftJoin('mechanism_roster as r', 'r.id', 'm.roster_id')
    .select([
      'm.id',
      'm.mechanism_id',
      'm.role',
      'm.name',
      'm.roster_id',
      'm.unit_id',
      'm.opinion',
      'm.added_at',
      'r.identity',
      'r.user_id',
    ])
    .where('m.case_id', '=', caseId)
    .orderBy('m.added_at')
    .orderBy('m.position')
    .execute();
}

export function stepsOf(conn: Conn, caseId: string) {
  return conn
    .selectFrom('case_mechanism_steps')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The member row of a user on a record (through the roster entry linked to their account). */
export function membershipOf(conn: Conn, caseId: string, mechanismId: string, userId: string) {
  return conn
    .selectFrom('case_mechanism_members as m')
    .innerJoin('mechanism_roster as r', 'r.id', 'm.roster_id')
    .select(['m.id', 'm.role', 'm.name', 'm.opinion', 'm.roster_id'])
    .where('m.case_id', '=', caseId)
    .where('m.mechanism_id', '=', mechanismId)
    .where('r.user_id', '=', userId)
    .executeTakeFirst();
}

/** An attachment named by a record must belong to the same case. */
export async function requireAttachment(conn: Conn, caseId: string, id: string | undefined, path: string) {
  if (!id) return;
  const a = await conn
    .selectFrom('case_attachments')
    .select('id')
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!a) throw new AppError('VALIDATION_FAILED', [{ path, message: '附件不属于本案' }]);
}

// --- Rosters -------------------------------------------------------------------------------------

export function rosterQuery(conn: Conn) {
  return conn
    .selectFrom('mechanism_roster as r')
    .innerJoin('org_units as o', 'o.id', 'r.owner_unit_id')
    .selectAll('r')
    .select('o.name as owner_unit_name');
}
export type RosterRow = Awaited<ReturnType<ReturnType<typeof rosterQuery>['execute']>>[number];

/** Roster entries of one district (the first label of every path in it). */
export function rosterOfDistrict(conn: Conn, districtLabel: string, kind?: string) {
  let q = rosterQuery(conn)
    .where(sql<boolean>`subpath(r.owner_path, 0, 1) = ${districtLabel}::ltree`)
    .orderBy('r.level')
    .orderBy('r.name');
  if (kind) q = q.where('r.kind', '=', kind);
  return q.execute();
}

export function rosterByIds(conn: Conn, ids: string[]) {
  if (!ids.length) return Promise.resolve([] as RosterRow[]);
  return rosterQuery(conn).where('r.id', 'in', ids).execute();
}

/** Who sat on what: every record a roster entry was a member of. */
export function sittingsOf(conn: Conn, rosterId: string) {
  return conn
    .selectFrom('case_mechanism_members as m')
    .innerJoin('case_mechanisms as k', (j) =>
      j.onRef('k.case_id', '=', 'm.case_id').onRef('k.id', '=', 'm.mechanism_id'),
    )
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .select([
      'c.id as case_id',
      'c.case_no',
      'c.is_confidential',
      'k.id as mechanism_id',
      'k.kind',
      'k.status',
      'm.role',
      'm.added_at',
      'm.opinion',
    ])
    .where('m.roster_id', '=', rosterId)
    .orderBy('m.added_at', 'desc')
    .execute();
}

/** The records a signed-in member sits on (through roster entries linked to the account). */
export function memberRecordsOf(conn: Conn, userId: string) {
  return conn
    .selectFrom('case_mechanism_members as m')
    .innerJoin('mechanism_roster as r', 'r.id', 'm.roster_id')
    .innerJoin('case_mechanisms as k', (j) =>
      j.onRef('k.case_id', '=', 'm.case_id').onRef('k.id', '=', 'm.mechanism_id'),
    )
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .select([
      'c.id as case_id',
      'c.case_no',
      'c.title',
      'k.id as mechanism_id',
      'k.kind',
      'k.status',
      'm.role',
      'm.opinion',
    ])
    .where('r.user_id', '=', userId)
    .where('c.is_confidential', '=', false)
    .orderBy('m.added_at', 'desc')
    .execute();
}

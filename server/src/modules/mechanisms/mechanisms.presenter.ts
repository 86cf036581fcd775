import type { Conn } from '../../db/database.js';
import { colourOf, today } from '../cases/case-clock.js';
import {
  type MechanismRow,
  mechanismsOf,
  membersOf,
  type RosterRow,
  stepsOf,
} from './mechanisms.repository.js';
import type { MechanismKind } from './mechanisms.schemas.js';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);

export function presentRoster(r: RosterRow) {
  return {
    id: r.id,
    kind: r.kind as 'expert' | 'mediator' | 'hearing_panel',
    name: r.name,
    userId: r.user_id,
    identity: r.identity,
    expertise: r.expertise,
    level: r.level,
    workUnit: r.work_unit,
    workUnitId: r.work_unit_id,
    ownerUnitId: r.owner_unit_id,
    ownerUnitName: r.owner_unit_name,
    isActive: r.is_active,
  };
}

/**
 * The case's mechanism records with members and steps. The 司法确认 window of a mediation is shown
 * with its colour (green / yellow / red) from the case clock.
 */
export async function presentMechanisms(conn: Conn, caseId: string, only?: string) {
  const [records, members, steps, clocks] = await Promise.all([
    mechanismsOf(conn, caseId, only),
    membersOf(conn, caseId),
    stepsOf(conn, caseId),
    conn
      .selectFrom('case_deadlines')
      .select(['code', 'due_on', 'status', 'started_on', 'period'])
      .where('case_id', '=', caseId)
      .where('code', '=', 'D_JUDICIAL_CONFIRM_WINDOW')
      .orderBy('started_on')
      .execute(),
  ]);
  const asOf = today();
  return records.map((m: MechanismRow) => {
    let deadline = null;
    if (m.kind === 'mediation' && m.details.agreement) {
      // The window started on the day the agreement took effect.
      const effectiveOn = (m.details.agreement as { effectiveOn?: string }).effectiveOn;
      const d = clocks.filter((x) => x.started_on === effectiveOn).at(-1);
      if (d) {
        deadline = {
          code: d.code,
          dueOn: d.due_on,
          status: d.status,
          colour: d.status === 'running' ? colourOf(d.due_on, d.period, asOf) : null,
        };
      }
    }
    return {
      id: m.id,
      caseId: m.case_id,
      kind: m.kind as MechanismKind,
      status: m.status,
      parentId: m.parent_id,
      details: m.details,
      outcome: m.outcome,
      attachmentId: m.attachment_id,
      createdAt: iso(m.created_at),
      concludedAt: m.concluded_at ? iso(m.concluded_at) : null,
      members: members
        .filter((x) => x.mechanism_id === m.id)
        .map((x) => ({
          id: x.id,
          role: x.role,
          name: x.name,
          rosterId: x.roster_id,
          unitId: x.unit_id,
          identity: x.identity,
          hasAccount: !!x.user_id,
          opinion: x.opinion,
        })),
      steps: steps
        .filter((x) => x.mechanism_id === m.id)
        .map((x) => ({
          id: x.id,
          kind: x.kind,
          occurredOn: x.occurred_on,
          details: x.details,
          attachmentId: x.attachment_id,
          createdAt: iso(x.created_at),
        })),
      deadline,
    };
  });
}

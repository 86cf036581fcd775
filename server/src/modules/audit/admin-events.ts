import type { Conn } from '../../db/database.js';
import type { Actor } from '../../policy/actor.js';

/** Administrative event types. Past-tense verbs, like the case events. */
export type AdminEventType =
  | 'org_unit.created'
  | 'org_unit.updated'
  | 'workstation.updated'
  | 'workstation.removed'
  | 'duty_roster.replaced'
  | 'user.created'
  | 'user.updated'
  | 'user.roles_replaced'
  | 'user.password_reset'
  | 'user.unlocked'
  | 'calendar.year_loaded'
  | 'ledger.exported'
  | 'ledger.imported'
  | 'outbox.retried'
  | 'open311_client.created'
  | 'open311_client.revoked'
  | 'reception_session.published'
  | 'reception_session.cancelled'
  | 'appointment.booked'
  | 'appointment.cancelled'
  | 'appointment.attended'
  | 'appointment.no_show'
  | 'appointment.reminded'
  // resolution mechanisms (modules/mechanisms)
  | 'mechanism_roster.created'
  | 'mechanism_roster.updated'
  // community
  | 'grid.updated'
  | 'grid.boundaries_imported'
  | 'grid.courtyard_created'
  | 'assistance.created'
  | 'assistance.reviewed'
  | 'assistance.case_linked';

/** Appends an admin event; call it inside the transaction that makes the change. */
export async function recordAdminEvent(
  conn: Conn,
  e: {
    actor: Actor | null;
    type: AdminEventType;
    entityType:
      | 'org_unit'
      | 'user'
      | 'workstation'
      | 'calendar'
      | 'ledger'
      | 'case'
      | 'open311_client'
      | 'reception_session'
      | 'appointment'
      | 'mechanism_roster'
      | 'grid'
      | 'assistance';
    entityId: string;
    payload?: Record<string, unknown>;
    requestId?: string;
  },
): Promise<void> {
  await conn
    .insertInto('admin_events')
    .values({
      actor_id: e.actor?.userId ?? null,
      actor_unit_id: e.actor?.unitId ?? null,
      type: e.type,
      entity_type: e.entityType,
      entity_id: e.entityId,
      payload: JSON.stringify(e.payload ?? {}),
      request_id: e.requestId ?? null,
    })
    .execute();
}

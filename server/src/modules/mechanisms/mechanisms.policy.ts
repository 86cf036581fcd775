import type { Actor } from '../../policy/actor.js';
import { can } from '../../policy/policy.js';
import { type CaseForPolicy, canOnOwner } from '../cases/cases.policy.js';

/**
 * Who may keep a case's mechanism records.
 *
 * Managing (convening a task force, starting a mediation, a hearing or an expert review, recording
 * the agreement, the court's ruling, payments, signed papers): whoever handles the case
 * (`case.handle` over its owner unit), and the petition office above it (`case.supervise`), which
 * convenes task forces for complex cases (SCENARIOS.md S3).
 *
 * Members (mediators, hearing panellists, experts) act only on the records they sit on: a mediator
 * records consents, sessions and notices of their mediation; an expert records their own opinion.
 * They see the case read-only through that record, not through a jurisdiction.
 */
export function canManage(actor: Actor, c: CaseForPolicy): boolean {
  return canOnOwner(actor, 'case.handle', c) || canOnOwner(actor, 'case.supervise', c);
}

/** Roster administration: system administrators of the roster's unit (or above). */
export function canAdministerRoster(actor: Actor, ownerPath: string): boolean {
  return can(actor, 'org.manage', { unitPath: ownerPath });
}

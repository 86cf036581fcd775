import type { Actor } from '../../policy/actor.js';
import { can } from '../../policy/policy.js';
import { type CaseForPolicy, canOnOwner } from '../cases/cases.policy.js';
import { type DocumentKind, KIND_SPECS } from './document-kinds.js';

/**
 * Who may issue a document: the handling, deciding or reviewing side of the case's current owner
 * unit; a 督办单 needs supervision rights over it. Seeing the case is checked before (404).
 */
export function canIssue(actor: Actor, kind: DocumentKind, c: CaseForPolicy): boolean {
  if (KIND_SPECS[kind].supervise) return canOnOwner(actor, 'case.supervise', c);
  return (
    canOnOwner(actor, 'case.handle', c) ||
    canOnOwner(actor, 'case.decide', c) ||
    canOnOwner(actor, 'case.review', c)
  );
}

/** Kinds the actor may issue on the case now (the web app offers only these). */
export function issuableKinds(
  actor: Actor,
  c: CaseForPolicy,
  kinds: readonly DocumentKind[],
): DocumentKind[] {
  return kinds.filter((k) => canIssue(actor, k, c));
}

/**
 * The full dossier of an accusation (检举控告) names the reporter; only those who may unmask
 * personal data over the handling unit get it. Everyone else who sees the case gets the copy for
 * other units, with the reporter's identity removed (第30条; DOMAIN.md §1.10).
 */
export function mayExportFull(actor: Actor, c: CaseForPolicy & { nature: string }): boolean {
  if (c.nature !== 'accusation') return true;
  return canOnOwner(actor, 'case.unmask', c);
}

/** Templates are installation configuration: the system administrator edits them. */
export function canManageTemplates(actor: Actor): boolean {
  return can(actor, 'document.manage');
}

import type { Actor } from '../../policy/actor.js';
import { can } from '../../policy/policy.js';
import { type CaseForPolicy, canOnOwner } from '../cases/cases.policy.js';
import { type DocumentKind, KIND_SPECS } from './document-kinds.js';

const ISSUING_PERMISSIONS = ['case.handle', 'case.decide', 'case.review'] as const;

/**
 * Who may issue a document: the handling, deciding or reviewing side of the case's current owner
 * unit; a 督办单 needs supervision rights over it. A lifecycle document may also be issued by the
 * unit that took the decision it reports (`deciderPath`: the transferring office for its 转送单,
 * the town for its 复查意见书 after the case moved on to 复核). Seeing the case is checked before (404).
 */
export function canIssue(
  actor: Actor,
  kind: DocumentKind,
  c: CaseForPolicy,
  deciderPath?: string | null,
): boolean {
  if (KIND_SPECS[kind].supervise) {
    return (
      canOnOwner(actor, 'case.supervise', c) ||
      (!!deciderPath && canOnOwner(actor, 'case.supervise', { ...c, ownerPath: deciderPath }))
    );
  }
  const paths = [c.ownerPath, ...(deciderPath && KIND_SPECS[kind].source === 'case' ? [deciderPath] : [])];
  return paths.some((ownerPath) =>
    ISSUING_PERMISSIONS.some((p) => canOnOwner(actor, p, { ...c, ownerPath })),
  );
}

/** Kinds the actor may issue on the case now (the web app offers only these). */
export function issuableKinds(
  actor: Actor,
  c: CaseForPolicy,
  kinds: readonly DocumentKind[],
  stepPaths: Map<string, string>,
): DocumentKind[] {
  return kinds.filter((k) => {
    const steps = KIND_SPECS[k].requires ?? [];
    const decider = [...steps].map((s) => stepPaths.get(s)).find((p) => !!p) ?? null;
    return canIssue(actor, k, c, decider);
  });
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

/** Reading the templates: their editors, and staff who issue documents from them. */
export function canReadTemplates(actor: Actor): boolean {
  return can(actor, 'document.manage') || can(actor, 'case.read');
}

const EXPORT_PERMISSIONS = [
  'case.handle',
  'case.decide',
  'case.review',
  'case.archive',
  'case.supervise',
] as const;

/**
 * Who may export the dossier: staff who work on the case at one of its units (handling, deciding,
 * reviewing, archiving, supervising). Seeing a case (a grid worker's own reports) is not enough.
 */
export function mayExportDossier(actor: Actor, unitPaths: readonly string[]): boolean {
  return unitPaths.some((unitPath) => EXPORT_PERMISSIONS.some((p) => can(actor, p, { unitPath })));
}

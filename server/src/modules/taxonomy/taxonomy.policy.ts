/**
 * Who may read and change the matter categories.
 *
 * The categories are one installation-wide list, not data placed in the organisation tree, so the
 * jurisdiction rule of policy.ts ("inside a subtree where the actor holds the permission") is
 * narrowed here: reading needs the permission anywhere, changing needs it at a root of the tree.
 * A town's system administrator must not rename a category for the whole district.
 */
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../policy/actor.js';
import type { Permission } from '../../policy/permissions.js';
import { can, scopeRoots } from '../../policy/policy.js';

/** Reference data every staff role needs at intake; 'org.read' is the permission all roles hold. */
export const TAXONOMY_READ: Permission = 'org.read';
/** System administrators. Becomes 'taxonomy.manage' once permissions.ts lists it. */
export const TAXONOMY_MANAGE: Permission = 'taxonomy.manage';

export type TaxonomyAction = 'read' | 'manage';

export function canOnTaxonomy(actor: Actor, action: TaxonomyAction): boolean {
  if (action === 'read') return can(actor, TAXONOMY_READ);
  // A root unit's ltree path is a single label.
  return scopeRoots(actor, TAXONOMY_MANAGE).some((path) => !path.includes('.'));
}

/** Throws FORBIDDEN when the actor may not do this. The list itself is no secret, so never NOT_FOUND. */
export function authorizeTaxonomy(actor: Actor, action: TaxonomyAction): void {
  if (!canOnTaxonomy(actor, action)) throw new AppError('FORBIDDEN');
}

/**
 * Who may read and change deadline profiles.
 *
 * A profile version applies to every unit that uses the profile, across the installation, so
 * publishing one needs 'calendar.manage' at a root of the organisation tree (as taxonomy.policy.ts
 * does for categories): a town's administrator must not shorten the district's deadlines. Choosing
 * which profile a unit uses is placed in the tree: 'calendar.manage' over that unit, and a unit
 * outside the actor's jurisdiction answers 404.
 */
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../policy/actor.js';
import type { Permission } from '../../policy/permissions.js';
import { authorize, can, scopeRoots } from '../../policy/policy.js';

/** Everyone with a staff role may see which rules their deadlines follow. */
export const PROFILE_READ: Permission = 'org.read';
export const PROFILE_MANAGE: Permission = 'calendar.manage';

export function canPublishProfile(actor: Actor): boolean {
  // A root unit's ltree path is a single label.
  return scopeRoots(actor, PROFILE_MANAGE).some((path) => !path.includes('.'));
}

export function authorizeProfileRead(actor: Actor): void {
  if (!can(actor, PROFILE_READ)) throw new AppError('FORBIDDEN');
}

/** The list of profiles is no secret, so a refusal is FORBIDDEN, never NOT_FOUND. */
export function authorizePublishProfile(actor: Actor): void {
  if (!canPublishProfile(actor)) throw new AppError('FORBIDDEN');
}

/** NOT_FOUND for a unit outside the actor's jurisdiction, FORBIDDEN for one it may only read. */
export function authorizeAssignProfile(actor: Actor, unitPath: string): void {
  authorize(actor, PROFILE_MANAGE, { unitPath }, can(actor, PROFILE_READ, { unitPath }));
}

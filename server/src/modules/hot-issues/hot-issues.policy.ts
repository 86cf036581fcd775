import { AppError } from '../../http/errors.js';
import type { Actor } from '../../policy/actor.js';
import { can } from '../../policy/policy.js';

/**
 * Hot issues are part of the office and leader view (`dashboard.read`) of an area whose cases the
 * actor reads. A unit outside answers 404; the cases clustered are only those the actor may read.
 */
export function authorizeHotIssues(actor: Actor, unit: { path: string } | undefined): void {
  if (!can(actor, 'dashboard.read')) throw new AppError('FORBIDDEN');
  if (
    !unit ||
    !can(actor, 'dashboard.read', { unitPath: unit.path }) ||
    !can(actor, 'case.read', { unitPath: unit.path })
  )
    throw new AppError('NOT_FOUND');
}

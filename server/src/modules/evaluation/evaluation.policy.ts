/**
 * Who may see evaluation figures: holders of the office and leader view (`dashboard.read`) over
 * the unit asked for, who also read its cases. A unit outside that answers 404 (it does not exist
 * for them). Confidential cases (referred to discipline inspection, 第30条) count only for those who
 * may read them over the whole unit: figures must not reveal what the case list hides.
 */
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../policy/actor.js';
import { can } from '../../policy/policy.js';

export function authorizeFigures(
  actor: Actor,
  unit: { path: string } | undefined,
): { includeConfidential: boolean } {
  if (!can(actor, 'dashboard.read')) throw new AppError('FORBIDDEN');
  if (
    !unit ||
    !can(actor, 'dashboard.read', { unitPath: unit.path }) ||
    !can(actor, 'case.read', { unitPath: unit.path })
  )
    throw new AppError('NOT_FOUND');
  return { includeConfidential: can(actor, 'case.read_confidential', { unitPath: unit.path }) };
}

/**
 * The unit whose figures a user sees first: the widest unit over which the user holds the office
 * view. A district petition office's clerk sits in 区信访办 but answers for the whole district.
 */
export function defaultFiguresUnit(actor: Actor): string {
  const grants = actor.grants
    .filter((g) => can(actor, 'dashboard.read', { unitPath: g.unitPath }))
    .sort((a, b) => a.unitPath.split('.').length - b.unitPath.split('.').length);
  return grants[0]?.unitId ?? actor.unitId;
}

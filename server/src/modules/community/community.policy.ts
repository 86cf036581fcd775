/**
 * Who may see and change grids.
 *
 * Grids are part of the organisation tree: whoever reads a unit (org.read) sees its grids, their
 * boundaries and rosters. Changing them (boundaries, heads and members, courtyard units) needs
 * grid.manage over the grid: petition offices, workstation staff and system administrators.
 * A grid outside the actor's reach does not exist for them (404).
 */
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../policy/actor.js';
import { can } from '../../policy/policy.js';

export function canManageGrid(actor: Actor, unitPath: string): boolean {
  return can(actor, 'grid.manage', { unitPath });
}

export function authorizeManageGrid(actor: Actor, unit: { path: string } | undefined): void {
  if (!unit) throw new AppError('NOT_FOUND');
  if (canManageGrid(actor, unit.path)) return;
  throw new AppError(can(actor, 'org.read', { unitPath: unit.path }) ? 'FORBIDDEN' : 'NOT_FOUND');
}

/** The operations map shows cases: whoever reads cases somewhere opens it. */
export function authorizeMap(actor: Actor): void {
  if (!can(actor, 'case.read')) throw new AppError('FORBIDDEN');
}

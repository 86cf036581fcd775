/**
 * Who may see the figures of an area.
 *
 * The office and leader view (`dashboard.read`: petition offices and leaders) opens the page; the
 * figures themselves are counted over exactly the cases the actor's case list shows (caseScope), so
 * the chart and the queue a click opens agree. A unit asked for by id must lie where the actor
 * holds the view, otherwise it does not exist for them (404).
 */
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../policy/actor.js';
import { can } from '../../policy/policy.js';

export function authorizeAreaFigures(actor: Actor, unit?: { path: string } | undefined | null): void {
  if (!can(actor, 'dashboard.read')) throw new AppError('FORBIDDEN');
  if (unit === undefined) return;
  if (!unit || !can(actor, 'dashboard.read', { unitPath: unit.path })) throw new AppError('NOT_FOUND');
}

/** "My recent reports" belong to whoever may register matters. */
export function authorizeMyReports(actor: Actor): void {
  if (!can(actor, 'case.intake')) throw new AppError('FORBIDDEN');
}

import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { authorizeTaxonomy, canOnTaxonomy } from '../taxonomy.policy.js';
import { presentTree } from '../taxonomy.presenter.js';
import { findActiveSet, listCategories } from '../taxonomy.repository.js';

/**
 * The active category set as a two-level tree, for any staff role. Inactive categories are left
 * out unless asked for (the administration page shows them greyed out).
 */
export async function getCategoryTree(ctx: Ctx, opts: { includeInactive: boolean }) {
  authorizeTaxonomy(ctx.actor, 'read');
  const set = await findActiveSet(ctx.db);
  if (!set) throw new AppError('NOT_FOUND');
  const rows = await listCategories(ctx.db, set.id);
  return {
    setId: set.id,
    setName: set.name,
    version: set.version,
    items: presentTree(rows, opts.includeInactive),
    abilities: { manage: canOnTaxonomy(ctx.actor, 'manage') },
  };
}

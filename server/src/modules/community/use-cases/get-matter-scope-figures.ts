import { MATTER_SCOPES, type MatterScope } from '../../../../../common/src/community.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { today } from '../../cases/case-clock.js';
import { authorizeMap } from '../community.policy.js';
import { countByMatterScope, findUnitPath } from '../community.repository.js';
import type { MatterScopeFigures, MatterScopeFiguresQuery } from '../community.schemas.js';

/** 三事分流 figures of the actor's case scope (the case list's), by receipt date in Shanghai. */
export async function getMatterScopeFigures(
  ctx: Ctx,
  q: MatterScopeFiguresQuery,
): Promise<MatterScopeFigures> {
  const { db, actor } = ctx;
  authorizeMap(actor);
  let within: string | undefined;
  if (q.unitId) {
    const u = await findUnitPath(db, q.unitId);
    if (!u || !can(actor, 'case.read', { unitPath: u.path })) throw new AppError('NOT_FOUND');
    within = u.path;
  }
  const to = q.to ?? today();
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to)
    throw new AppError('VALIDATION_FAILED', [{ path: 'querystring.to', message: '结束日期须晚于开始日期' }]);
  const rows = await countByMatterScope(db, actor, { from, to }, within);
  const byScope = MATTER_SCOPES.map((scope: MatterScope) => {
    const r = rows.find((x) => x.scope === scope);
    return {
      scope,
      received: r?.received ?? 0,
      open: r?.open ?? 0,
      concluded: (r?.received ?? 0) - (r?.open ?? 0),
      onSpot: r?.on_spot ?? 0,
      reclassified: r?.reclassified ?? 0,
    };
  });
  return { from, to, total: byScope.reduce((s, x) => s + x.received, 0), byScope };
}

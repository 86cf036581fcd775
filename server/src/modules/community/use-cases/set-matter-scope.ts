import { MATTER_SCOPE_ROUTING, type MatterScope } from '../../../../../common/src/community.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { canOnOwner } from '../../cases/cases.policy.js';
import { findCaseInScope } from '../../cases/cases.repository.js';
import { OPEN_STATUSES, type Status } from '../../cases/cases.workflow.js';
import { policyView, runCommand } from '../../cases/use-cases/run-command.js';
import { defaultMatterScope } from '../community.repository.js';
import type { MatterScopeSet, MatterScopeView } from '../community.schemas.js';

/**
 * 三事分流 of an open case: whoever decides on the case where it lies (case.decide over its
 * owner) may classify it by hand, with a reason. It runs as a case action (status kept), so it is
 * in the case's hash-chained record like every other change.
 */
export async function setMatterScope(
  ctx: Ctx,
  caseId: string,
  b: MatterScopeSet,
): Promise<{ version: number }> {
  return runCommand(ctx, caseId, {
    event: 'case.matter_scope_set',
    version: b.version,
    allowedFrom: OPEN_STATUSES,
    authorize: (c) => canOnOwner(ctx.actor, 'case.decide', c),
    apply: async (s) => {
      if (s.c.matter_scope === b.scope)
        throw new AppError('VALIDATION_FAILED', [{ path: 'body.scope', message: '分流类别未改变' }]);
      const fallback = await defaultMatterScope(s.trx, s.c.category_code);
      return {
        payload: { from: s.c.matter_scope, to: b.scope, reason: b.reason },
        set: { matter_scope: b.scope, matter_scope_is_default: b.scope === fallback },
      };
    },
  });
}

/** The case's 三事分流 with the category default, the routing it suggests and whether it may change. */
export async function getMatterScope(ctx: Ctx, caseId: string): Promise<MatterScopeView> {
  const c = await findCaseInScope(ctx.db, ctx.actor, caseId);
  if (!c) throw new AppError('NOT_FOUND');
  const scope = c.matter_scope as MatterScope;
  const routing = MATTER_SCOPE_ROUTING[scope];
  return {
    scope,
    isDefault: c.matter_scope_is_default,
    defaultScope: (await defaultMatterScope(ctx.db, c.category_code)) as MatterScope,
    routing: { handledBy: routing.handledBy, commands: [...routing.commands] },
    version: c.version,
    canChange:
      OPEN_STATUSES.includes(c.status as Status) && canOnOwner(ctx.actor, 'case.decide', policyView(c, null)),
  };
}

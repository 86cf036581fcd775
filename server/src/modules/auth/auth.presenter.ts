import type { UnitKind } from '../../../../common/src/roles.js';
import type { Ctx } from '../../http/context.js';
import { PERMISSIONS } from '../../policy/permissions.js';
import { can } from '../../policy/policy.js';
import type { MeResponse } from './auth.schemas.js';

export async function presentMe(ctx: Ctx, csrfToken: string | null): Promise<MeResponse> {
  const { actor, db } = ctx;
  const unitIds = [actor.unitId, ...actor.grants.map((g) => g.unitId)];
  const units = await db
    .selectFrom('org_units')
    .select(['id', 'name', 'kind'])
    .where('id', 'in', unitIds)
    .execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const home = byId.get(actor.unitId);
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    unit: { id: actor.unitId, name: home?.name ?? '', kind: (home?.kind ?? 'district') as UnitKind },
    roles: actor.grants.map((g) => ({
      role: g.role,
      unitId: g.unitId,
      unitName: byId.get(g.unitId)?.name ?? '',
    })),
    permissions: PERMISSIONS.filter((p) => can(actor, p)),
    mustChangePassword: actor.mustChangePassword,
    csrfToken,
    sessionIdleMinutes: ctx.config.sessionIdleMinutes,
  };
}

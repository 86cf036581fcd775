import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { invalidateProfiles } from '../../cases/case-clock.js';
import { findUnitForUpdate, recordProfileEvent, setUnitProfile } from '../calendar.repository.js';
import { authorizeAssignProfile } from '../deadline-profiles.policy.js';
import { profileVersionsByCode } from './deadline-profile-versions.js';

/**
 * Sets the deadline profile a unit and its subtree use (org_units.deadline_profile; the nearest
 * ancestor naming one wins, see profileForUnit), or clears it so the unit inherits. Clocks already
 * running keep the profile they were computed with; new clocks follow the change at once.
 *
 * @throws NOT_FOUND for a unit outside the actor's jurisdiction; FORBIDDEN for one the actor may only
 *   read; VALIDATION_FAILED for a profile code that has no version.
 */
export async function assignUnitProfile(ctx: Ctx, unitId: string, profileCode: string | null): Promise<void> {
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const unit = await findUnitForUpdate(trx, unitId);
    if (!unit) throw new AppError('NOT_FOUND');
    authorizeAssignProfile(ctx.actor, unit.path);
    if (profileCode !== null && !(await profileVersionsByCode(trx)).get(profileCode)?.length)
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.profileCode', message: '没有这个期限配置' }], {
        zh: '以下内容有误，请检查：body.profileCode',
        en: 'Some fields are invalid: body.profileCode',
      });
    if (unit.deadline_profile === profileCode) return false;
    await setUnitProfile(trx, unitId, profileCode);
    await recordProfileEvent(trx, {
      actor: ctx.actor,
      type: 'deadline_profile.assigned',
      entityType: 'org_unit',
      entityId: unitId,
      payload: { before: unit.deadline_profile, after: profileCode },
      requestId: ctx.requestId,
    });
    return true;
  });
  if (changed) invalidateProfiles();
}

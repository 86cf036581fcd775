import type { Ctx } from '../../../http/context.js';
import { can, scopeFilter } from '../../../policy/policy.js';
import { today } from '../../cases/case-clock.js';
import { listProfileAssignments } from '../calendar.repository.js';
import {
  authorizeProfileRead,
  canPublishProfile,
  PROFILE_MANAGE,
  PROFILE_READ,
} from '../deadline-profiles.policy.js';
import { NATIONAL_PROFILE, pickProfileVersion } from '../deadline-rules.js';
import { profileVersionsByCode } from './deadline-profile-versions.js';

/**
 * The deadline rules page: each profile with all its versions (which one is in force today), and
 * the units of the reader's jurisdiction that name a profile (the others inherit up the tree, and
 * the national profile applies where no ancestor names one).
 */
export async function listDeadlineProfiles(ctx: Ctx) {
  authorizeProfileRead(ctx.actor);
  const [byCode, units] = await Promise.all([
    profileVersionsByCode(ctx.db),
    listProfileAssignments(ctx.db, scopeFilter(ctx.actor, PROFILE_READ, 'path')),
  ]);
  const on = today();
  const profiles = [...byCode.entries()]
    .filter(([, versions]) => versions.length > 0)
    .map(([code, versions]) => {
      const inForce = pickProfileVersion(
        versions.map((v) => v.profile),
        code,
        on,
      );
      const latest = versions[versions.length - 1]!.profile;
      return {
        code,
        name: latest.name,
        versions: versions.map(({ profile: p, stored }) => ({
          version: p.version,
          name: p.name,
          validFrom: p.validFrom,
          isBuiltin: stored === null,
          isInForce: inForce?.version === p.version,
          createdAt: stored?.createdAt.toISOString() ?? null,
          createdBy: stored?.createdBy ?? null,
          note: stored?.note ?? null,
          warnRatio: p.warnRatio,
          warnDays: p.warnDays,
          basedOn: p.basedOn,
          rules: Object.values(p.rules),
        })),
      };
    });
  return {
    profiles,
    assignments: units.map((u) => ({
      unitId: u.id,
      unitName: u.name,
      unitKind: u.kind,
      profileCode: u.deadline_profile ?? NATIONAL_PROFILE.code,
    })),
    defaultProfileCode: NATIONAL_PROFILE.code,
    abilities: { publish: canPublishProfile(ctx.actor), assign: can(ctx.actor, PROFILE_MANAGE) },
  };
}

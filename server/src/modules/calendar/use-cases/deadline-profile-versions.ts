/**
 * Every version of every deadline profile: the presets shipped in deadline-rules.ts and the versions
 * administrators published (deadline_profiles). A stored version with a preset's number wins, as in
 * findDeadlineProfile, which the case clocks use.
 */
import {
  type CalendarConn,
  listStoredProfileVersions,
  type StoredProfileVersion,
} from '../calendar.repository.js';
import { BUILTIN_PROFILES, type DeadlineProfile } from '../deadline-rules.js';

export interface ProfileVersionEntry {
  profile: DeadlineProfile;
  stored: StoredProfileVersion | null;
}

/** Versions by profile code, each list in version order; codes in preset order, then the rest. */
export async function profileVersionsByCode(conn: CalendarConn): Promise<Map<string, ProfileVersionEntry[]>> {
  const stored = await listStoredProfileVersions(conn);
  const byCode = new Map<string, ProfileVersionEntry[]>();
  for (const p of Object.values(BUILTIN_PROFILES)) {
    const shadowed = stored.some((s) => s.profile.code === p.code && s.profile.version === p.version);
    byCode.set(p.code, shadowed ? [] : [{ profile: p, stored: null }]);
  }
  for (const s of stored) {
    const list = byCode.get(s.profile.code) ?? [];
    list.push({ profile: s.profile, stored: s });
    byCode.set(s.profile.code, list);
  }
  for (const list of byCode.values()) list.sort((a, b) => a.profile.version - b.profile.version);
  return byCode;
}

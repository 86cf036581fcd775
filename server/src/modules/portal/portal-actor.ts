import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { randomToken } from '../../lib/crypto.js';
import type { Actor, RoleGrant } from '../../policy/actor.js';
import { hashPassword } from '../auth/passwords.js';

/** The service account that stands for citizens acting through the portal in the audit trail. */
export const PORTAL_USERNAME = 'portal-petitioner';
const DISPLAY_NAME = '网上信访（信访人本人）';

let cached: Promise<string> | undefined;

/**
 * Finds or creates the portal's service account. Like an Open311 client's account it holds no roles
 * and has an unknown password, so it cannot sign in; the portal lends it a grant for one call at a
 * time, over the one case whose tracking credentials were just checked.
 */
async function serviceUserId(db: Kysely<DB>, unitId: string): Promise<string> {
  const found = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', PORTAL_USERNAME)
    .executeTakeFirst();
  if (found) return found.id;
  await db
    .insertInto('users')
    .values({
      username: PORTAL_USERNAME,
      display_name: DISPLAY_NAME,
      unit_id: unitId,
      password_hash: await hashPassword(randomToken(32)),
      password_changed_at: new Date(),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', PORTAL_USERNAME)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The petitioner's stand-in for one call: the service account with the given temporary grants. */
export async function portalActor(db: Kysely<DB>, unitId: string, grants: RoleGrant[]): Promise<Actor> {
  cached ??= serviceUserId(db, unitId).catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return {
    userId: await cached,
    username: PORTAL_USERNAME,
    displayName: DISPLAY_NAME,
    unitId,
    grants,
    via: 'token',
    mustChangePassword: false,
  };
}

/** Tests run against one database per worker but reset nothing; a fresh app may need a fresh lookup. */
export function forgetPortalActor(): void {
  cached = undefined;
}

import type { Kysely } from 'kysely';
import type { Role, UnitKind } from '../../../common/src/roles.js';
import type { DB } from '../db/types.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { pathLabel } from '../modules/org/org.repository.js';
import type { Client } from './test-app.js';
import { signIn, testApp } from './test-app.js';
import { testDatabase } from './test-db.js';

export const TEST_PASSWORD = 'Test-password-2026';
let passwordHash: Promise<string> | undefined;
let seq = 0;
const uniq = () => `${process.pid.toString(36)}${Date.now().toString(36)}${(seq++).toString(36)}`;

export interface TestUnit {
  id: string;
  path: string;
  depth: number;
  name: string;
  kind: UnitKind;
}

async function db(): Promise<Kysely<DB>> {
  return (await testDatabase()).db;
}

export async function makeUnit(parent: TestUnit | null, kind: UnitKind, name?: string): Promise<TestUnit> {
  const id = crypto.randomUUID();
  const path = parent ? `${parent.path}.${pathLabel(id)}` : pathLabel(id);
  const depth = parent ? parent.depth + 1 : 0;
  const unitName = name ?? `${kind}-${uniq()}`;
  await (await db())
    .insertInto('org_units')
    .values({ id, parent_id: parent?.id ?? null, path, depth, kind, name: unitName })
    .execute();
  return { id, path, depth, name: unitName, kind };
}

export interface TestUser {
  id: string;
  username: string;
}

export async function makeUser(
  unit: TestUnit,
  roles: { role: Role; unit?: TestUnit }[] = [],
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = `u${uniq()}`;
  const d = await db();
  const row = await d
    .insertInto('users')
    .values({
      username,
      display_name: `测试用户${username.slice(-4)}`,
      unit_id: unit.id,
      password_hash: await passwordHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (roles.length) {
    await d
      .insertInto('user_roles')
      .values(roles.map((r) => ({ user_id: row.id, role: r.role, unit_id: (r.unit ?? unit).id })))
      .execute();
  }
  return { id: row.id, username };
}

export async function signInAs(user: TestUser): Promise<Client> {
  return signIn(await testApp(), user.username, TEST_PASSWORD);
}

/**
 * A small district of its own for one test file: district → town A (community A1 → grid),
 * town B, a department; an admin, a clerk per town and a grid worker.
 */
export async function makeDistrict() {
  const district = await makeUnit(null, 'district', `测试区${uniq()}`);
  const townA = await makeUnit(district, 'town', '甲镇');
  const townB = await makeUnit(district, 'town', '乙镇');
  const communityA1 = await makeUnit(townA, 'community', '甲一村');
  const gridA1 = await makeUnit(communityA1, 'grid', '第一网格');
  const department = await makeUnit(district, 'department', '住建委');
  const admin = await makeUser(district, [{ role: 'system_admin' }]);
  const clerkA = await makeUser(townA, [{ role: 'petition_clerk' }]);
  const clerkB = await makeUser(townB, [{ role: 'petition_clerk' }]);
  const gridWorker = await makeUser(gridA1, [{ role: 'grid_worker' }]);
  return { district, townA, townB, communityA1, gridA1, department, admin, clerkA, clerkB, gridWorker };
}

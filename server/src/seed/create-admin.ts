import type { Kysely } from 'kysely';
import { checkPasswordPolicy } from '../../../common/src/limits.js';
import type { DB } from '../db/types.js';
import { randomToken } from '../lib/crypto.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { pathLabel } from '../modules/org/org.repository.js';

/**
 * Creates a system administrator at the root district, creating the district first on an empty
 * installation. Without a password one is generated and returned (shown once by the CLI).
 */
export async function createAdmin(
  db: Kysely<DB>,
  input: {
    username: string;
    password?: string | undefined;
    displayName?: string | undefined;
    district?: string | undefined;
  },
): Promise<{ password: string; districtName: string }> {
  const username = input.username.toLowerCase();
  const password = input.password ?? `Lb${randomToken(12)}9`;
  if (!checkPasswordPolicy(password, username)) {
    throw new Error('密码不符合要求：至少10位，须包含字母和数字，且不能包含用户名');
  }
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    let root = await trx
      .selectFrom('org_units')
      .select(['id', 'name'])
      .where('parent_id', 'is', null)
      .where('kind', '=', 'district')
      .orderBy('created_at')
      .executeTakeFirst();
    if (!root) {
      const id = crypto.randomUUID();
      const name = input.district ?? '本区';
      await trx
        .insertInto('org_units')
        .values({ id, path: pathLabel(id), depth: 0, kind: 'district', name })
        .execute();
      root = { id, name };
    }
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (existing) throw new Error(`用户名 ${username} 已存在`);
    const user = await trx
      .insertInto('users')
      .values({
        username,
        display_name: input.displayName ?? '系统管理员',
        unit_id: root.id,
        password_hash: passwordHash,
        must_change_password: !input.password,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('user_roles')
      .values({ user_id: user.id, role: 'system_admin', unit_id: root.id })
      .execute();
    return { password, districtName: root.name };
  });
}

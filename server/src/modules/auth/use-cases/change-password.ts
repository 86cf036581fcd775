import { checkPasswordPolicy } from '../../../../../common/src/limits.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { recordAuthEvent } from '../auth.repository.js';
import { hashPassword, verifyPassword } from '../passwords.js';

/** Changes the actor's own password; the user's other sessions are signed out. */
export async function changePassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string; keepSessionHash?: string | undefined },
): Promise<void> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash'])
    .where('id', '=', ctx.actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword)))
    throw new AppError('WRONG_PASSWORD');
  if (!checkPasswordPolicy(input.newPassword, user.username) || input.newPassword === input.currentPassword) {
    throw new AppError('PASSWORD_POLICY');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    let del = trx.deleteFrom('sessions').where('user_id', '=', user.id);
    if (input.keepSessionHash) del = del.where('token_hash', '!=', input.keepSessionHash);
    await del.execute();
    await recordAuthEvent(trx, { userId: user.id, event: 'password.changed', ip: ctx.ip });
  });
}

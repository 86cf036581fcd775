import type { AnonCtx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { randomToken, sha256Hex } from '../../../lib/crypto.js';
import { findUserByUsername, recordAuthEvent } from '../auth.repository.js';
import { burnVerifyTime, verifyPassword } from '../passwords.js';

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  userId: string;
}

/**
 * Username + password sign-in with lock-out: after LOGIN_MAX_FAILURES consecutive failures the
 * account is locked for LOGIN_LOCK_MINUTES, and every attempt while locked is refused, even with
 * the right password. Every outcome is recorded in auth_events.
 */
export async function login(
  ctx: AnonCtx,
  input: { username: string; password: string; userAgent?: string | undefined },
): Promise<LoginResult> {
  const { db, config } = ctx;
  const user = await findUserByUsername(db, input.username);
  if (!user) {
    await burnVerifyTime(input.password);
    await recordAuthEvent(db, {
      userId: null,
      event: 'login.failed',
      ip: ctx.ip,
      detail: { reason: 'unknown_user' },
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const now = new Date();
  if (user.locked_until && user.locked_until > now) {
    await recordAuthEvent(db, { userId: user.id, event: 'login.refused_locked', ip: ctx.ip });
    throw new AppError('ACCOUNT_LOCKED', { lockedUntil: user.locked_until.toISOString() });
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok) {
    await db.transaction().execute(async (trx) => {
      // A lock that has run out starts a fresh count.
      const prior = user.locked_until ? 0 : user.failed_attempts;
      const attempts = prior + 1;
      const locks = attempts >= config.loginMaxFailures;
      await trx
        .updateTable('users')
        .set({
          failed_attempts: locks ? 0 : attempts,
          locked_until: locks ? new Date(now.getTime() + config.loginLockMinutes * 60_000) : null,
        })
        .where('id', '=', user.id)
        .execute();
      await recordAuthEvent(trx, {
        userId: user.id,
        event: 'login.failed',
        ip: ctx.ip,
        detail: { attempts },
      });
      if (locks) await recordAuthEvent(trx, { userId: user.id, event: 'login.locked', ip: ctx.ip });
    });
    // The same answer as for an unknown username: the response must not tell which accounts exist.
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!user.is_active) {
    await recordAuthEvent(db, { userId: user.id, event: 'login.refused_disabled', ip: ctx.ip });
    throw new AppError('ACCOUNT_DISABLED');
  }
  const sessionToken = randomToken();
  const csrfToken = randomToken(24);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_attempts: 0, locked_until: null, last_login_at: now })
      .where('id', '=', user.id)
      .execute();
    await trx
      .insertInto('sessions')
      .values({
        token_hash: sha256Hex(sessionToken),
        user_id: user.id,
        csrf_token: csrfToken,
        expires_at: new Date(now.getTime() + config.sessionMaxHours * 3_600_000),
        ip: ctx.ip ?? null,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await recordAuthEvent(trx, { userId: user.id, event: 'login.succeeded', ip: ctx.ip });
  });
  return { sessionToken, csrfToken, userId: user.id };
}

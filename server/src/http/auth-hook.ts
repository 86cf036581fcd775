import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/types.js';
import { safeEqual, sha256Hex } from '../lib/crypto.js';
import { findApiToken, findSession, loadActor, recordAuthEvent } from '../modules/auth/auth.repository.js';
import { AppError } from './errors.js';

export const SESSION_COOKIE = 'laiban_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** last_seen_at is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 30_000;
/** Routes a user who must change a temporary password may still call. */
const PASSWORD_CHANGE_ALLOWED = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

/**
 * Resolves who is calling (bearer API token or session cookie) before any /api handler runs.
 * Routes are private unless they say `config: { public: true }`. Cookie-authenticated writes must
 * echo the session's CSRF token in the X-CSRF-Token header.
 */
export function registerAuthHook(app: FastifyInstance, db: Kysely<DB>, config: Config): void {
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs') || req.routeOptions.config?.public)
      return;
    if (!req.routeOptions.url) return; // unknown route: the 404 handler answers
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const token = auth.slice(7).trim();
      const row = await findApiToken(db, sha256Hex(token));
      const now = new Date();
      if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now))
        throw new AppError('UNAUTHENTICATED');
      const actor = await loadActor(db, row.user_id, 'token');
      if (!actor) throw new AppError('UNAUTHENTICATED');
      if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
        await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
      }
      req.actor = actor;
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) throw new AppError('UNAUTHENTICATED');
    const tokenHash = sha256Hex(cookie);
    const session = await findSession(db, tokenHash);
    if (!session) {
      clearSessionCookie(reply);
      throw new AppError('UNAUTHENTICATED');
    }
    const now = new Date();
    const idleLimit = session.last_seen_at.getTime() + config.sessionIdleMinutes * 60_000;
    if (session.expires_at <= now || idleLimit <= now.getTime()) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
        await recordAuthEvent(trx, { userId: session.user_id, event: 'session.expired', ip: req.ip });
      });
      clearSessionCookie(reply);
      throw new AppError('SESSION_EXPIRED');
    }
    const actor = await loadActor(db, session.user_id, 'session');
    if (!actor) {
      // Disabling a user deletes their sessions; this covers a session that raced with it.
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
      clearSessionCookie(reply);
      throw new AppError('ACCOUNT_DISABLED');
    }
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, session.csrf_token))
        throw new AppError('CSRF_FAILED');
    }
    if (actor.mustChangePassword && !PASSWORD_CHANGE_ALLOWED.has(req.routeOptions.url)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('token_hash', '=', tokenHash)
        .execute();
    }
    req.actor = actor;
    req.session = { tokenHash, csrfToken: session.csrf_token };
  });
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    path: '/',
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

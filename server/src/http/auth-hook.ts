import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/types.js';
import { safeEqual, sha256Hex } from '../lib/crypto.js';
import { findApiToken, findSession, loadActor, recordAuthEvent } from '../modules/auth/auth.repository.js';
import type { Actor } from '../policy/actor.js';
import { AppError } from './errors.js';

export const SESSION_COOKIE = 'laiban_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** last_seen_at is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 30_000;
/** Routes a user who must change a temporary password may still call. */
const PASSWORD_CHANGE_ALLOWED = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

/**
 * Resolved sessions are kept for a few seconds so a busy clerk's burst of requests does not read the
 * session, the user and the grants again each time. Sign-out, password changes and disabling a user
 * drop the entries at once in this process (`forgetSessionsOf`); another server process notices
 * within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;
interface CachedSession {
  actor: Actor;
  userId: string;
  csrfToken: string;
  expiresAt: number;
  lastSeenAt: number;
  loadedAt: number;
}
const sessionCache = new Map<string, CachedSession>();

/** Drops cached sessions of a user (or one session) after sign-out, password change or disabling. */
export function forgetSessionsOf(userId: string, tokenHash?: string): void {
  if (tokenHash) sessionCache.delete(tokenHash);
  for (const [k, v] of sessionCache) if (v.userId === userId) sessionCache.delete(k);
}

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
    const now = new Date();
    let cached = sessionCache.get(tokenHash);
    if (!cached || now.getTime() - cached.loadedAt > SESSION_CACHE_MS) {
      sessionCache.delete(tokenHash);
      const session = await findSession(db, tokenHash);
      if (!session) {
        clearSessionCookie(reply);
        throw new AppError('UNAUTHENTICATED');
      }
      const actor = await loadActor(db, session.user_id, 'session');
      if (!actor) {
        // Disabling a user deletes their sessions; this covers a session that raced with it.
        await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
        clearSessionCookie(reply);
        throw new AppError('ACCOUNT_DISABLED');
      }
      cached = {
        actor,
        userId: session.user_id,
        csrfToken: session.csrf_token,
        expiresAt: session.expires_at.getTime(),
        lastSeenAt: session.last_seen_at.getTime(),
        loadedAt: now.getTime(),
      };
      if (sessionCache.size >= SESSION_CACHE_MAX)
        sessionCache.delete(sessionCache.keys().next().value as string);
      sessionCache.set(tokenHash, cached);
    }
    const idleLimit = cached.lastSeenAt + config.sessionIdleMinutes * 60_000;
    if (cached.expiresAt <= now.getTime() || idleLimit <= now.getTime()) {
      const userId = cached.userId;
      sessionCache.delete(tokenHash);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
        await recordAuthEvent(trx, { userId, event: 'session.expired', ip: req.ip });
      });
      clearSessionCookie(reply);
      throw new AppError('SESSION_EXPIRED');
    }
    const actor = cached.actor;
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, cached.csrfToken))
        throw new AppError('CSRF_FAILED');
    }
    if (actor.mustChangePassword && !PASSWORD_CHANGE_ALLOWED.has(req.routeOptions.url)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    if (now.getTime() - cached.lastSeenAt > TOUCH_EVERY_MS) {
      cached.lastSeenAt = now.getTime();
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('token_hash', '=', tokenHash)
        .execute();
    }
    req.actor = actor;
    req.session = { tokenHash, csrfToken: cached.csrfToken };
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

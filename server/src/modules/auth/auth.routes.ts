import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { clearSessionCookie, forgetSessionsOf, setSessionCookie } from '../../http/auth-hook.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses, okResponse } from '../../http/schemas.js';
import { presentMe } from './auth.presenter.js';
import { loadActor, recordAuthEvent } from './auth.repository.js';
import { changePasswordBody, loginBody, meResponse } from './auth.schemas.js';
import { changePassword } from './use-cases/change-password.js';
import { login } from './use-cases/login.js';

export async function authRoutes(
  fastify: FastifyInstance,
  { database, config, ctxOf }: RouteDeps,
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '登录 Sign in',
        description:
          'Sets an HttpOnly session cookie; the returned csrfToken goes in X-CSRF-Token on writes.',
        security: [],
        body: loginBody,
        response: { 200: meResponse, ...errorResponses, 423: errorResponses[401] },
      },
    },
    async (req, reply) => {
      const result = await login(
        { db: database.db, config, requestId: req.id, ip: req.ip },
        { ...req.body, userAgent: req.headers['user-agent'] },
      );
      setSessionCookie(req, reply, result.sessionToken);
      const actor = await loadActor(database.db, result.userId, 'session');
      if (!actor) throw new Error('user vanished during login');
      return presentMe({ db: database.db, config, actor, requestId: req.id, ip: req.ip }, result.csrfToken);
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: '退出登录 Sign out', response: { 200: okResponse, ...errorResponses } } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const session = req.session;
      await database.db.transaction().execute(async (trx) => {
        if (session) await trx.deleteFrom('sessions').where('token_hash', '=', session.tokenHash).execute();
        await recordAuthEvent(trx, { userId: ctx.actor.userId, event: 'logout', ip: req.ip });
      });
      forgetSessionsOf(ctx.actor.userId, session?.tokenHash);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags, summary: '当前用户 Current user', response: { 200: meResponse, ...errorResponses } } },
    async (req) => presentMe(ctxOf(req), req.session?.csrfToken ?? null),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: '修改密码 Change own password',
        body: changePasswordBody,
        response: { 200: okResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await changePassword(ctx, { ...req.body, keepSessionHash: req.session?.tokenHash });
      forgetSessionsOf(ctx.actor.userId);
      return { ok: true as const };
    },
  );
}

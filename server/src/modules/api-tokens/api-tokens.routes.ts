import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Conn } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses, idParams, okResponse, paged, pageQuery } from '../../http/schemas.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { authorize, can, scopeFilter } from '../../policy/policy.js';
import { recordAuthEvent } from '../auth/auth.repository.js';
import { findUserInScope } from '../users/users.repository.js';

const tokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  user: z.object({ id: z.uuid(), displayName: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** Tokens belong to a user (usually a service account) and act with that user's roles and scope. */
function tokensInScope(conn: Conn, ctx: Ctx) {
  return conn
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .innerJoin('org_units', 'org_units.id', 'users.unit_id')
    .where(scopeFilter(ctx.actor, 'token.manage', 'org_units.path'));
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function apiTokenRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['api-tokens'];
  const columns = [
    'api_tokens.id',
    'api_tokens.name',
    'api_tokens.prefix',
    'api_tokens.created_at',
    'api_tokens.expires_at',
    'api_tokens.last_used_at',
    'api_tokens.revoked_at',
    'users.id as user_id',
    'users.display_name',
  ] as const;
  type Row = {
    id: string;
    name: string;
    prefix: string;
    created_at: Date;
    expires_at: Date | null;
    last_used_at: Date | null;
    revoked_at: Date | null;
    user_id: string;
    display_name: string;
  };
  const present = (r: Row) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    user: { id: r.user_id, displayName: r.display_name },
    createdAt: r.created_at.toISOString(),
    expiresAt: iso(r.expires_at),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  });

  app.get(
    '/api/api-tokens',
    {
      schema: {
        tags,
        summary: '接口令牌列表 List API tokens',
        querystring: pageQuery,
        response: { 200: paged(tokenView), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      authorize(ctx.actor, 'token.manage');
      const { page, pageSize } = req.query;
      const q = tokensInScope(ctx.db, ctx);
      const [rows, count] = await Promise.all([
        q
          .select(columns)
          .orderBy('api_tokens.created_at', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(present), total: Number(count.n), page, pageSize };
    },
  );

  app.post(
    '/api/api-tokens',
    {
      schema: {
        tags,
        summary: '签发接口令牌 Issue an API token (shown once)',
        body: z.object({
          userId: z.uuid(),
          name: z.string().trim().min(1).max(100),
          expiresInDays: z.number().int().min(1).max(3650).optional(),
        }),
        response: { 201: tokenView.extend({ token: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      authorize(ctx.actor, 'token.manage');
      const user = await findUserInScope(ctx.db, ctx.actor, req.body.userId);
      if (!user || !can(ctx.actor, 'token.manage', { unitPath: user.unit_path })) {
        throw new AppError('VALIDATION_FAILED', [
          { path: 'body.userId', message: '用户不存在或不在您的管辖范围内' },
        ]);
      }
      const token = `lb_${randomToken(30)}`;
      const expiresAt = req.body.expiresInDays
        ? new Date(Date.now() + req.body.expiresInDays * 86_400_000)
        : null;
      const id = await ctx.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('api_tokens')
          .values({
            user_id: user.id,
            name: req.body.name,
            token_hash: sha256Hex(token),
            prefix: token.slice(0, 8),
            created_by: ctx.actor.userId,
            expires_at: expiresAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAuthEvent(trx, {
          userId: user.id,
          event: 'token.created',
          ip: ctx.ip,
          detail: { tokenId: row.id, by: ctx.actor.userId },
        });
        return row.id;
      });
      const row = await tokensInScope(ctx.db, ctx)
        .select(columns)
        .where('api_tokens.id', '=', id)
        .executeTakeFirstOrThrow();
      return reply.status(201).send({ ...present(row), token });
    },
  );

  app.delete(
    '/api/api-tokens/:id',
    {
      schema: {
        tags,
        summary: '吊销接口令牌 Revoke an API token',
        params: idParams,
        response: { 200: okResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await ctx.db.transaction().execute(async (trx) => {
        const row = await tokensInScope(trx, ctx)
          .select(['api_tokens.id', 'api_tokens.user_id', 'api_tokens.revoked_at'])
          .where('api_tokens.id', '=', req.params.id)
          .executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND');
        if (row.revoked_at) return;
        await trx
          .updateTable('api_tokens')
          .set({ revoked_at: new Date() })
          .where('id', '=', row.id)
          .execute();
        await recordAuthEvent(trx, {
          userId: row.user_id,
          event: 'token.revoked',
          ip: ctx.ip,
          detail: { tokenId: row.id, by: ctx.actor.userId },
        });
      });
      return { ok: true as const };
    },
  );
}

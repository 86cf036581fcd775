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
import { recordAdminEvent } from '../audit/admin-events.js';
import { hashPassword } from '../auth/passwords.js';
import { findUnit } from '../cases/cases.repository.js';

const clientView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  unit: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** Open311 clients are managed like API tokens: by who may manage integration credentials there. */
function clientsInScope(conn: Conn, ctx: Ctx) {
  return conn
    .selectFrom('open311_clients as k')
    .innerJoin('org_units as u', 'u.id', 'k.unit_id')
    .where(scopeFilter(ctx.actor, 'token.manage', 'u.path'));
}

const columns = [
  'k.id',
  'k.name',
  'k.prefix',
  'k.created_at',
  'k.last_used_at',
  'k.revoked_at',
  'u.id as unit_id',
  'u.name as unit_name',
] as const;

type Row = {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  unit_id: string;
  unit_name: string;
};

const present = (r: Row) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  unit: { id: r.unit_id, name: r.unit_name },
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

export async function open311ClientRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['open311'];

  app.get(
    '/api/open311-clients',
    {
      schema: {
        tags,
        summary: 'Open311 接入方列表 List Open311 clients',
        querystring: pageQuery,
        response: { 200: paged(clientView), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      authorize(ctx.actor, 'token.manage');
      const { page, pageSize } = req.query;
      const q = clientsInScope(ctx.db, ctx);
      const [rows, count] = await Promise.all([
        q
          .select(columns)
          .orderBy('k.created_at', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(present), total: Number(count.n), page, pageSize };
    },
  );

  app.post(
    '/api/open311-clients',
    {
      schema: {
        tags,
        summary:
          '登记 Open311 接入方并签发密钥（仅显示一次） Register an Open311 client and issue its api_key',
        body: z.object({ name: z.string().trim().min(1).max(100), unitId: z.uuid() }),
        response: { 201: clientView.extend({ apiKey: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      authorize(ctx.actor, 'token.manage');
      const unit = await findUnit(ctx.db, req.body.unitId);
      if (!unit?.is_active || !can(ctx.actor, 'token.manage', { unitPath: unit.path })) {
        throw new AppError('VALIDATION_FAILED', [
          { path: 'body.unitId', message: '受理单位不存在或不在您的管辖范围内' },
        ]);
      }
      const apiKey = `o311_${randomToken(30)}`;
      const prefix = apiKey.slice(0, 9);
      // The service account registers the client's cases; it has no roles and an unknown password,
      // so it cannot sign in or act anywhere else.
      const passwordHash = await hashPassword(randomToken(32));
      const id = await ctx.db.transaction().execute(async (trx) => {
        const user = await trx
          .insertInto('users')
          .values({
            username: `open311-${randomToken(9)
              .toLowerCase()
              .replace(/[^a-z0-9]/g, 'x')}`,
            display_name: `Open311：${req.body.name}`,
            unit_id: unit.id,
            password_hash: passwordHash,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const row = await trx
          .insertInto('open311_clients')
          .values({
            name: req.body.name,
            unit_id: unit.id,
            user_id: user.id,
            key_hash: sha256Hex(apiKey),
            prefix,
            created_by: ctx.actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAdminEvent(trx, {
          actor: ctx.actor,
          type: 'open311_client.created',
          entityType: 'open311_client',
          entityId: row.id,
          payload: { name: req.body.name, unitId: unit.id, serviceUserId: user.id },
          requestId: ctx.requestId,
        });
        return row.id;
      });
      const row = await clientsInScope(ctx.db, ctx)
        .select(columns)
        .where('k.id', '=', id)
        .executeTakeFirstOrThrow();
      return reply.status(201).send({ ...present(row), apiKey });
    },
  );

  app.delete(
    '/api/open311-clients/:id',
    {
      schema: {
        tags,
        summary: '吊销 Open311 密钥 Revoke an Open311 client',
        params: idParams,
        response: { 200: okResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await ctx.db.transaction().execute(async (trx) => {
        const row = await clientsInScope(trx, ctx)
          .select(['k.id', 'k.revoked_at'])
          .where('k.id', '=', req.params.id)
          .executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND');
        if (row.revoked_at) return;
        await trx
          .updateTable('open311_clients')
          .set({ revoked_at: new Date() })
          .where('id', '=', row.id)
          .execute();
        await recordAdminEvent(trx, {
          actor: ctx.actor,
          type: 'open311_client.revoked',
          entityType: 'open311_client',
          entityId: row.id,
          requestId: ctx.requestId,
        });
      });
      return { ok: true as const };
    },
  );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses, idParams, okResponse, paged } from '../../http/schemas.js';
import { authorize } from '../../policy/policy.js';
import { recordAdminEvent } from '../audit/admin-events.js';
import { listNotices, markAllNoticesRead, markNoticeRead } from './notices.repository.js';
import { noticesPage, noticesQuery, outboxQuery, outboxView } from './notifications.schemas.js';
import { findOutboxRowInScope, listOutbox, requeueOutboxRow } from './outbox.repository.js';

export async function notificationRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  /** Notices are for staff: someone holding no role receives none and may not act on any. */
  const staffCtx = (req: FastifyRequest) => {
    const ctx = ctxOf(req);
    if (!ctx.actor.grants.length) throw new AppError('FORBIDDEN');
    return ctx;
  };

  // Notices are addressed to one person: every query is by the caller's own user id, so another
  // person's notice simply does not exist for them (404).
  app.get(
    '/api/notices',
    {
      schema: {
        tags: ['notices'],
        summary: '我的消息 My notices (newest first, with the unread count)',
        querystring: noticesQuery,
        response: { 200: noticesPage, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = staffCtx(req);
      const { page, pageSize, unread } = req.query;
      const r = await listNotices(ctx.db, ctx.actor.userId, { page, pageSize, unreadOnly: unread });
      return {
        items: r.items.map((n) => ({
          id: n.id,
          kind: n.kind,
          caseId: n.case_id,
          caseNo: n.case_no,
          params: n.params as Record<string, string>,
          text: n.text,
          createdAt: n.created_at.toISOString(),
          readAt: n.read_at?.toISOString() ?? null,
        })),
        total: r.total,
        unread: r.unread,
        page,
        pageSize,
      };
    },
  );

  app.post(
    '/api/notices/:id/read',
    {
      schema: {
        tags: ['notices'],
        summary: '标记已读 Mark a notice read',
        params: idParams,
        response: { 200: okResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = staffCtx(req);
      if (!(await markNoticeRead(ctx.db, ctx.actor.userId, req.params.id))) throw new AppError('NOT_FOUND');
      return { ok: true as const };
    },
  );

  app.post(
    '/api/notices/read-all',
    {
      schema: {
        tags: ['notices'],
        summary: '全部标记已读 Mark all my notices read',
        response: { 200: z.object({ ok: z.literal(true), marked: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = staffCtx(req);
      return { ok: true as const, marked: await markAllNoticesRead(ctx.db, ctx.actor.userId) };
    },
  );

  app.get(
    '/api/admin/outbox',
    {
      schema: {
        tags: ['outbox'],
        summary: '消息发件箱 Notification outbox (personal data masked)',
        querystring: outboxQuery,
        response: { 200: paged(outboxView), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      authorize(ctx.actor, 'outbox.manage');
      const { page, pageSize, status, topic } = req.query;
      const r = await listOutbox(ctx.db, ctx.actor, { page, pageSize, status, topic });
      return { ...r, page, pageSize };
    },
  );

  app.post(
    '/api/admin/outbox/:id/retry',
    {
      schema: {
        tags: ['outbox'],
        summary: '重发 Put a failed or waiting message back in the queue',
        params: z.object({ id: z.coerce.number().int().min(1) }),
        response: { 200: okResponse, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      authorize(ctx.actor, 'outbox.manage');
      await ctx.db.transaction().execute(async (trx) => {
        const row = await findOutboxRowInScope(trx, ctx.actor, req.params.id);
        if (!row?.case_id) throw new AppError('NOT_FOUND');
        if (row.processed_at && row.outcome !== 'dead') throw new AppError('OUTBOX_ALREADY_SENT');
        await requeueOutboxRow(trx, row.id);
        await recordAdminEvent(trx, {
          actor: ctx.actor,
          type: 'outbox.retried',
          entityType: 'case',
          entityId: row.case_id,
          payload: { outboxId: row.id, topic: row.topic },
          requestId: ctx.requestId,
        });
      });
      return { ok: true as const };
    },
  );
}

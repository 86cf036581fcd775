import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import { can } from '../../policy/policy.js';
import { canOnOwner } from '../cases/cases.policy.js';
import { findCaseInScope } from '../cases/cases.repository.js';
import { STATUSES } from '../cases/cases.workflow.js';
import { policyView, runCommand } from '../cases/use-cases/run-command.js';
import { videoReferenceSchema } from './attachment-types.js';
import { checkAndStore, type StoredAttachment } from './check-upload.js';
import { type AttachmentStorage, LocalDiskStorage } from './storage.js';

const storedView = z.object({
  id: z.uuid(),
  name: z.string(),
  mime: z.string(),
  kind: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});

/** Reads the single file of a multipart request and stores it after checking its content. */
async function receiveFile(req: FastifyRequest, storage: AttachmentStorage): Promise<StoredAttachment> {
  const file = await req.file();
  if (!file) throw new AppError('VALIDATION_FAILED', [{ path: 'file', message: '请选择要上传的文件' }]);
  try {
    return await checkAndStore(storage, {
      stream: file.file,
      declaredName: file.filename,
      declaredMime: file.mimetype,
    });
  } finally {
    // A refused upload must still be read to the end, or the reply cannot be sent on this socket.
    file.file.resume();
  }
}

/**
 * Attachments: staged uploads for the intake form (drag and drop before the case exists), files
 * added to a case later, references to video recordings kept elsewhere, and downloads — every
 * download is recorded like any access to personal data.
 */
export async function attachmentRoutes(
  fastify: FastifyInstance,
  { ctxOf, config }: RouteDeps,
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const storage = LocalDiskStorage.inDataDir(config.dataDir);
  const tags = ['attachments'];

  app.post(
    '/api/uploads',
    {
      schema: {
        tags,
        summary: '上传附件（登记前）Upload a file for an intake form (multipart field "file")',
        consumes: ['multipart/form-data'],
        response: { 201: storedView, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      if (!can(ctx.actor, 'case.intake')) throw new AppError('FORBIDDEN');
      const stored = await receiveFile(req, storage);
      const row = await ctx.db
        .insertInto('uploads')
        .values({
          storage_key: stored.key,
          original_name: stored.originalName,
          mime: stored.mime,
          kind: stored.kind,
          size: stored.size,
          sha256: stored.sha256,
          uploaded_by: ctx.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return reply.status(201).send({
        id: row.id,
        name: stored.originalName,
        mime: stored.mime,
        kind: stored.kind,
        size: stored.size,
        sha256: stored.sha256,
      });
    },
  );

  const addToCase = async (
    ctx: Ctx,
    caseId: string,
    values: Record<string, unknown>,
    payload: Record<string, unknown>,
  ) => {
    await runCommand(ctx, caseId, {
      event: 'case.attachment_added',
      allowedFrom: STATUSES.filter((s) => s !== 'archived'),
      authorize: (c) => canOnOwner(ctx.actor, 'case.handle', c) || canOnOwner(ctx.actor, 'case.intake', c),
      apply: async (s) => {
        const row = await s.trx
          .insertInto('case_attachments')
          .values({
            case_id: caseId,
            is_confidential: s.c.is_confidential,
            uploaded_by: ctx.actor.userId,
            ...values,
          } as never)
          .returning('id')
          .executeTakeFirstOrThrow();
        return { payload: { attachmentId: row.id, ...payload }, keepVersion: true };
      },
    });
  };

  app.post(
    '/api/cases/:id/attachments',
    {
      schema: {
        tags,
        summary: '补充附件 Add a file to a case (multipart field "file")',
        consumes: ['multipart/form-data'],
        params: z.object({ id: z.uuid() }),
        response: { 201: storedView.omit({ id: true }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const c = await findCaseInScope(ctx.db, ctx.actor, req.params.id);
      if (!c) throw new AppError('NOT_FOUND');
      if (!canOnOwner(ctx.actor, 'case.handle', policyView(c, null))) throw new AppError('FORBIDDEN');
      const stored = await receiveFile(req, storage);
      await addToCase(
        ctx,
        c.id,
        {
          kind: stored.kind,
          storage_key: stored.key,
          original_name: stored.originalName,
          mime: stored.mime,
          size: stored.size,
          sha256: stored.sha256,
        },
        { name: stored.originalName, kind: stored.kind, size: stored.size, sha256: stored.sha256 },
      );
      return reply.status(201).send({
        name: stored.originalName,
        mime: stored.mime,
        kind: stored.kind,
        size: stored.size,
        sha256: stored.sha256,
      });
    },
  );

  app.post(
    '/api/cases/:id/video-references',
    {
      schema: {
        tags,
        summary: '登记录像存放位置 Reference a video recording stored elsewhere',
        params: z.object({ id: z.uuid() }),
        body: videoReferenceSchema,
        response: { 201: z.object({ ok: z.literal(true) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await addToCase(
        ctx,
        req.params.id,
        {
          kind: 'video_reference',
          video_url: req.body.url,
          description: req.body.description,
          original_name: req.body.description,
        },
        { kind: 'video_reference', url: req.body.url },
      );
      return reply.status(201).send({ ok: true as const });
    },
  );

  app.get(
    '/api/cases/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: '下载附件 Download an attachment (recorded)',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
        querystring: z.object({ inline: z.enum(['0', '1']).optional() }),
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const c = await findCaseInScope(ctx.db, ctx.actor, req.params.id);
      if (!c) throw new AppError('NOT_FOUND');
      const a = await ctx.db
        .selectFrom('case_attachments')
        .selectAll()
        .where('case_id', '=', c.id)
        .where('id', '=', req.params.attachmentId)
        .executeTakeFirst();
      if (!a?.storage_key) throw new AppError('NOT_FOUND');
      await ctx.db
        .insertInto('personal_data_access')
        .values({
          user_id: ctx.actor.userId,
          unit_id: ctx.actor.unitId,
          case_id: c.id,
          action: 'download',
          fields: [`attachment:${a.id}`],
          ip: req.ip,
        })
        .execute();
      const stream = await storage.get(a.storage_key);
      const inline = req.query.inline === '1';
      return (
        reply
          .header('content-type', a.mime ?? 'application/octet-stream')
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .header(
            'content-disposition',
            `${inline ? 'inline' : 'attachment'}; filename="download"; filename*=UTF-8''${encodeURIComponent(a.original_name)}`,
          )
          // The file streams as stored; the response schemas describe only the error cases.
          .send(stream as never)
      );
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import { caseUnitsOf, findCaseInScope } from '../cases/cases.repository.js';
import { policyView } from '../cases/use-cases/run-command.js';
import { DOCUMENT_KINDS, KIND_SPECS } from './document-kinds.js';
import { documentStorage } from './document-storage.js';
import { issuableKinds, mayExportDossier, mayExportFull } from './documents.policy.js';
import { currentTemplates, documentsOf, stepUnitPaths } from './documents.repository.js';
import {
  documentList,
  dossierQuery,
  draftView,
  issueBody,
  issuedView,
  kindSchema,
  templateBody,
  templateView,
} from './documents.schemas.js';
import { exportDossier } from './use-cases/export-dossier.js';
import { draftDocument, issueDocumentFor } from './use-cases/issue-document.js';
import { listTemplates, saveTemplate, templateHistory } from './use-cases/templates.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** RFC 6266 / 5987: an ASCII fallback name, and the Chinese one for every browser that reads filename*. */
function attachment(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** 文书: templates (admin), issuing and listing a case's documents, downloads and the dossier ZIP. */
export async function documentRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  const caseParams = z.object({ id: z.uuid() });

  app.get(
    '/api/document-templates',
    {
      schema: {
        tags,
        summary: '文书模板 The templates in use, one per document kind',
        response: { 200: z.object({ items: z.array(templateView) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listTemplates(ctxOf(req)) }),
  );

  app.get(
    '/api/document-templates/:kind',
    {
      schema: {
        tags,
        summary: '模板版本 Every version of one template, newest first',
        params: z.object({ kind: kindSchema }),
        response: { 200: z.object({ items: z.array(templateView) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await templateHistory(ctxOf(req), req.params.kind) }),
  );

  app.put(
    '/api/document-templates/:kind',
    {
      schema: {
        tags,
        summary: '修改模板 Save a template edit as its next version (system administrator)',
        description:
          'Placeholders are written {{name}}; one paragraph per line; a line starting with "一、" is a ' +
          'heading in 黑体. Documents already issued keep the version they were rendered from.',
        params: z.object({ kind: kindSchema }),
        body: templateBody,
        response: { 200: templateView, ...errorResponses },
      },
    },
    async (req) => saveTemplate(ctxOf(req), req.params.kind, req.body),
  );

  app.get(
    '/api/cases/:id/documents',
    {
      schema: {
        tags,
        summary: '案件文书 Documents issued for a case, and the kinds the actor may issue',
        params: caseParams,
        response: { 200: documentList, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const c = await findCaseInScope(ctx.db, ctx.actor, req.params.id);
      if (!c) throw new AppError('NOT_FOUND');
      const [docs, templates, stepPaths, units] = await Promise.all([
        documentsOf(ctx.db, c.id),
        currentTemplates(ctx.db),
        stepUnitPaths(ctx.db, c.id),
        caseUnitsOf(ctx.db, c.id),
      ]);
      const nameOf = (k: string) => templates.find((t) => t.kind === k)?.name ?? k;
      const view = policyView(c, null);
      return {
        items: docs.map((d) => ({
          id: d.id,
          kind: d.kind as (typeof DOCUMENT_KINDS)[number],
          name: nameOf(d.kind),
          version: d.version,
          docNo: d.doc_no,
          title: d.title,
          issuingUnit: d.issuing_unit_name,
          issuedBy: d.issued_by_name,
          issuedOn: d.issued_on,
          issuedAt: new Date(d.issued_at).toISOString(),
          size: Number(d.size),
          sha256: d.sha256,
        })),
        kinds:
          c.status === 'archived'
            ? []
            : issuableKinds(ctx.actor, view, DOCUMENT_KINDS, stepPaths).map((kind) => ({
                kind,
                name: nameOf(kind),
                source: KIND_SPECS[kind].source,
              })),
        canExport: mayExportDossier(
          ctx.actor,
          units.map((u) => u.unit_path),
        ),
        canExportFull: mayExportFull(ctx.actor, { ...view, nature: c.nature }),
        isAccusation: c.nature === 'accusation',
      };
    },
  );

  app.get(
    '/api/cases/:id/documents/draft',
    {
      schema: {
        tags,
        summary: '文书草稿 The fields a document would take from the case, and those still missing',
        params: caseParams,
        querystring: z.object({ kind: kindSchema }),
        response: { 200: draftView, ...errorResponses },
      },
    },
    async (req) => draftDocument(ctxOf(req), req.params.id, req.query.kind),
  );

  app.post(
    '/api/cases/:id/documents',
    {
      schema: {
        tags,
        summary: '生成文书 Issue a document: 文号, DOCX stored with its sha256, timeline entry',
        description:
          'Fields given override those taken from the case record; every placeholder of the template ' +
          'must end up with a value (VALIDATION_FAILED lists the missing ones as fields.<name>). ' +
          'Lifecycle documents answer 409 DOCUMENT_NOT_APPLICABLE before the case reached their step. ' +
          'Issuing a kind again makes its next version with a new 文号.',
        params: caseParams,
        body: issueBody,
        response: { 201: issuedView, ...errorResponses },
      },
    },
    async (req, reply) => {
      const issued = await issueDocumentFor(ctxOf(req), {
        caseId: req.params.id,
        kind: req.body.kind,
        fields: req.body.fields,
      });
      return reply.status(201).send(issued);
    },
  );

  app.get(
    '/api/cases/:id/documents/:documentId/file',
    {
      schema: {
        tags,
        summary: '下载文书 Download an issued document as DOCX (recorded)',
        params: z.object({ id: z.uuid(), documentId: z.uuid() }),
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const c = await findCaseInScope(ctx.db, ctx.actor, req.params.id);
      if (!c) throw new AppError('NOT_FOUND');
      const d = await ctx.db
        .selectFrom('case_documents')
        .select(['id', 'title', 'version', 'storage_key', 'doc_no'])
        .where('case_id', '=', c.id)
        .where('id', '=', req.params.documentId)
        .executeTakeFirst();
      if (!d) throw new AppError('NOT_FOUND');
      await ctx.db
        .insertInto('personal_data_access')
        .values({
          user_id: ctx.actor.userId,
          unit_id: ctx.actor.unitId,
          case_id: c.id,
          action: 'download',
          fields: [`document:${d.id}`],
          ip: req.ip,
        })
        .execute();
      const stream = await documentStorage(ctx.config).get(d.storage_key);
      const name = `${c.case_no}-${d.title}${d.version > 1 ? `-v${d.version}` : ''}.docx`;
      return reply
        .header('content-type', DOCX)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', attachment(name, 'document.docx'))
        .send(stream as never);
    },
  );

  app.get(
    '/api/cases/:id/dossier.zip',
    {
      schema: {
        tags,
        summary: '导出案卷 The case dossier as ZIP: 卷内目录, documents, attachments, timeline (recorded)',
        description:
          'copy=other_units gives the copy for other units; for accusation cases that copy has the ' +
          "reporter's identity removed, and it is what anyone without unmasking rights gets.",
        params: caseParams,
        querystring: dossierQuery,
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const d = await exportDossier({ ...ctx, ip: req.ip }, req.params.id, { copy: req.query.copy });
      d.done.catch((err: unknown) => req.log.error({ err }, 'dossier export failed'));
      return reply
        .header('content-type', 'application/zip')
        .header('cache-control', 'private, no-store')
        .header('x-dossier-copy', d.redacted ? 'other_units' : 'full')
        .header('content-disposition', attachment(d.fileName, 'dossier.zip'))
        .send(d.stream as never);
    },
  );
}

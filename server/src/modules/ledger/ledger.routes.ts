import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { attachment, XLSX_TYPE as XLSX } from '../../http/download.js';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import { can } from '../../policy/policy.js';
import { IMPORT_MAX_BYTES } from './ledger.columns.js';
import { importResult, ledgerFilters } from './ledger.schemas.js';
import { startLedgerExport } from './use-cases/export-ledger.js';
import { importLedger } from './use-cases/import-ledger.js';
import { buildLedgerTemplate } from './use-cases/ledger-template.js';

/** 台账: the ledger export, the import template and the legacy-ledger import. */
export async function ledgerRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['ledger'];

  app.get(
    '/api/ledger/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出台账 The cases in my jurisdiction matching the case-list filters, as XLSX (masked)',
        description:
          'Same filters as GET /api/cases. At most 50,000 rows, newest first; the 说明 sheet states the ' +
          'filters, the row count and whether the cap cut the export short. Recorded as an admin event.',
        querystring: ledgerFilters,
        // The workbook streams; the response schemas describe only the error cases.
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const exp = startLedgerExport(ctxOf(req), req.query);
      exp.done.catch((err: unknown) => {
        req.log.error({ err }, 'ledger export failed');
        exp.stream.destroy(err instanceof Error ? err : new Error('ledger export failed'));
      });
      return reply
        .header('content-type', XLSX)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', attachment(exp.fileName, 'ledger.xlsx'))
        .send(exp.stream as never);
    },
  );

  app.get(
    '/api/ledger/template.xlsx',
    {
      schema: {
        tags,
        summary: '台账导入模板 The import template: header row, an example row, column notes, category codes',
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const t = await buildLedgerTemplate(ctxOf(req));
      return reply
        .header('content-type', XLSX)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', attachment(t.fileName, 'ledger-template.xlsx'))
        .send(t.body as never);
    },
  );

  app.post(
    '/api/ledger/import',
    {
      schema: {
        tags,
        summary: '导入原台账 Import a legacy ledger XLSX (multipart field "file"): all rows or none',
        description:
          'Every row is checked first. Any bad row answers 422 LEDGER_ROWS_INVALID with `details` listing ' +
          '{row, column, message} for every problem, and nothing is written. Rows whose 原台账编号 the ' +
          'importing unit already imported are skipped (counted in `alreadyImported`). At most 1,000 rows, 5 MB.',
        consumes: ['multipart/form-data'],
        response: { 200: importResult, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      // Refused before the upload is read: nothing of the file is parsed for someone who may not import.
      if (!can(ctx.actor, 'case.intake')) throw new AppError('FORBIDDEN');
      if (!req.isMultipart()) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'file', message: '请选择要导入的台账文件' }]);
      }
      const file = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES } });
      if (!file)
        throw new AppError('VALIDATION_FAILED', [{ path: 'file', message: '请选择要导入的台账文件' }]);
      const body = await file.toBuffer().catch((err: { code?: string }) => {
        if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('PAYLOAD_TOO_LARGE', undefined, {
            zh: `台账文件不能超过${IMPORT_MAX_BYTES / 1024 / 1024}MB`,
            en: 'The ledger file is too large',
          });
        }
        throw err;
      });
      return importLedger(ctx, { name: file.filename, body });
    },
  );
}

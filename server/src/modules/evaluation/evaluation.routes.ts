import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { attachment, DOCX_TYPE, XLSX_TYPE } from '../../http/download.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import { today } from '../cases/case-clock.js';
import {
  bulletinQuery,
  figures,
  figuresQuery,
  monthlyReportQuery,
  ranking,
  rankingQuery,
} from './evaluation.schemas.js';
import {
  type BuiltReport,
  buildBulletin,
  buildMonthlyReport,
  type ReportFormat,
} from './reports/build-report.js';
import { getFigures } from './use-cases/get-figures.js';
import { getRanking } from './use-cases/get-ranking.js';

/** This quarter in Shanghai, as YYYY-Qn. */
function thisQuarter(): string {
  const d = today();
  return `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The evaluation figures (三率 and the others) of a unit subtree and period. */
export async function evaluationRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/evaluation/figures',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          '考核指标 Timely acceptance, on-time completion, satisfaction and other rates, with 环比/同比',
        querystring: figuresQuery,
        response: { 200: figures, ...errorResponses },
      },
    },
    async (req) => getFigures(ctxOf(req), req.query),
  );

  app.get(
    '/api/evaluation/ranking',
    {
      schema: {
        tags: ['evaluation'],
        summary: '三率排名 Towns (or departments) of my district ranked by the three rates',
        querystring: rankingQuery,
        response: { 200: ranking, ...errorResponses },
      },
    },
    async (req) => getRanking(ctxOf(req), req.query),
  );

  const send = (reply: FastifyReply, r: BuiltReport, format: ReportFormat) =>
    reply
      .header('content-type', format === 'xlsx' ? XLSX_TYPE : DOCX_TYPE)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', attachment(r.fileName, `report.${format}`))
      .send(r.body);

  app.get(
    '/api/evaluation/reports/monthly',
    {
      schema: {
        tags: ['evaluation'],
        summary: '月报 A unit’s monthly report (XLSX or DOCX) from the figures, with 环比/同比 and its units',
        querystring: monthlyReportQuery,
        response: { ...errorResponses },
      },
    },
    async (req, reply) =>
      send(
        reply,
        await buildMonthlyReport(ctxOf(req), { ...req.query, month: req.query.month ?? today().slice(0, 7) }),
        req.query.format,
      ),
  );

  app.get(
    '/api/evaluation/reports/bulletin',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          '季度通报 The quarterly bulletin ranking the towns and departments of my district (XLSX or DOCX)',
        querystring: bulletinQuery,
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const quarter = req.query.quarter ?? thisQuarter();
      const [year, q] = quarter.split('-Q').map(Number) as [number, 1 | 2 | 3 | 4];
      return send(
        reply,
        await buildBulletin(ctxOf(req), { year, quarter: q, format: req.query.format }),
        req.query.format,
      );
    },
  );
}

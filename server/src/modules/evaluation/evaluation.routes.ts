import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import { figures, figuresQuery, ranking, rankingQuery } from './evaluation.schemas.js';
import { getFigures } from './use-cases/get-figures.js';
import { getRanking } from './use-cases/get-ranking.js';

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
}

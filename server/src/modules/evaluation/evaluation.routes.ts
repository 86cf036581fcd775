import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import { figures, figuresQuery } from './evaluation.schemas.js';
import { getFigures } from './use-cases/get-figures.js';

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
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import { hotIssues, hotIssuesQuery } from './hot-issues.schemas.js';
import { listHotIssues } from './use-cases/list-hot-issues.js';

/** Hot issues (热点发现) of an area, for offices and leaders. */
export async function hotIssueRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/hot-issues',
    {
      schema: {
        tags: ['hot-issues'],
        summary:
          '热点发现 Clusters of cases about the same problem in the same place, ranked by size, growth, persons, supports',
        querystring: hotIssuesQuery,
        response: { 200: hotIssues, ...errorResponses },
      },
    },
    async (req) => listHotIssues(ctxOf(req), req.query),
  );
}

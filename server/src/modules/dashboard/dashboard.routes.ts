import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import { areaFigures, areaQuery, myReports, myReportsQuery } from './dashboard.schemas.js';
import { getAreaFigures } from './use-cases/get-area-figures.js';
import { listMyReports } from './use-cases/list-my-reports.js';

/** The home page's figures: the area of an office or leader, and a grid worker's own reports. */
export async function dashboardRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['dashboard'];

  app.get(
    '/api/dashboard/area',
    {
      schema: {
        tags,
        summary: '辖区概况 Cases of my jurisdiction by month, category, deadline colour, channel and stage',
        querystring: areaQuery,
        response: { 200: areaFigures, ...errorResponses },
      },
    },
    async (req) => getAreaFigures(ctxOf(req), req.query),
  );

  app.get(
    '/api/dashboard/my-reports',
    {
      schema: {
        tags,
        summary: '我的上报 Matters I registered (a grid worker’s recent reports), newest first',
        querystring: myReportsQuery,
        response: { 200: myReports, ...errorResponses },
      },
    },
    async (req) => listMyReports(ctxOf(req), req.query.limit),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { RouteDeps } from '../../http/routes.js';
import { packageVersion } from '../../lib/paths.js';

export async function healthRoutes(app: FastifyInstance, { database }: RouteDeps): Promise<void> {
  const version = packageVersion();
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '健康检查 Health check',
        security: [],
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string() }),
        },
      },
    },
    async () => {
      await sql`select 1`.execute(database.db);
      return { status: 'ok' as const, db: database.kind, version };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import { presentCategoryDetail } from './taxonomy.presenter.js';
import { findActiveSet, findCategory } from './taxonomy.repository.js';
import {
  categoryCodeParams,
  categoryDetail,
  categoryTree,
  categoryTreeQuery,
  createCategoryBody,
  updateCategoryBody,
} from './taxonomy.schemas.js';
import { getCategoryTree } from './use-cases/get-category-tree.js';
import { createCategory, updateCategory } from './use-cases/manage-categories.js';

/** Matter categories (内容分类): the active set as a tree for everyone, edits for system administrators. */
export async function taxonomyRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['taxonomy'];

  const detail = async (req: Parameters<typeof ctxOf>[0], code: string) => {
    const ctx = ctxOf(req);
    const set = await findActiveSet(ctx.db);
    const row = set && (await findCategory(ctx.db, set.id, code));
    if (!row) throw new AppError('NOT_FOUND');
    return presentCategoryDetail(row);
  };

  app.get(
    '/api/categories',
    {
      schema: {
        tags,
        summary: '事项分类 The active matter categories as a tree',
        querystring: categoryTreeQuery,
        response: { 200: categoryTree, ...errorResponses },
      },
    },
    async (req) => getCategoryTree(ctxOf(req), { includeInactive: req.query.includeInactive === 'true' }),
  );

  app.post(
    '/api/categories',
    {
      schema: {
        tags,
        summary: '新增分类 Add a leaf under a top level, or a new top level',
        body: createCategoryBody,
        response: { 201: categoryDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const code = await createCategory(ctxOf(req), req.body);
      return reply.status(201).send(await detail(req, code));
    },
  );

  app.put(
    '/api/categories/:code',
    {
      schema: {
        tags,
        summary: '修改分类 Rename, show or hide, or change the hints of one category',
        params: categoryCodeParams,
        body: updateCategoryBody,
        response: { 200: categoryDetail, ...errorResponses },
      },
    },
    async (req) => {
      await updateCategory(ctxOf(req), req.params.code, req.body);
      return detail(req, req.params.code);
    },
  );
}

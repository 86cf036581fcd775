import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import { warmTokenizer } from '../../lib/zh-tokenize.js';
import { can } from '../../policy/policy.js';
import { duplicateBody, duplicateResult, searchQuery, searchResult } from './search.schemas.js';
import { searchCasesUseCase } from './use-cases/search-cases.js';
import { suggestDuplicates, suggestDuplicatesOfCase } from './use-cases/suggest-duplicates.js';

/** Chinese full-text search and repeat detection at intake. */
export async function searchRoutes(fastify: FastifyInstance, { ctxOf, config }: RouteDeps): Promise<void> {
  // The dictionaries load once here (≈ 0.5 s) rather than on the first intake of the day; tests load
  // them on first use, so that only the tests that cut text pay for it.
  if (config.nodeEnv !== 'test') warmTokenizer();
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/search/cases',
    {
      // Someone who may read no case is refused before the query is looked at: a search form
      // without words is a 400 only for those who could search at all.
      preValidation: async (req) => {
        if (!can(ctxOf(req).actor, 'case.read')) throw new AppError('FORBIDDEN');
      },
      schema: {
        tags: ['search'],
        summary: '检索 Full-text search over the cases in my jurisdiction, with filters and highlighting',
        querystring: searchQuery,
        response: { 200: searchResult, ...errorResponses },
      },
    },
    async (req) => searchCasesUseCase(ctxOf(req), req.query),
  );

  // POST: the body carries ID numbers and phones, which must never appear in a URL or a log line.
  app.post(
    '/api/search/duplicates',
    {
      // Only those who register petitions are shown earlier cases of a person being registered.
      preValidation: async (req) => {
        if (!can(ctxOf(req).actor, 'case.intake')) throw new AppError('FORBIDDEN');
      },
      schema: {
        tags: ['search'],
        summary: '重复件识别 Earlier cases that may be the same matter as a petition being registered',
        body: duplicateBody,
        response: { 200: duplicateResult, ...errorResponses },
      },
    },
    async (req) => suggestDuplicates(ctxOf(req), req.body),
  );

  app.get(
    '/api/search/cases/:id/duplicates',
    {
      schema: {
        tags: ['search'],
        summary: '重复件识别 Earlier cases that may be the same matter as a registered case',
        params: idParams,
        response: { 200: duplicateResult, ...errorResponses },
      },
    },
    async (req) => suggestDuplicatesOfCase(ctxOf(req), req.params.id),
  );
}

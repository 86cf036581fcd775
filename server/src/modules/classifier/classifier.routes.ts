import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import {
  caseIdParams,
  modelList,
  recordedSuggestion,
  suggestBody,
  suggestion,
} from './classifier.schemas.js';
import { listModelVersions } from './use-cases/list-models.js';
import { recordSuggestion } from './use-cases/record-suggestion.js';
import { suggestCategory } from './use-cases/suggest-category.js';

/** Category and unit suggestion at intake (智能分拨). */
export async function classifierRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/classifier/suggest',
    {
      schema: {
        tags: ['classifier'],
        summary:
          '智能分拨 Suggested category (with confidence) and handling unit for the text being registered',
        body: suggestBody,
        response: { 200: suggestion, ...errorResponses },
      },
    },
    async (req) => suggestCategory(ctxOf(req), req.body),
  );

  app.post(
    '/api/cases/:id/category-suggestion',
    {
      schema: {
        tags: ['classifier'],
        summary:
          'Record the suggestion of a newly registered case and whether the clerk kept or corrected it',
        params: caseIdParams,
        response: { 200: recordedSuggestion, ...errorResponses },
      },
    },
    async (req) => recordSuggestion(ctxOf(req), req.params.id),
  );

  app.get(
    '/api/classifier/models',
    {
      schema: {
        tags: ['classifier'],
        summary: 'Suggestion model versions and how often clerks kept their suggestions',
        response: { 200: modelList, ...errorResponses },
      },
    },
    async (req) => listModelVersions(ctxOf(req)),
  );
}

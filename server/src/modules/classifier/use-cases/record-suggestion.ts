import type { z } from 'zod';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { caseScope } from '../../cases/cases.policy.js';
import { insertSuggestion } from '../classifier.repository.js';
import type { recordedSuggestion } from '../classifier.schemas.js';
import { computeSuggestion } from './suggest-category.js';

/**
 * Records, once per case, the suggestion its text gets and whether the clerk kept the suggested
 * top-level category ('accepted') or filed it elsewhere ('corrected'). The intake form calls it
 * right after registering (a repeated call returns the first record); the suggestion is recomputed from the case as stored, so what is
 * recorded is exactly what that text and model give, not what a client claims.
 */
export async function recordSuggestion(
  ctx: Ctx,
  caseId: string,
): Promise<z.infer<typeof recordedSuggestion>> {
  if (!can(ctx.actor, 'case.intake')) throw new AppError('FORBIDDEN');
  const c = await ctx.db
    .selectFrom('cases')
    .innerJoin('org_units as first', 'first.id', 'cases.first_unit_id')
    .select(['cases.id', 'cases.title', 'cases.facts', 'cases.demands', 'cases.category_code', 'first.path'])
    .where('cases.id', '=', caseId)
    .where(caseScope(ctx.actor))
    .executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND');
  const s = await computeSuggestion(ctx.db, c.path, { title: c.title, facts: c.facts, demands: c.demands });
  const outcome = c.category_code.startsWith(s.category.code) ? 'accepted' : 'corrected';
  const row = {
    caseId: c.id,
    modelVersion: s.modelVersion,
    suggestedCode: s.category.code,
    suggestedLeafCode: s.leaf?.code ?? null,
    confidence: s.confidence,
    chosenCode: c.category_code,
    outcome,
  } as const;
  const inserted = await insertSuggestion(ctx.db, {
    ...row,
    alternatives: s.alternatives.map((a) => ({ code: a.code, probability: a.probability })),
    suggestedUnitId: s.unit?.id ?? null,
    recordedBy: ctx.actor.userId,
  });
  if (inserted) return row;
  // Recorded before (a retried request): the first record stands.
  const first = await ctx.db
    .selectFrom('case_category_suggestions')
    .selectAll()
    .where('case_id', '=', c.id)
    .executeTakeFirstOrThrow();
  return {
    caseId: first.case_id,
    modelVersion: first.model_version,
    suggestedCode: first.suggested_code,
    suggestedLeafCode: first.suggested_leaf_code,
    confidence: first.confidence,
    chosenCode: first.chosen_code,
    outcome: first.outcome,
  };
}

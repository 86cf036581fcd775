import { z } from 'zod';

export const suggestBody = z.object({
  // The intake form's limits (cases.schemas.ts): what the clerk has typed so far.
  title: z.string().max(100).default(''),
  facts: z.string().max(5000).default(''),
  demands: z.string().max(2000).default(''),
});
export type SuggestBody = z.infer<typeof suggestBody>;

const categoryRef = z.object({ code: z.string(), name: z.string() });

export const suggestion = z.object({
  modelVersion: z.string(),
  /** The predicted top-level category and its probability. */
  category: categoryRef,
  confidence: z.number(),
  /** A leaf of that category whose name the text mentions, or null: the clerk picks the leaf. */
  leaf: categoryRef.nullable(),
  /** The unit the routing table names for the category, seen from the clerk's unit. */
  unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  alternatives: z.array(categoryRef.extend({ probability: z.number() })),
  tookMs: z.number(),
});
export type Suggestion = z.infer<typeof suggestion>;

export const caseIdParams = z.object({ id: z.uuid() });

export const recordedSuggestion = z.object({
  caseId: z.uuid(),
  modelVersion: z.string(),
  suggestedCode: z.string(),
  suggestedLeafCode: z.string().nullable(),
  confidence: z.number(),
  chosenCode: z.string(),
  outcome: z.enum(['accepted', 'corrected']),
});

export const modelList = z.object({
  active: z.string(),
  models: z.array(
    z.object({
      version: z.string(),
      isActive: z.boolean(),
      labels: z.array(z.string()),
      training: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
      suggestions: z.number(),
      accepted: z.number(),
    }),
  ),
});

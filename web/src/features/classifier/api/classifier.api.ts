/** 智能分拨: the category and unit suggestion at intake. Shapes are the server's zod schemas. */
import type { z } from 'zod';
import type {
  recordedSuggestion,
  SuggestBody,
  Suggestion,
} from '../../../../../server/src/modules/classifier/classifier.schemas.js';
import { api } from '../../../lib/api';

export type { Suggestion };
export type RecordedSuggestion = z.infer<typeof recordedSuggestion>;

export const classifierApi = {
  suggest(body: SuggestBody, signal?: AbortSignal): Promise<Suggestion> {
    return api<Suggestion>('/api/classifier/suggest', { method: 'POST', body, signal });
  },
  /** After registration: records the suggestion of the case and whether the clerk kept it. */
  record(caseId: string): Promise<RecordedSuggestion> {
    return api<RecordedSuggestion>(`/api/cases/${caseId}/category-suggestion`, { method: 'POST' });
  },
};

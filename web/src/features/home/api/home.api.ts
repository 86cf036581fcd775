import { api } from '../../../lib/api';

/**
 * GET /api/cases/summary: the signed-in user's workload, counted by the server (by deadline
 * colour: red = overdue, yellow = due soon). Until case handling is deployed it answers 404
 * ROUTE_NOT_FOUND, and users without case access get 403: the home page then shows no figures.
 */
export interface CasesSummary {
  open: number;
  green: number;
  yellow: number;
  red: number;
  dueThisWeek: number;
  supervisionOpen: number;
}

const FIELDS = ['open', 'green', 'yellow', 'red', 'dueThisWeek', 'supervisionOpen'] as const;

function isCasesSummary(v: unknown): v is CasesSummary {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return FIELDS.every((k) => typeof o[k] === 'number' && Number.isFinite(o[k]));
}

export const homeApi = {
  /** Resolves to null when the answer lacks the expected figures: never show a guess. */
  casesSummary: async (signal?: AbortSignal): Promise<CasesSummary | null> => {
    const body = await api<unknown>('/api/cases/summary', { signal });
    return isCasesSummary(body) ? body : null;
  },
};

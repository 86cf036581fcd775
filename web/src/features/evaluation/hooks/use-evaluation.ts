import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api';
import { evaluationApi, type FiguresParams, type RankingParams } from '../api/evaluation.api';

export const evaluationKeys = {
  all: ['evaluation'] as const,
  figures: (p: FiguresParams) => ['evaluation', 'figures', p] as const,
  ranking: (p: RankingParams) => ['evaluation', 'ranking', p] as const,
};

export function useFigures(params: FiguresParams) {
  return useQuery({
    queryKey: evaluationKeys.figures(params),
    queryFn: ({ signal }) => evaluationApi.figures(params, signal),
    placeholderData: (prev) => prev,
  });
}

/**
 * The ranking of towns is a district view: a town user is refused (403), and the page then just
 * leaves the ranking out, so that refusal is not reported as an error.
 */
export function useRanking(params: RankingParams) {
  const q = useQuery({
    queryKey: evaluationKeys.ranking(params),
    queryFn: ({ signal }) => evaluationApi.ranking(params, signal),
    placeholderData: (prev) => prev,
    meta: { silent: true },
  });
  const hidden = isApiError(q.error) && (q.error.status === 403 || q.error.status === 404);
  return { ...q, hidden };
}

/**
 * 考核指标: the evaluation figures and the 三率 ranking. Shapes are the server's zod schemas
 * (type-only imports: nothing of the server reaches the bundle).
 */
import type { z } from 'zod';
import type {
  Figures,
  figuresQuery,
  RANKED_RATES,
  RATE_NAMES,
  Ranking,
  rankingQuery,
} from '../../../../../server/src/modules/evaluation/evaluation.schemas.js';
import { api } from '../../../lib/api';

export type { Figures, Ranking };
export type FiguresParams = z.input<typeof figuresQuery>;
export type RankingParams = z.input<typeof rankingQuery>;
export type RateName = (typeof RATE_NAMES)[number];
export type RankedRate = (typeof RANKED_RATES)[number];
export type Ratio = Figures['rates'][RateName];

export const evaluationApi = {
  figures(params: FiguresParams, signal?: AbortSignal): Promise<Figures> {
    return api<Figures>('/api/evaluation/figures', { query: params, signal });
  },
  ranking(params: RankingParams, signal?: AbortSignal): Promise<Ranking> {
    return api<Ranking>('/api/evaluation/ranking', { query: params, signal });
  },
};

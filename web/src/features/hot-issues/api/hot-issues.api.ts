/** 热点发现: clusters of cases of the same problem and place. Shapes are the server's zod schemas. */
import type { z } from 'zod';
import type {
  HotIssue,
  HotIssues,
  hotIssuesQuery,
} from '../../../../../server/src/modules/hot-issues/hot-issues.schemas.js';
import { api } from '../../../lib/api';

export type { HotIssue, HotIssues };
/** Query parameters (numbers; the server coerces them from the query string). */
export type HotIssuesParams = {
  [K in keyof z.output<typeof hotIssuesQuery>]?: z.output<typeof hotIssuesQuery>[K];
};

export const hotIssuesApi = {
  list(params: HotIssuesParams, signal?: AbortSignal): Promise<HotIssues> {
    return api<HotIssues>('/api/hot-issues', { query: params, signal });
  },
};

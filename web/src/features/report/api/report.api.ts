import type { z } from 'zod';
import type { myReports } from '../../../../../server/src/modules/dashboard/dashboard.schemas.js';
import { api } from '../../../lib/api';

export type MyReport = z.infer<typeof myReports>['items'][number];

export const reportApi = {
  /** GET /api/dashboard/my-reports: what I registered, newest first. */
  mine: (limit: number, signal?: AbortSignal) =>
    api<{ items: MyReport[] }>('/api/dashboard/my-reports', { query: { limit }, signal }),
};

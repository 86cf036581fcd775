import type { AreaFigures } from '../../../../../server/src/modules/dashboard/dashboard.schemas.js';
import { api } from '../../../lib/api';

export type { AreaFigures };

export interface AreaParams {
  from?: string | undefined;
  to?: string | undefined;
  unitId?: string | undefined;
}

export const dashboardApi = {
  /** GET /api/dashboard/area: the figures of the jurisdiction (needs dashboard.read). */
  area: (params: AreaParams, signal?: AbortSignal) =>
    api<AreaFigures>('/api/dashboard/area', { query: { ...params }, signal }),
};

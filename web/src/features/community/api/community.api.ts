/**
 * 网格与挂图作战: grids, courtyard units and the operations map. Shapes are the server's zod
 * schemas (type-only imports: nothing of the server reaches the bundle).
 */
import type { z } from 'zod';
import type {
  BoundaryImport,
  CourtyardCreate,
  GridList,
  GridUpdate,
  GridView,
  MatterScopeFigures,
  MatterScopeSet,
  MatterScopeView,
  mapQuery,
  OperationsMap,
  VisitCoverage,
  VisitCreate,
  visitCreate,
  visitCreated,
  visitList,
} from '../../../../../server/src/modules/community/community.schemas.js';
import { api } from '../../../lib/api';

export type {
  BoundaryImport,
  CourtyardCreate,
  GridList,
  GridUpdate,
  GridView,
  MatterScopeFigures,
  MatterScopeSet,
  MatterScopeView,
  OperationsMap,
  VisitCoverage,
  VisitCreate,
};
export type VisitInput = z.input<typeof visitCreate>;
export type VisitCreated = z.infer<typeof visitCreated>;
export type VisitList = z.infer<typeof visitList>;
export type MapCase = OperationsMap['cases'][number];
export type MapGrid = OperationsMap['grids'][number];
export type RiskColour = MapCase['riskColour'];
type MapQueryInput = z.input<typeof mapQuery>;
export interface MapParams {
  colour: RiskColour[];
  state: NonNullable<MapQueryInput['state']>;
  category?: string | undefined;
  scope?: MatterScopeView['scope'] | undefined;
}

export const communityApi = {
  grids(signal?: AbortSignal): Promise<GridList> {
    return api<GridList>('/api/community/grids', { signal });
  },
  updateGrid(id: string, body: GridUpdate): Promise<void> {
    return api<void>(`/api/community/grids/${id}`, { method: 'PUT', body });
  },
  createCourtyard(gridId: string, body: CourtyardCreate): Promise<{ id: string }> {
    return api<{ id: string }>(`/api/community/grids/${gridId}/courtyards`, { method: 'POST', body });
  },
  importBoundaries(body: BoundaryImport): Promise<{ updated: number }> {
    return api<{ updated: number }>('/api/community/grids/import', { method: 'POST', body });
  },
  map(p: MapParams, signal?: AbortSignal): Promise<OperationsMap> {
    return api<OperationsMap>('/api/community/map', {
      query: { colour: p.colour.join(','), state: p.state, category: p.category, scope: p.scope },
      signal,
    });
  },
  matterScope(caseId: string, signal?: AbortSignal): Promise<MatterScopeView> {
    return api<MatterScopeView>(`/api/community/cases/${caseId}/matter-scope`, { signal });
  },
  setMatterScope(caseId: string, body: MatterScopeSet): Promise<{ version: number }> {
    return api<{ version: number }>(`/api/community/cases/${caseId}/matter-scope`, { method: 'POST', body });
  },
  matterScopeFigures(signal?: AbortSignal): Promise<MatterScopeFigures> {
    return api<MatterScopeFigures>('/api/community/matter-scope/figures', { signal });
  },
  recordVisit(body: VisitInput): Promise<VisitCreated> {
    return api<VisitCreated>('/api/community/visits', { method: 'POST', body });
  },
  visits(signal?: AbortSignal): Promise<VisitList> {
    return api<VisitList>('/api/community/visits', { signal });
  },
  coverage(signal?: AbortSignal): Promise<VisitCoverage> {
    return api<VisitCoverage>('/api/community/visits/coverage', { signal });
  },
};

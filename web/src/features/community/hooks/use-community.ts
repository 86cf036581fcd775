import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from '../../cases/hooks/use-cases';
import {
  type BoundaryImport,
  type CourtyardCreate,
  communityApi,
  type GridUpdate,
  type MapParams,
  type MatterScopeSet,
  type VisitInput,
} from '../api/community.api';

export const communityKeys = {
  all: ['community'] as const,
  grids: () => ['community', 'grids'] as const,
  map: (p: MapParams) => ['community', 'map', p] as const,
  matterScope: (caseId: string) => ['community', 'matter-scope', caseId] as const,
  matterScopeFigures: () => ['community', 'matter-scope-figures'] as const,
  visits: () => ['community', 'visits'] as const,
  coverage: () => ['community', 'coverage'] as const,
};

export function useGrids() {
  return useQuery({ queryKey: communityKeys.grids(), queryFn: ({ signal }) => communityApi.grids(signal) });
}

export function useOperationsMap(p: MapParams) {
  return useQuery({
    queryKey: communityKeys.map(p),
    queryFn: ({ signal }) => communityApi.map(p, signal),
    placeholderData: (prev) => prev,
  });
}

/** Grids and the map change together: a new boundary moves cases between grids. */
function useInvalidateCommunity() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: communityKeys.all });
}

export function useUpdateGrid() {
  const invalidate = useInvalidateCommunity();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: GridUpdate }) => communityApi.updateGrid(id, body),
    onSuccess: invalidate,
  });
}

export function useCreateCourtyard() {
  const invalidate = useInvalidateCommunity();
  return useMutation({
    mutationFn: ({ gridId, body }: { gridId: string; body: CourtyardCreate }) =>
      communityApi.createCourtyard(gridId, body),
    onSuccess: invalidate,
  });
}

export function useImportBoundaries() {
  const invalidate = useInvalidateCommunity();
  return useMutation({
    mutationFn: (body: BoundaryImport) => communityApi.importBoundaries(body),
    onSuccess: invalidate,
  });
}

export function useMatterScope(caseId: string) {
  return useQuery({
    queryKey: communityKeys.matterScope(caseId),
    queryFn: ({ signal }) => communityApi.matterScope(caseId, signal),
  });
}

export function useMatterScopeFigures() {
  return useQuery({
    queryKey: communityKeys.matterScopeFigures(),
    queryFn: ({ signal }) => communityApi.matterScopeFigures(signal),
  });
}

/** Reclassifying changes the case (version, timeline) as well as the figures. */
export function useSetMatterScope(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MatterScopeSet) => communityApi.setMatterScope(caseId, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: communityKeys.all });
      void qc.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
      void qc.invalidateQueries({ queryKey: caseKeys.events(caseId) });
    },
  });
}

export function useVisits() {
  return useQuery({ queryKey: communityKeys.visits(), queryFn: ({ signal }) => communityApi.visits(signal) });
}

export function useVisitCoverage() {
  return useQuery({
    queryKey: communityKeys.coverage(),
    queryFn: ({ signal }) => communityApi.coverage(signal),
  });
}

/** A recorded visit changes the coverage, and its case joins the queue, the map and my reports. */
export function useRecordVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: VisitInput) => communityApi.recordVisit(body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: communityKeys.all });
      void qc.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}

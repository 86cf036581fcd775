import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type BoundaryImport,
  type CourtyardCreate,
  communityApi,
  type GridUpdate,
  type MapParams,
} from '../api/community.api';

export const communityKeys = {
  all: ['community'] as const,
  grids: () => ['community', 'grids'] as const,
  map: (p: MapParams) => ['community', 'map', p] as const,
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

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CreateUnitBody,
  type DutyEntryInput,
  orgUnitsApi,
  UNIT_TREE_PAGE_SIZE,
  type UnitDetail,
  type UpdateUnitBody,
  type WorkstationBody,
} from '../api/org-units.api';

export const orgUnitKeys = {
  all: ['org-units'] as const,
  tree: (includeInactive: boolean) => ['org-units', 'tree', { includeInactive }] as const,
  detail: (id: string) => ['org-units', 'detail', id] as const,
};

/** The whole jurisdiction in one request; the tree is built client-side from parentId. */
export function useUnitTree(includeInactive = false) {
  return useQuery({
    queryKey: orgUnitKeys.tree(includeInactive),
    queryFn: ({ signal }) => orgUnitsApi.list({ includeInactive, pageSize: UNIT_TREE_PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useUnitDetail(id: string | undefined) {
  return useQuery({
    queryKey: orgUnitKeys.detail(id ?? ''),
    queryFn: ({ signal }) => orgUnitsApi.get(id!, signal),
    enabled: !!id,
  });
}

/** After any unit change: the tree, the details and user lists (which show unit names) refresh. */
function useInvalidateUnits() {
  const client = useQueryClient();
  return async (detail?: UnitDetail) => {
    if (detail) client.setQueryData(orgUnitKeys.detail(detail.id), detail);
    await Promise.all([
      client.invalidateQueries({ queryKey: orgUnitKeys.all }),
      client.invalidateQueries({ queryKey: ['users'] }),
    ]);
  };
}

export function useCreateUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: (body: CreateUnitBody) => orgUnitsApi.create(body),
    onSuccess: invalidate,
  });
}

export function useUpdateUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUnitBody }) => orgUnitsApi.update(id, body),
    onSuccess: invalidate,
  });
}

export function useSetWorkstation() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: WorkstationBody }) => orgUnitsApi.setWorkstation(id, body),
    onSuccess: invalidate,
  });
}

export function useRemoveWorkstation() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: (id: string) => orgUnitsApi.removeWorkstation(id),
    onSuccess: () => invalidate(),
  });
}

export function useSetDutyRoster() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: ({ id, entries }: { id: string; entries: DutyEntryInput[] }) =>
      orgUnitsApi.setDutyRoster(id, entries),
    onSuccess: () => invalidate(),
  });
}

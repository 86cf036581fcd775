import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from '../../cases/hooks/use-cases';
import { mechanismsApi, type RosterInput, type RosterKind, type RosterPatch } from '../api/mechanisms.api';

export const mechanismKeys = {
  all: ['mechanisms'] as const,
  list: (caseId: string) => ['mechanisms', 'case', caseId] as const,
  candidates: (caseId: string) => ['mechanisms', 'candidates', caseId] as const,
  mine: ['mechanisms', 'mine'] as const,
  member: (caseId: string, mechanismId: string) => ['mechanisms', 'member', caseId, mechanismId] as const,
  roster: (kind?: RosterKind) => ['mechanisms', 'roster', kind ?? 'all'] as const,
  sittings: (id: string) => ['mechanisms', 'sittings', id] as const,
};

export function useCaseMechanisms(caseId: string) {
  return useQuery({
    queryKey: mechanismKeys.list(caseId),
    queryFn: ({ signal }) => mechanismsApi.list(caseId, signal),
    staleTime: 0,
  });
}

export function useExpertCandidates(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: mechanismKeys.candidates(caseId),
    queryFn: ({ signal }) => mechanismsApi.candidates(caseId, signal),
    enabled,
  });
}

/** Any mechanism step: afterwards the records, the case (status, version, clocks) and its timeline refresh. */
export function useMechanismAction(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { action: string; body: Record<string, unknown>; mechanismId?: string }) =>
      mechanismsApi.post(caseId, v.action, v.body, v.mechanismId),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: mechanismKeys.all }),
        qc.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
        qc.invalidateQueries({ queryKey: caseKeys.events(caseId) }),
      ]);
    },
  });
}

export function useMyRecords() {
  return useQuery({ queryKey: mechanismKeys.mine, queryFn: ({ signal }) => mechanismsApi.mine(signal) });
}

export function useMemberView(caseId: string, mechanismId: string) {
  return useQuery({
    queryKey: mechanismKeys.member(caseId, mechanismId),
    queryFn: ({ signal }) => mechanismsApi.memberView(caseId, mechanismId, signal),
    meta: { silent: true },
  });
}

export function useRoster(kind?: RosterKind, enabled = true) {
  return useQuery({
    queryKey: mechanismKeys.roster(kind),
    queryFn: ({ signal }) => mechanismsApi.roster(kind ? { kind } : {}, signal),
    enabled,
  });
}

export function useSittings(id: string | null) {
  return useQuery({
    queryKey: mechanismKeys.sittings(id ?? ''),
    queryFn: ({ signal }) => mechanismsApi.sittings(id!, signal),
    enabled: !!id,
  });
}

export function useSaveRoster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; body: RosterInput | RosterPatch }) =>
      v.id
        ? mechanismsApi.updateRoster(v.id, v.body as RosterPatch)
        : mechanismsApi.createRoster(v.body as RosterInput),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['mechanisms', 'roster'] }),
  });
}

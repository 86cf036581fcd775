import { useQuery } from '@tanstack/react-query';
import { leadersApi } from '../api/leaders.api';

/** Leaders who may approve an extension or hold the package of this case. */
export function useLeaders(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', caseId, 'approvers'],
    queryFn: ({ signal }) => leadersApi.list(caseId, signal),
    enabled,
    staleTime: 60_000,
    meta: { silent: true },
  });
}

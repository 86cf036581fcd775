import { useQuery } from '@tanstack/react-query';
import { leadersApi } from '../api/leaders.api';

/** Leaders the user can see, for 延期 approval and 包案; empty when none are in reach. */
export function useLeaders(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'leaders'],
    queryFn: ({ signal }) => leadersApi.list(signal),
    enabled,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
}

import { useQuery } from '@tanstack/react-query';
import { type HotIssuesParams, hotIssuesApi } from '../api/hot-issues.api';

export function useHotIssues(params: HotIssuesParams) {
  return useQuery({
    queryKey: ['hot-issues', params],
    queryFn: ({ signal }) => hotIssuesApi.list(params, signal),
    placeholderData: (prev) => prev,
  });
}

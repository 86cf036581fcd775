import { useQuery } from '@tanstack/react-query';
import { reportApi } from '../api/report.api';

/** Under the 'cases' key, so registering a case (which invalidates 'cases') refreshes the list. */
export function useMyReports(limit = 10) {
  return useQuery({
    queryKey: ['cases', 'my-reports', limit],
    queryFn: ({ signal }) => reportApi.mine(limit, signal),
  });
}

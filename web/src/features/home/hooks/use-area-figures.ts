import { useQuery } from '@tanstack/react-query';
import { type AreaParams, dashboardApi } from '../api/dashboard.api';

export function useAreaFigures(params: AreaParams = {}) {
  return useQuery({
    queryKey: ['dashboard', 'area', params],
    queryFn: ({ signal }) => dashboardApi.area(params, signal),
    // Figures of a whole area move slowly; a minute old is fine and spares the database.
    staleTime: 60_000,
  });
}

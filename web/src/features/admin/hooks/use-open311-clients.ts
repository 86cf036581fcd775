import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { open311ClientsApi } from '../api/open311-clients.api';

export function useOpen311Clients(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['open311-clients', 'list', { page, pageSize }],
    queryFn: ({ signal }) => open311ClientsApi.list({ page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateOpen311Client() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: open311ClientsApi.create,
    onSuccess: () => client.invalidateQueries({ queryKey: ['open311-clients'] }),
  });
}

export function useRevokeOpen311Client() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: open311ClientsApi.revoke,
    onSuccess: () => client.invalidateQueries({ queryKey: ['open311-clients'] }),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiTokensApi, type CreateApiTokenBody } from '../api/api-tokens.api';

export const apiTokenKeys = {
  all: ['api-tokens'] as const,
  list: (page: number, pageSize: number) => ['api-tokens', 'list', { page, pageSize }] as const,
};

export function useApiTokens(page: number, pageSize: number) {
  return useQuery({
    queryKey: apiTokenKeys.list(page, pageSize),
    queryFn: ({ signal }) => apiTokensApi.list({ page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiTokenBody) => apiTokensApi.create(body),
    onSuccess: () => client.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiTokensApi.revoke(id),
    onSuccess: () => client.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type OutboxStatus, outboxApi } from '../api/outbox.api';

export interface OutboxFilter {
  page: number;
  pageSize: number;
  status?: OutboxStatus | undefined;
  topic?: string | undefined;
}

export function useOutbox(filter: OutboxFilter) {
  return useQuery({
    queryKey: ['outbox', 'list', filter],
    queryFn: ({ signal }) => outboxApi.list(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRetryOutbox() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => outboxApi.retry(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['outbox'] }),
  });
}

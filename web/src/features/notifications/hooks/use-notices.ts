import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { noticesApi } from '../api/notices.api';

/** The newest notices with the unread count; refreshed every minute while the app is open. */
export function useNotices(enabled: boolean) {
  return useQuery({
    queryKey: ['notices', 'latest'],
    queryFn: ({ signal }) => noticesApi.list({ page: 1, pageSize: 10 }, signal),
    refetchInterval: 60_000,
    enabled,
  });
}

export function useReadNotice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: noticesApi.read,
    onSuccess: () => client.invalidateQueries({ queryKey: ['notices'] }),
  });
}

export function useReadAllNotices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: noticesApi.readAll,
    onSuccess: () => client.invalidateQueries({ queryKey: ['notices'] }),
  });
}

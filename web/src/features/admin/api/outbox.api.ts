import { api, type Paged } from '../../../lib/api';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** GET /api/admin/outbox: one queued message, personal data masked by the server. */
export interface OutboxRow {
  id: number;
  caseId: string | null;
  caseNo: string | null;
  topic: string;
  status: OutboxStatus;
  outcome: 'sent' | 'skipped' | 'dead' | null;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: string;
  availableAt: string;
  processedAt: string | null;
  lastError: string | null;
  transport: string | null;
  recipient: string | null;
  message: string | null;
}

export const outboxApi = {
  list: (
    params: { page: number; pageSize: number; status?: OutboxStatus | undefined; topic?: string | undefined },
    signal?: AbortSignal,
  ) => api<Paged<OutboxRow>>('/api/admin/outbox', { query: { ...params }, signal }),
  retry: (id: number) => api<{ ok: true }>(`/api/admin/outbox/${id}/retry`, { method: 'POST' }),
};

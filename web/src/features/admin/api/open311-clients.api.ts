import { api, type Paged } from '../../../lib/api';

export interface Open311Client {
  id: string;
  name: string;
  prefix: string;
  unit: { id: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The create response is the only time the key is ever sent. */
export interface IssuedOpen311Client extends Open311Client {
  apiKey: string;
}

export const open311ClientsApi = {
  list: (params: { page: number; pageSize: number }, signal?: AbortSignal) =>
    api<Paged<Open311Client>>('/api/open311-clients', { query: { ...params }, signal }),
  create: (body: { name: string; unitId: string }) =>
    api<IssuedOpen311Client>('/api/open311-clients', { method: 'POST', body }),
  revoke: (id: string) =>
    api<{ ok: true }>(`/api/open311-clients/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

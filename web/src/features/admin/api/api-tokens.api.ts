import { api, type Paged } from '../../../lib/api';

export interface ApiToken {
  id: string;
  name: string;
  /** The first characters of the token, to recognise it in logs (`lb_xxxxx`). */
  prefix: string;
  user: { id: string; displayName: string };
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The create response is the only time the secret is ever sent. */
export interface IssuedApiToken extends ApiToken {
  token: string;
}

export interface CreateApiTokenBody {
  userId: string;
  name: string;
  expiresInDays?: number;
}

export const apiTokensApi = {
  list: (params: { page: number; pageSize: number }, signal?: AbortSignal) =>
    api<Paged<ApiToken>>('/api/api-tokens', { query: { ...params }, signal }),
  create: (body: CreateApiTokenBody) => api<IssuedApiToken>('/api/api-tokens', { method: 'POST', body }),
  revoke: (id: string) =>
    api<{ ok: true }>(`/api/api-tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

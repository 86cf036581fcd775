import { api } from '../../../lib/api';

export type NoticeKind = 'assignment' | 'supervision' | 'deadline' | 'hot_issue';

/** GET /api/notices: a notice addressed to the signed-in user. */
export interface Notice {
  id: string;
  kind: NoticeKind;
  caseId: string | null;
  caseNo: string | null;
  params: Record<string, string>;
  text: string;
  createdAt: string;
  readAt: string | null;
}

export interface NoticesPage {
  items: Notice[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export const noticesApi = {
  list: (params: { page: number; pageSize: number }, signal?: AbortSignal) =>
    api<NoticesPage>('/api/notices', { query: { ...params }, signal }),
  read: (id: string) => api<{ ok: true }>(`/api/notices/${encodeURIComponent(id)}/read`, { method: 'POST' }),
  readAll: () => api<{ ok: true; marked: number }>('/api/notices/read-all', { method: 'POST' }),
};

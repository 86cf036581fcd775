import { api } from '../../../lib/api';

export interface LeaderOption {
  id: string;
  displayName: string;
  unitName: string;
}

export const leadersApi = {
  /**
   * Leaders who may approve an extension (延期) or hold the package (包案) of this case: those whose
   * area contains its handling unit (GET /api/cases/:id/approvers).
   */
  async list(caseId: string, signal?: AbortSignal): Promise<{ items: LeaderOption[]; forbidden: boolean }> {
    const r = await api<{ items: LeaderOption[] }>(`/api/cases/${encodeURIComponent(caseId)}/approvers`, {
      signal,
    });
    return { items: r.items, forbidden: false };
  },
};

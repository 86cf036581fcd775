import { api, isApiError, type Paged } from '../../../lib/api';

export interface LeaderOption {
  id: string;
  displayName: string;
  unitName: string;
}

interface UserRow {
  id: string;
  displayName: string;
  unit: { id: string; name: string };
  isActive: boolean;
}

export const leadersApi = {
  /**
   * Leaders the user may pick as approver (延期) or package holder (包案): GET /api/users?role=leader.
   * The user list is scoped to the user's own jurisdiction and refused to roles without user.read;
   * both give an empty list here, and the forms explain that no leader can be chosen.
   */
  async list(signal?: AbortSignal): Promise<{ items: LeaderOption[]; forbidden: boolean }> {
    try {
      const r = await api<Paged<UserRow>>('/api/users', { query: { role: 'leader', pageSize: 200 }, signal });
      return {
        items: r.items
          .filter((u) => u.isActive)
          .map((u) => ({ id: u.id, displayName: u.displayName, unitName: u.unit.name })),
        forbidden: false,
      };
    } catch (err) {
      if (isApiError(err, 'FORBIDDEN')) return { items: [], forbidden: true };
      throw err;
    }
  },
};

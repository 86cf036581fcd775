import type { UnitKind } from '../../../../../common/src/roles.js';
import { api, isApiError, type Paged } from '../../../lib/api';

/** A unit a case can be sent to: names and kinds only. */
export interface DirectoryUnit {
  id: string;
  parentId: string | null;
  kind: UnitKind;
  name: string;
  depth: number;
}

export interface UnitDirectory {
  items: DirectoryUnit[];
  /**
   * True when the server has no district-wide directory and the list is only the user's own
   * jurisdiction (GET /api/org-units): targets outside it cannot be chosen.
   */
  isScopedFallback: boolean;
}

export const directoryApi = {
  /**
   * GET /api/org-units/directory: every active unit of the user's district(s), for transfer, assign,
   * whistle and escalation targets. Servers without it answer 404; fall back to the jurisdiction list.
   */
  async load(signal?: AbortSignal): Promise<UnitDirectory> {
    try {
      const r = await api<{ items: DirectoryUnit[] }>('/api/org-units/directory', { signal });
      return { items: r.items, isScopedFallback: false };
    } catch (err) {
      // Older servers route /api/org-units/directory to /api/org-units/:id and refuse the id.
      const missing =
        isApiError(err, 'ROUTE_NOT_FOUND') ||
        isApiError(err, 'NOT_FOUND') ||
        isApiError(err, 'VALIDATION_FAILED');
      if (!missing) throw err;
      const r = await api<Paged<DirectoryUnit>>('/api/org-units', { query: { pageSize: 2000 }, signal });
      return { items: r.items, isScopedFallback: true };
    }
  },
};

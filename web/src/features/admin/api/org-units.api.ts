import type { UnitKind } from '../../../../../common/src/roles.js';
import { api, type Paged } from '../../../lib/api';

export interface UnitSummary {
  id: string;
  parentId: string | null;
  kind: UnitKind;
  name: string;
  shortName: string | null;
  /** 12-digit administrative division code. */
  divisionCode: string | null;
  depth: number;
  sortOrder: number;
  isActive: boolean;
  isWorkstation: boolean;
}

export interface Workstation {
  name: string;
  publicPhone: string;
  address: string;
  openingHours: string;
  latitude: number | null;
  longitude: number | null;
  isPublished: boolean;
}

export interface DutyEntry {
  id: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  startTime: string;
  endTime: string;
  staffName: string;
  staffTitle: string | null;
  userId: string | null;
  note: string | null;
}

export interface UnitDetail extends UnitSummary {
  ancestors: { id: string; name: string; kind: UnitKind }[];
  workstation: Workstation | null;
  dutyRoster: DutyEntry[];
  abilities: { update: boolean; createChild: boolean; manageWorkstation: boolean };
}

export interface UnitListParams {
  parentId?: string;
  kind?: UnitKind;
  q?: string;
  includeInactive?: boolean;
  page?: number;
  pageSize?: number;
}

export interface CreateUnitBody {
  parentId: string;
  kind: UnitKind;
  name: string;
  shortName?: string;
  divisionCode?: string;
  sortOrder?: number;
}

export interface UpdateUnitBody {
  name?: string;
  shortName?: string | null;
  divisionCode?: string | null;
  sortOrder?: number;
  isActive?: boolean;
}

export type WorkstationBody = Omit<Workstation, 'latitude' | 'longitude'> & {
  latitude?: number | null;
  longitude?: number | null;
};

export type DutyEntryInput = Omit<DutyEntry, 'id' | 'staffTitle' | 'userId' | 'note'> & {
  staffTitle?: string | null;
  userId?: string | null;
  note?: string | null;
};

/** The tree endpoint caps a page at 2000 units: a district's whole tree. */
export const UNIT_TREE_PAGE_SIZE = 2000;

export const orgUnitsApi = {
  list: (params: UnitListParams, signal?: AbortSignal) =>
    api<Paged<UnitSummary>>('/api/org-units', {
      query: {
        ...params,
        includeInactive: params.includeInactive === undefined ? undefined : String(params.includeInactive),
      },
      signal,
    }),
  get: (id: string, signal?: AbortSignal) =>
    api<UnitDetail>(`/api/org-units/${encodeURIComponent(id)}`, { signal }),
  create: (body: CreateUnitBody) => api<UnitDetail>('/api/org-units', { method: 'POST', body }),
  update: (id: string, body: UpdateUnitBody) =>
    api<UnitDetail>(`/api/org-units/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  setWorkstation: (id: string, body: WorkstationBody) =>
    api<UnitDetail>(`/api/org-units/${encodeURIComponent(id)}/workstation`, { method: 'PUT', body }),
  removeWorkstation: (id: string) =>
    api<{ ok: true }>(`/api/org-units/${encodeURIComponent(id)}/workstation`, { method: 'DELETE' }),
  setDutyRoster: (id: string, entries: DutyEntryInput[]) =>
    api<{ entries: DutyEntry[] }>(`/api/org-units/${encodeURIComponent(id)}/duty-roster`, {
      method: 'PUT',
      body: { entries },
    }),
};

import type { Nature } from '../../../../../common/src/cases.js';
import type { UnitKind } from '../../../../../common/src/roles.js';
import type { CategoryFlag } from '../../../../../common/src/taxonomy.js';
import { api } from '../../../lib/api';

/* 事项分类 (/api/categories) */

export interface Category {
  code: string;
  name: string;
  nameEn: string | null;
  nationalCategory: string | null;
  flags: CategoryFlag[];
  defaultNature: Nature | null;
  isPublic: boolean;
  isActive: boolean;
}

export interface CategoryGroup extends Category {
  children: Category[];
}

export interface CategoryTree {
  setId: string;
  setName: string;
  version: number;
  items: CategoryGroup[];
  abilities: { manage: boolean };
}

export interface CreateCategoryBody {
  parentCode?: string;
  name: string;
  nameEn?: string;
  nationalCategory?: string;
  flags?: CategoryFlag[];
  defaultNature?: Nature;
  isPublic?: boolean;
}

export interface UpdateCategoryBody {
  name?: string;
  nameEn?: string | null;
  nationalCategory?: string | null;
  flags?: CategoryFlag[];
  defaultNature?: Nature;
  isPublic?: boolean;
  isActive?: boolean;
}

/* 节假日安排 (/api/calendar/years) */

export type HolidayKind = 'holiday' | 'makeup_workday';

export interface CalendarDay {
  date: string;
  kind: HolidayKind;
  name: string;
}

export interface CalendarYear {
  year: number;
  notice: string;
  loadedAt: string;
  days: CalendarDay[];
}

export interface CalendarYears {
  years: CalendarYear[];
  /** This year and next year when their notice is not loaded. */
  missing: number[];
}

export interface PutYearBody {
  notice: string;
  days: CalendarDay[];
}

/* 期限配置 (/api/deadline-profiles) */

export type DayUnit = 'calendar_days' | 'working_days';

export interface DeadlineRule {
  code: string;
  labelZh: string;
  labelEn: string;
  trigger: string;
  period: number;
  unit: DayUnit;
  rollForward: boolean;
  pausable: boolean;
  extensionCapDays: number;
  basis: string;
  canOverridePeriod: boolean;
  isLocalPractice: boolean;
  isVerified: boolean;
}

export interface ProfileVersion {
  version: number;
  name: string;
  validFrom: string;
  isBuiltin: boolean;
  isInForce: boolean;
  createdAt: string | null;
  createdBy: string | null;
  note: string | null;
  warnRatio: number;
  warnDays: number;
  basedOn: { code: string; version: number } | null;
  rules: DeadlineRule[];
}

export interface DeadlineProfile {
  code: string;
  name: string;
  versions: ProfileVersion[];
}

export interface ProfileAssignment {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  profileCode: string;
}

export interface DeadlineProfiles {
  profiles: DeadlineProfile[];
  assignments: ProfileAssignment[];
  defaultProfileCode: string;
  abilities: { publish: boolean; assign: boolean };
}

export type RuleChange = Pick<
  DeadlineRule,
  'code' | 'period' | 'unit' | 'rollForward' | 'pausable' | 'extensionCapDays'
>;

export interface PublishVersionBody {
  validFrom: string;
  name?: string;
  note: string;
  warnRatio: number;
  warnDays: number;
  rules: RuleChange[];
}

export const adminConfigApi = {
  categories: (signal?: AbortSignal) =>
    api<CategoryTree>('/api/categories', { query: { includeInactive: 'true' }, signal }),
  createCategory: (body: CreateCategoryBody) => api<Category>('/api/categories', { method: 'POST', body }),
  updateCategory: (code: string, body: UpdateCategoryBody) =>
    api<Category>(`/api/categories/${encodeURIComponent(code)}`, { method: 'PUT', body }),

  calendarYears: (signal?: AbortSignal) => api<CalendarYears>('/api/calendar/years', { signal }),
  putYear: (year: number, body: PutYearBody) =>
    api<{ year: number; days: number }>(`/api/calendar/years/${year}`, { method: 'PUT', body }),

  deadlineProfiles: (signal?: AbortSignal) => api<DeadlineProfiles>('/api/deadline-profiles', { signal }),
  publishVersion: (code: string, body: PublishVersionBody) =>
    api<{ code: string; version: number; validFrom: string }>(
      `/api/deadline-profiles/${encodeURIComponent(code)}/versions`,
      { method: 'POST', body },
    ),
  assignProfile: (unitId: string, profileCode: string | null) =>
    api<{ unitId: string; profileCode: string | null }>(
      `/api/deadline-profiles/units/${encodeURIComponent(unitId)}`,
      { method: 'PUT', body: { profileCode } },
    ),
};

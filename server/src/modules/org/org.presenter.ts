import type { UnitKind } from '../../../../common/src/roles.js';

interface UnitRow {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  short_name: string | null;
  division_code: string | null;
  depth: number;
  sort_order: number;
  is_active: boolean;
  is_workstation?: boolean;
  deadline_profile?: string | null;
}

export function presentUnit(u: UnitRow) {
  return {
    id: u.id,
    parentId: u.parent_id,
    kind: u.kind as UnitKind,
    name: u.name,
    shortName: u.short_name,
    divisionCode: u.division_code,
    depth: u.depth,
    sortOrder: u.sort_order,
    isActive: u.is_active,
    isWorkstation: !!u.is_workstation,
    deadlineProfile: u.deadline_profile ?? null,
  };
}

export function presentWorkstation(w: {
  name: string;
  public_phone: string;
  address: string;
  opening_hours: string;
  latitude: number | null;
  longitude: number | null;
  is_published: boolean;
}) {
  return {
    name: w.name,
    publicPhone: w.public_phone,
    address: w.address,
    openingHours: w.opening_hours,
    latitude: w.latitude,
    longitude: w.longitude,
    isPublished: w.is_published,
  };
}

export function presentDutyEntry(e: {
  id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  staff_name: string;
  staff_title: string | null;
  user_id: string | null;
  note: string | null;
}) {
  return {
    id: e.id,
    weekday: e.weekday,
    startTime: e.start_time.slice(0, 5),
    endTime: e.end_time.slice(0, 5),
    staffName: e.staff_name,
    staffTitle: e.staff_title,
    userId: e.user_id,
    note: e.note,
  };
}

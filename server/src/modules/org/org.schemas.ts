import { z } from 'zod';
import { LIMITS } from '../../../../common/src/limits.js';
import { UNIT_KINDS } from '../../../../common/src/roles.js';

const divisionCode = z.string().regex(LIMITS.divisionCodePattern, 'divisionCodeFormat');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'timeFormat');

export const unitListQuery = z.object({
  parentId: z.uuid().optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  q: z.string().trim().max(50).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  // The whole tree of a district fits in one page for the tree view.
  pageSize: z.coerce.number().int().min(1).max(2000).default(500),
});

export const createUnitBody = z.object({
  parentId: z.uuid(),
  kind: z.enum(UNIT_KINDS),
  name: z.string().trim().min(1).max(LIMITS.unitNameMax),
  shortName: z.string().trim().max(LIMITS.unitNameMax).optional(),
  divisionCode: divisionCode.optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});

export const updateUnitBody = z
  .object({
    name: z.string().trim().min(1).max(LIMITS.unitNameMax),
    shortName: z.string().trim().max(LIMITS.unitNameMax).nullable(),
    divisionCode: divisionCode.nullable(),
    sortOrder: z.number().int().min(0).max(100000),
    isActive: z.boolean(),
    /** Local deadline profile for this unit and everything under it (null = inherit). */
    deadlineProfile: z.enum(['national-2022', 'changyi', 'dalian-zhongshan']).nullable(),
  })
  .partial();

export const workstationBody = z.object({
  name: z.string().trim().min(1).max(LIMITS.unitNameMax),
  publicPhone: z.string().trim().regex(LIMITS.phonePattern, 'phoneFormat'),
  address: z.string().trim().min(1).max(LIMITS.addressMax),
  openingHours: z.string().trim().min(1).max(LIMITS.openingHoursMax),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  isPublished: z.boolean().default(true),
});

export const dutyEntry = z
  .object({
    weekday: z.number().int().min(1).max(7),
    startTime: time,
    endTime: time,
    staffName: z.string().trim().min(1).max(LIMITS.displayNameMax),
    staffTitle: z.string().trim().max(LIMITS.displayNameMax).nullable().optional(),
    userId: z.uuid().nullable().optional(),
    note: z.string().trim().max(200).nullable().optional(),
  })
  .refine((e) => e.endTime > e.startTime, { message: 'endBeforeStart', path: ['endTime'] });

export const dutyRosterBody = z.object({ entries: z.array(dutyEntry).max(200) });

export const unitSummary = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: z.enum(UNIT_KINDS),
  name: z.string(),
  shortName: z.string().nullable(),
  divisionCode: z.string().nullable(),
  depth: z.number().int(),
  sortOrder: z.number().int(),
  isActive: z.boolean(),
  isWorkstation: z.boolean(),
  deadlineProfile: z.string().nullable(),
});

export const workstationView = z.object({
  name: z.string(),
  publicPhone: z.string(),
  address: z.string(),
  openingHours: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  isPublished: z.boolean(),
});

export const dutyEntryView = z.object({
  id: z.uuid(),
  weekday: z.number().int(),
  startTime: z.string(),
  endTime: z.string(),
  staffName: z.string(),
  staffTitle: z.string().nullable(),
  userId: z.uuid().nullable(),
  note: z.string().nullable(),
});

export const unitDetail = unitSummary.extend({
  ancestors: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(UNIT_KINDS) })),
  workstation: workstationView.nullable(),
  dutyRoster: z.array(dutyEntryView),
  abilities: z.object({ update: z.boolean(), createChild: z.boolean(), manageWorkstation: z.boolean() }),
});

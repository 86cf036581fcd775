import { z } from 'zod';
import { isISODate } from './iso-date.js';

/** Limits of the deadline rules page, shared by the route schemas and the use case's messages. */
export const PROFILE_LIMITS = {
  nameMax: 100,
  noteMax: 500,
  /** About ten years: no rule in DOMAIN.md §1.7 comes near it. */
  periodMax: 3660,
} as const;

const isoDate = z.string().refine(isISODate, { message: 'dateFormat' });
const dayCount = z.number().int().min(0).max(PROFILE_LIMITS.periodMax);

export const profileCodeParams = z.object({ code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/) });
export const unitIdParams = z.object({ unitId: z.uuid() });

/**
 * What an administrator may change in a new version. Labels, triggers and legal bases stay as the
 * previous version has them: the case lifecycle starts clocks by rule code and trigger, so a new
 * version changes numbers, not meaning. Rules left out are copied unchanged.
 */
export const ruleChange = z.object({
  code: z.string().regex(/^D_[A-Z0-9_]+$/),
  period: dayCount.min(1),
  unit: z.enum(['calendar_days', 'working_days']),
  rollForward: z.boolean(),
  pausable: z.boolean(),
  extensionCapDays: dayCount,
});

export const publishVersionBody = z.object({
  validFrom: isoDate,
  name: z.string().trim().min(1).max(PROFILE_LIMITS.nameMax).optional(),
  note: z.string().trim().min(1).max(PROFILE_LIMITS.noteMax),
  warnRatio: z.number().min(0).max(1),
  warnDays: dayCount,
  rules: z.array(ruleChange).max(100),
});

export const assignProfileBody = z.object({
  /** null: the unit names no profile and inherits its parent's. */
  profileCode: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,49}$/)
    .nullable(),
});

const ruleView = z.object({
  code: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  trigger: z.string(),
  period: z.number().int(),
  unit: z.enum(['calendar_days', 'working_days']),
  rollForward: z.boolean(),
  pausable: z.boolean(),
  extensionCapDays: z.number().int(),
  basis: z.string(),
  canOverridePeriod: z.boolean(),
  isLocalPractice: z.boolean(),
  isVerified: z.boolean(),
});

export const profileVersionView = z.object({
  version: z.number().int(),
  name: z.string(),
  validFrom: z.string(),
  /** Shipped with Laiban (deadline-rules.ts) rather than published by an administrator. */
  isBuiltin: z.boolean(),
  /** The version a clock started today would use. */
  isInForce: z.boolean(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  note: z.string().nullable(),
  warnRatio: z.number(),
  warnDays: z.number().int(),
  basedOn: z.object({ code: z.string(), version: z.number().int() }).nullable(),
  rules: z.array(ruleView),
});

export const profileList = z.object({
  profiles: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      versions: z.array(profileVersionView),
    }),
  ),
  /** Units in the reader's jurisdiction that name a profile themselves (others inherit). */
  assignments: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      unitKind: z.string(),
      profileCode: z.string(),
    }),
  ),
  defaultProfileCode: z.string(),
  abilities: z.object({ publish: z.boolean(), assign: z.boolean() }),
});

export const publishedVersion = z.object({
  code: z.string(),
  version: z.number().int(),
  validFrom: z.string(),
});
export const assignedProfile = z.object({ unitId: z.string(), profileCode: z.string().nullable() });

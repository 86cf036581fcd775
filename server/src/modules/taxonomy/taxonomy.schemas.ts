import { z } from 'zod';
import { NATURES } from '../../../../common/src/cases.js';
import { CATEGORY_FLAGS, CATEGORY_LIMITS } from '../../../../common/src/taxonomy.js';

export const categoryCodeParams = z.object({ code: z.string().regex(CATEGORY_LIMITS.codePattern) });

export const categoryTreeQuery = z.object({
  includeInactive: z.enum(['true', 'false']).optional(),
});

const name = z.string().trim().min(1).max(CATEGORY_LIMITS.nameMax);
const nameEn = z.string().trim().min(1).max(CATEGORY_LIMITS.nameEnMax);
const nationalCategory = z.string().trim().min(1).max(CATEGORY_LIMITS.nationalCategoryMax);
const flags = z.array(z.enum(CATEGORY_FLAGS)).max(CATEGORY_FLAGS.length);
const sortOrder = z.number().int().min(0).max(10000);

/** Every field optional; flags and defaultNature apply to leaves only (checked by the use case). */
export const updateCategoryBody = z
  .object({
    name,
    nameEn: nameEn.nullable(),
    nationalCategory: nationalCategory.nullable(),
    flags,
    defaultNature: z.enum(NATURES),
    isPublic: z.boolean(),
    isActive: z.boolean(),
    sortOrder,
  })
  .partial();

/** A leaf under `parentCode`, or a new top level when `parentCode` is absent. The code is assigned. */
export const createCategoryBody = z.object({
  parentCode: z.string().regex(CATEGORY_LIMITS.topLevelCodePattern).optional(),
  name,
  nameEn: nameEn.optional(),
  nationalCategory: nationalCategory.optional(),
  flags: flags.optional(),
  defaultNature: z.enum(NATURES).optional(),
  isPublic: z.boolean().optional(),
  sortOrder: sortOrder.optional(),
});

export const categoryView = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  nationalCategory: z.string().nullable(),
  flags: z.array(z.enum(CATEGORY_FLAGS)),
  defaultNature: z.enum(NATURES).nullable(),
  isPublic: z.boolean(),
  isActive: z.boolean(),
});

export const categoryGroupView = categoryView.extend({ children: z.array(categoryView) });

export const categoryTree = z.object({
  setId: z.string(),
  setName: z.string(),
  version: z.number().int(),
  items: z.array(categoryGroupView),
  abilities: z.object({ manage: z.boolean() }),
});

export const categoryDetail = categoryView.extend({
  setId: z.string(),
  parentCode: z.string().nullable(),
  level: z.union([z.literal(1), z.literal(2)]),
  sortOrder: z.number().int(),
});

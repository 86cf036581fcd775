/**
 * Changes to the active category set by a system administrator: edit one category, add a leaf or a
 * top level. Each runs in one transaction that first locks the active set, then writes the change
 * and its admin event.
 *
 * Edits apply in place to the active set. That is deliberate for what these routes allow (a clearer
 * name, a flag, hiding a category): a case stores the code it was filed under, and the code never
 * changes meaning. A change of meaning or a new list is a new set, loaded and activated as a whole.
 */
import type { Nature } from '../../../../../common/src/cases.js';
import type { CategoryFlag } from '../../../../../common/src/taxonomy.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { nextCode, normalizeFlags, suggestedNature } from '../category-code.js';
import { authorizeTaxonomy } from '../taxonomy.policy.js';
import {
  type CategoryChanges,
  type CategoryRow,
  findCategory,
  findCategoryForUpdate,
  insertCategory,
  listCodes,
  lockActiveSet,
  maxSiblingSortOrder,
  recordCategoryEvent,
  siblingHasName,
  updateCategoryRow,
} from '../taxonomy.repository.js';

/** The database's own guard against two siblings with one name (a race the checks below lost). */
function isSiblingNameViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'categories_sibling_name_uniq';
}

/** A business-rule failure on one field, in the same shape as a schema validation failure. */
function invalidField(path: string, zh: string): AppError {
  return new AppError('VALIDATION_FAILED', [{ path, message: zh }], {
    zh: `以下内容有误，请检查：${path}`,
    en: `Some fields are invalid: ${path}`,
  });
}

const nameTaken = () => invalidField('body.name', '同一大类下已有同名分类');

/** Top-level categories group leaves; a case is never filed under one, so they carry no hints. */
function refuseLeafOnlyFields(input: { flags?: unknown; defaultNature?: unknown }): void {
  if (input.flags !== undefined) throw invalidField('body.flags', '只有二级事项可以设置标记');
  if (input.defaultNature !== undefined)
    throw invalidField('body.defaultNature', '只有二级事项可以设置默认性质');
}

async function activeSetLocked(trx: Parameters<typeof lockActiveSet>[0]) {
  const set = await lockActiveSet(trx);
  if (!set) throw new AppError('NOT_FOUND');
  return set;
}

export interface UpdateCategoryInput {
  name?: string | undefined;
  nameEn?: string | null | undefined;
  nationalCategory?: string | null | undefined;
  flags?: CategoryFlag[] | undefined;
  defaultNature?: Nature | undefined;
  isPublic?: boolean | undefined;
  isActive?: boolean | undefined;
  sortOrder?: number | undefined;
}

/** Only the fields that really change, with their old values for the admin event. */
function diff(row: CategoryRow, input: UpdateCategoryInput) {
  const wanted: CategoryChanges = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.nameEn !== undefined && { name_en: input.nameEn }),
    ...(input.nationalCategory !== undefined && { national_category: input.nationalCategory }),
    ...(input.flags !== undefined && { flags: normalizeFlags(input.flags) }),
    ...(input.defaultNature !== undefined && { default_nature: input.defaultNature }),
    ...(input.isPublic !== undefined && { is_public: input.isPublic }),
    ...(input.isActive !== undefined && { is_active: input.isActive }),
    ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
  };
  const changes: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    const old = row[key as keyof CategoryRow];
    if (JSON.stringify(old) === JSON.stringify(value)) continue;
    changes[key] = value;
    before[key] = old;
  }
  return { changes: changes as CategoryChanges, before };
}

/**
 * Edits one category of the active set.
 *
 * @throws FORBIDDEN unless the actor administers a whole organisation tree; NOT_FOUND for a code
 *   the active set does not have; VALIDATION_FAILED for leaf-only fields on a top level or a name
 *   a sibling already has.
 */
export async function updateCategory(ctx: Ctx, code: string, input: UpdateCategoryInput): Promise<void> {
  authorizeTaxonomy(ctx.actor, 'manage');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const set = await activeSetLocked(trx);
      const row = await findCategoryForUpdate(trx, set.id, code);
      if (!row) throw new AppError('NOT_FOUND');
      if (row.level === 1) refuseLeafOnlyFields(input);
      const { changes, before } = diff(row, input);
      if (Object.keys(changes).length === 0) return;
      if (
        changes.name !== undefined &&
        (await siblingHasName(trx, set.id, row.parent_code, changes.name, code))
      )
        throw nameTaken();
      await updateCategoryRow(trx, set.id, code, changes);
      await recordCategoryEvent(trx, {
        actor: ctx.actor,
        type: 'category.updated',
        entityId: row.id,
        payload: { setId: set.id, code, before, changes },
        requestId: ctx.requestId,
      });
    });
  } catch (err) {
    if (isSiblingNameViolation(err)) throw nameTaken();
    throw err;
  }
}

export interface CreateCategoryInput {
  /** The top level to add a leaf under; absent for a new top level. */
  parentCode?: string | undefined;
  name: string;
  nameEn?: string | undefined;
  nationalCategory?: string | undefined;
  flags?: CategoryFlag[] | undefined;
  defaultNature?: Nature | undefined;
  isPublic?: boolean | undefined;
  sortOrder?: number | undefined;
}

/**
 * Adds a leaf under an existing top level, or a new top level, to the active set, with the next
 * free code of its group (codes are never reused, see nextCode). A leaf without a national category
 * takes its parent's first one; without a nature, the one its flags suggest.
 *
 * @returns the new code.
 * @throws FORBIDDEN, NOT_FOUND (no such top level), VALIDATION_FAILED (leaf-only fields on a top
 *   level, a name a sibling has, or no code left in the group).
 */
export async function createCategory(ctx: Ctx, input: CreateCategoryInput): Promise<string> {
  authorizeTaxonomy(ctx.actor, 'manage');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const set = await activeSetLocked(trx);
      let parent: CategoryRow | undefined;
      if (input.parentCode !== undefined) {
        parent = await findCategory(trx, set.id, input.parentCode);
        if (parent?.level !== 1) throw new AppError('NOT_FOUND');
      } else {
        refuseLeafOnlyFields(input);
      }
      const parentCode = parent?.code ?? null;
      const code = nextCode(await listCodes(trx, set.id), parentCode);
      if (!code) throw invalidField('body.parentCode', '该大类下已无可用编码（01–99已用完）');
      if (await siblingHasName(trx, set.id, parentCode, input.name)) throw nameTaken();
      const flags = normalizeFlags(input.flags ?? []);
      const row = await insertCategory(trx, {
        set_id: set.id,
        code,
        parent_code: parentCode,
        level: parent ? 2 : 1,
        name: input.name,
        name_en: input.nameEn ?? null,
        national_category:
          input.nationalCategory ?? (parent?.national_category?.split(' / ')[0]?.trim() || null),
        flags,
        default_nature: parent ? (input.defaultNature ?? suggestedNature(flags)) : null,
        is_public: input.isPublic ?? true,
        is_active: true,
        sort_order: input.sortOrder ?? (await maxSiblingSortOrder(trx, set.id, parentCode)) + 1,
      });
      await recordCategoryEvent(trx, {
        actor: ctx.actor,
        type: 'category.created',
        entityId: row.id,
        payload: {
          setId: set.id,
          code,
          parentCode,
          name: row.name,
          flags,
          defaultNature: row.default_nature,
        },
        requestId: ctx.requestId,
      });
      return code;
    });
  } catch (err) {
    if (isSiblingNameViolation(err)) throw nameTaken();
    throw err;
  }
}

import type { Nature } from '../../../../common/src/cases.js';
import type { CategoryFlag } from '../../../../common/src/taxonomy.js';
import type { CategoryRow } from './taxonomy.repository.js';

export function presentCategory(row: CategoryRow) {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    nationalCategory: row.national_category,
    flags: row.flags as CategoryFlag[],
    defaultNature: row.default_nature as Nature | null,
    isPublic: row.is_public,
    isActive: row.is_active,
  };
}

/** One category with its place in the set, as the write routes answer. */
export function presentCategoryDetail(row: CategoryRow) {
  return {
    ...presentCategory(row),
    setId: row.set_id,
    parentCode: row.parent_code,
    level: row.level === 1 ? (1 as const) : (2 as const),
    sortOrder: row.sort_order,
  };
}

/**
 * The two-level tree of a set. Rows come in display order (listCategories). Without
 * `includeInactive`, an inactive top level is left out with all its leaves, since none of them
 * may be chosen.
 */
export function presentTree(rows: readonly CategoryRow[], includeInactive: boolean) {
  const shown = (r: CategoryRow) => includeInactive || r.is_active;
  const groups = rows
    .filter((r) => r.level === 1 && shown(r))
    .map((r) => ({ ...presentCategory(r), children: [] as ReturnType<typeof presentCategory>[] }));
  const byCode = new Map(groups.map((g) => [g.code, g]));
  for (const r of rows) {
    if (r.level !== 2 || !shown(r) || r.parent_code === null) continue;
    byCode.get(r.parent_code)?.children.push(presentCategory(r));
  }
  return groups;
}

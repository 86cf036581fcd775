import type { Nature } from '../../../../../common/src/cases.js';
import type { CategoryFlag } from '../../../../../common/src/taxonomy.js';
import { api } from '../../../lib/api';

/** One category of the active set (taxonomy.presenter.ts presentCategory). */
export interface Category {
  code: string;
  name: string;
  nameEn: string | null;
  nationalCategory: string | null;
  flags: CategoryFlag[];
  /** The nature a leaf suggests at intake; the clerk may change it. */
  defaultNature: Nature | null;
  isPublic: boolean;
  isActive: boolean;
}

export interface CategoryGroup extends Category {
  children: Category[];
}

/** GET /api/categories: the two-level tree of the active category set. */
export interface CategoryTree {
  setId: string;
  setName: string;
  version: number;
  items: CategoryGroup[];
  abilities: { manage: boolean };
}

export const categoriesApi = {
  tree: (signal?: AbortSignal) => api<CategoryTree>('/api/categories', { signal }),
};

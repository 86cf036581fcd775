import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { labelLang } from '../../../app/i18n';
import { type Category, type CategoryGroup, categoriesApi } from '../api/categories.api';

export interface CategoryTreeNode {
  value: string;
  title: string;
  selectable?: boolean;
  children?: CategoryTreeNode[];
}

/** The active category set, its names by code, and TreeSelect data for filters and forms. */
export function useCategories() {
  const { i18n } = useTranslation();
  const isEn = labelLang(i18n.language) === 'en';
  const query = useQuery({
    queryKey: ['categories', 'tree'],
    queryFn: ({ signal }) => categoriesApi.tree(signal),
    staleTime: 10 * 60_000,
    // Names only: without them the page still works (ids and codes show), so no error toast.
    meta: { silent: true },
  });
  return useMemo(() => {
    const groups: CategoryGroup[] = query.data?.items ?? [];
    const byCode = new Map<string, Category>();
    for (const g of groups) {
      byCode.set(g.code, g);
      for (const c of g.children) byCode.set(c.code, c);
    }
    const label = (c: Category) => (isEn && c.nameEn ? c.nameEn : c.name);
    const node = (c: Category, selectable: boolean): CategoryTreeNode => ({
      value: c.code,
      title: `${c.code} ${label(c)}`,
      selectable,
    });
    return {
      isLoading: query.isLoading,
      byCode,
      /** "0107 市政道路桥梁排水设施" → the leaf's name, and its group's name before it. */
      name: (code: string | null | undefined): string => {
        if (!code) return '';
        const c = byCode.get(code);
        if (!c) return code;
        const group = code.length === 4 ? byCode.get(code.slice(0, 2)) : undefined;
        return group ? `${label(group)} / ${label(c)}` : label(c);
      },
      leafName: (code: string | null | undefined): string => {
        const c = code ? byCode.get(code) : undefined;
        return c ? label(c) : (code ?? '');
      },
      /** Groups and leaves selectable (the list filter takes either). */
      filterTree: groups.map((g) => ({
        ...node(g, true),
        children: g.children.map((c) => node(c, true)),
      })),
      /** Only leaves selectable (a case is registered under a leaf). */
      leafTree: groups.map((g) => ({
        ...node(g, false),
        children: g.children.map((c) => node(c, true)),
      })),
    };
  }, [query.data, query.isLoading, isEn]);
}

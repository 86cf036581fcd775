import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../../../common/src/roles.js';
import { labelLang } from '../../../app/i18n';
import { type DirectoryUnit, directoryApi } from '../api/directory.api';

export interface UnitOption {
  value: string;
  label: string;
}

/** Options grouped by kind of unit (职能部门, 乡镇/街道, 社区/村 …), ready for an antd Select. */
export interface UnitOptionGroup {
  label: string;
  title: string;
  options: UnitOption[];
}

/** Departments first: they are what a case is most often sent to. */
const GROUP_ORDER: UnitKind[] = [
  'department',
  'town',
  'community',
  'service_centre',
  'discipline',
  'court',
  'district',
  'grid',
];

/** Kinds whose names repeat across towns: their option names the unit above ("第一网格（杏林社区）"). */
const NAMED_WITH_PARENT = new Set<DirectoryUnit['kind']>(['community', 'grid', 'service_centre']);

/** Units a case can be sent to, as select options grouped by kind. */
export function useUnitDirectory(enabled = true) {
  const { i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const query = useQuery({
    queryKey: ['org-units', 'directory'],
    queryFn: ({ signal }) => directoryApi.load(signal),
    staleTime: 10 * 60_000,
    enabled,
    // Names only: without them the page still works (ids and codes show), so no error toast.
    meta: { silent: true },
  });
  return useMemo(() => {
    const items = query.data?.items ?? [];
    const byId = new Map(items.map((u) => [u.id, u]));
    const option = (u: DirectoryUnit): UnitOption => {
      const parent = u.parentId ? byId.get(u.parentId) : undefined;
      return {
        value: u.id,
        label: parent && NAMED_WITH_PARENT.has(u.kind) ? `${u.name}（${parent.name}）` : u.name,
      };
    };
    return {
      isLoading: query.isLoading,
      isScopedFallback: query.data?.isScopedFallback ?? false,
      byId,
      name: (id: string | null | undefined) => (id ? (byId.get(id)?.name ?? null) : null),
      options: (filter?: (u: DirectoryUnit) => boolean): UnitOptionGroup[] => {
        const chosen = items.filter(filter ?? (() => true));
        return GROUP_ORDER.map((kind) => {
          const label = UNIT_KIND_LABELS[kind]?.[lang] ?? kind;
          return { label, title: label, options: chosen.filter((u) => u.kind === kind).map(option) };
        }).filter((g) => g.options.length > 0);
      },
      /** The units above `id`, nearest first (escalation targets). */
      ancestors: (id: string): DirectoryUnit[] => {
        const out: DirectoryUnit[] = [];
        let cur = byId.get(id);
        while (cur?.parentId) {
          const parent = byId.get(cur.parentId);
          if (!parent) break;
          out.push(parent);
          cur = parent;
        }
        return out;
      },
    };
  }, [query.data, query.isLoading, lang]);
}

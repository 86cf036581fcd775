import { useMemo } from 'react';
import { buildUnitTree, toTreeSelectData, type UnitTreeSelectNode } from '../components/unit-tree-data';
import { useUnitTree } from './use-org-units';

/** Units of the jurisdiction as TreeSelect data, for unit pickers in forms and filters. */
export function useUnitOptions(): { treeData: UnitTreeSelectNode[]; isLoading: boolean } {
  const { data, isLoading } = useUnitTree(false);
  return useMemo(() => {
    const roots = buildUnitTree(data?.items ?? []);
    return { treeData: toTreeSelectData(roots), isLoading };
  }, [data, isLoading]);
}

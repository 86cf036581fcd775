import type { UnitSummary } from '../api/org-units.api';

export interface UnitNode {
  unit: UnitSummary;
  children: UnitNode[];
}

/**
 * Builds the jurisdiction tree from the flat list (sorted by depth, then sortOrder). A unit whose
 * parent is not in the list is a root: the list holds only the user's subtrees.
 */
export function buildUnitTree(units: readonly UnitSummary[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) nodes.set(unit.id, { unit, children: [] });
  const roots: UnitNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const byOrder = (a: UnitNode, b: UnitNode) =>
    a.unit.sortOrder - b.unit.sortOrder || a.unit.name.localeCompare(b.unit.name, 'zh-CN');
  const sortDeep = (list: UnitNode[]) => {
    list.sort(byOrder);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/** Keeps the units whose name matches `q` (with their subtrees) and the path down to them. */
export function filterUnitTree(nodes: readonly UnitNode[], q: string): UnitNode[] {
  const needle = q.trim().toLowerCase();
  if (!needle) return [...nodes];
  const out: UnitNode[] = [];
  for (const n of nodes) {
    const children = filterUnitTree(n.children, q);
    const hit =
      n.unit.name.toLowerCase().includes(needle) || (n.unit.shortName ?? '').toLowerCase().includes(needle);
    if (hit) out.push(n);
    else if (children.length) out.push({ unit: n.unit, children });
  }
  return out;
}

export function collectIds(
  nodes: readonly UnitNode[],
  maxDepth = Number.POSITIVE_INFINITY,
  level = 0,
): string[] {
  if (level >= maxDepth) return [];
  return nodes.flatMap((n) => [n.unit.id, ...collectIds(n.children, maxDepth, level + 1)]);
}

export interface UnitTreeSelectNode {
  value: string;
  title: string;
  disabled?: boolean;
  children?: UnitTreeSelectNode[];
}

/** Tree data for antd TreeSelect (unit pickers). Disabled units cannot be chosen. */
export function toTreeSelectData(nodes: readonly UnitNode[]): UnitTreeSelectNode[] {
  return nodes.map((n) => ({
    value: n.unit.id,
    title: n.unit.name,
    ...(n.unit.isActive ? {} : { disabled: true }),
    ...(n.children.length ? { children: toTreeSelectData(n.children) } : {}),
  }));
}

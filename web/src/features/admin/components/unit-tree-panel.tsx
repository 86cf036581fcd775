import { ShopOutlined } from '@ant-design/icons';
import { Alert, Card, Checkbox, Empty, Input, Spin, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitSummary } from '../api/org-units.api';
import { UnitKindTag } from './unit-kind-tag';
import { buildUnitTree, collectIds, filterUnitTree, type UnitNode } from './unit-tree-data';

interface Props {
  units: UnitSummary[];
  total: number;
  loading: boolean;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  includeInactive: boolean;
  onIncludeInactiveChange: (value: boolean) => void;
}

function UnitTitle({ unit }: { unit: UnitSummary }) {
  const { t } = useTranslation();
  return (
    <span
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 6,
        whiteSpace: 'nowrap',
        opacity: unit.isActive ? 1 : 0.5,
      }}
    >
      <span style={unit.isActive ? undefined : { textDecoration: 'line-through' }}>{unit.name}</span>
      <UnitKindTag kind={unit.kind} />
      {unit.isWorkstation && (
        <Tag color="gold" icon={<ShopOutlined />} style={{ marginInlineEnd: 0 }}>
          {t('org.workstationBadge')}
        </Tag>
      )}
      {!unit.isActive && <Tag style={{ marginInlineEnd: 0 }}>{t('org.inactiveTag')}</Tag>}
    </span>
  );
}

function toDataNodes(nodes: UnitNode[]): DataNode[] {
  return nodes.map((n) => ({
    key: n.unit.id,
    title: <UnitTitle unit={n.unit} />,
    children: n.children.length ? toDataNodes(n.children) : undefined,
    isLeaf: n.children.length === 0,
  }));
}

/** The jurisdiction as a tree: kind tags, a 工作室 badge, disabled units greyed out. */
export function UnitTreePanel(props: Props) {
  const { t } = useTranslation();
  const { units, total, loading, selectedId, onSelect, includeInactive, onIncludeInactiveChange } = props;
  const [q, setQ] = useState('');
  const roots = useMemo(() => buildUnitTree(units), [units]);
  const visible = useMemo(() => filterUnitTree(roots, q), [roots, q]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [initialised, setInitialised] = useState(false);

  // Open the top two levels once the tree first arrives; later refreshes keep what the user opened.
  useEffect(() => {
    if (initialised || roots.length === 0) return;
    setExpanded(collectIds(roots, 2));
    setInitialised(true);
  }, [roots, initialised]);

  // While searching, open every match.
  useEffect(() => {
    if (q.trim()) setExpanded(collectIds(visible));
  }, [q, visible]);

  // The selected unit is always visible: open the path down to it (e.g. a unit just created).
  useEffect(() => {
    if (!selectedId) return;
    const byId = new Map(units.map((u) => [u.id, u]));
    const path: string[] = [];
    for (let p = byId.get(selectedId)?.parentId; p && byId.has(p); p = byId.get(p)?.parentId) path.push(p);
    if (path.length)
      setExpanded((prev) =>
        path.every((id) => prev.includes(id)) ? prev : [...new Set([...prev, ...path])],
      );
  }, [selectedId, units]);

  const treeData = useMemo(() => toDataNodes(visible), [visible]);

  return (
    <Card
      title={t('org.title')}
      size="small"
      styles={{ body: { padding: 12 } }}
      extra={
        <Checkbox checked={includeInactive} onChange={(e) => onIncludeInactiveChange(e.target.checked)}>
          {t('org.showInactive')}
        </Checkbox>
      }
    >
      <Input.Search
        allowClear
        placeholder={t('org.searchPlaceholder')}
        onChange={(e) => setQ(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      {total > units.length && (
        <Alert
          type="warning"
          showIcon
          title={t('org.truncated', { count: units.length })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Spin spinning={loading}>
        <div
          style={{ maxHeight: 'calc(100vh - 260px)', minHeight: 200, overflow: 'auto' }}
          data-testid="org-tree"
        >
          {treeData.length ? (
            <Tree
              blockNode
              showLine
              treeData={treeData}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => {
                const key = keys[0];
                if (key !== undefined) onSelect(String(key));
              }}
            />
          ) : (
            !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.empty')} />
          )}
        </div>
      </Spin>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('common.total', { total })}
      </Typography.Text>
    </Card>
  );
}

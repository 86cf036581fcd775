import { Checkbox, Input, Select, Space, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../../common/src/roles.js';
import { useLabels } from '../../../lib/labels';
import type { UnitTreeSelectNode } from './unit-tree-data';

export interface UserFilters {
  unitId?: string | undefined;
  role?: Role | undefined;
  q?: string | undefined;
  includeInactive: boolean;
}

interface Props {
  value: UserFilters;
  unitTree: UnitTreeSelectNode[];
  onChange: (next: UserFilters) => void;
}

/** Filters above the user table: unit (with sub-units), role, name/username, include disabled. */
export function UsersFilterBar({ value, unitTree, onChange }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Space wrap size={[12, 12]}>
      <TreeSelect
        allowClear
        style={{ width: 240 }}
        treeData={unitTree}
        value={value.unitId}
        placeholder={t('users.filterUnit')}
        showSearch={{ treeNodeFilterProp: 'title' }}
        treeDefaultExpandedKeys={unitTree.map((n) => n.value)}
        popupMatchSelectWidth={false}
        onChange={(unitId?: string) => onChange({ ...value, unitId })}
        aria-label={t('users.filterUnit')}
      />
      <Select<Role>
        allowClear
        style={{ width: 180 }}
        value={value.role}
        placeholder={t('users.filterRole')}
        options={ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
        onChange={(role?: Role) => onChange({ ...value, role })}
        aria-label={t('users.filterRole')}
      />
      <Input.Search
        allowClear
        style={{ width: 220 }}
        defaultValue={value.q}
        placeholder={t('users.searchPlaceholder')}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        aria-label={t('users.searchPlaceholder')}
      />
      <Checkbox
        checked={value.includeInactive}
        onChange={(e) => onChange({ ...value, includeInactive: e.target.checked })}
      >
        {t('users.includeInactive')}
      </Checkbox>
    </Space>
  );
}

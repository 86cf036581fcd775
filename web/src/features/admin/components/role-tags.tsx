import { Space, Tag, Tooltip } from 'antd';
import type { Role } from '../../../../../common/src/roles.js';
import { useLabels } from '../../../lib/labels';

const ROLE_COLORS: Partial<Record<Role, string>> = {
  system_admin: 'red',
  leader: 'gold',
  petition_clerk: 'blue',
  workstation_staff: 'green',
  grid_worker: 'cyan',
  department_handler: 'geekblue',
  mediator: 'purple',
  discipline_inspector: 'volcano',
};

/** Role grants as tags; the unit is shown when it differs from the user's own unit. */
export function RoleTags({
  roles,
  homeUnitId,
}: {
  roles: { role: Role; unitId: string; unitName: string }[];
  homeUnitId?: string;
}) {
  const labels = useLabels();
  if (!roles.length) return <span>—</span>;
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((r) => {
        const label = labels.role(r.role);
        const elsewhere = homeUnitId !== undefined && r.unitId !== homeUnitId;
        return (
          <Tooltip key={`${r.role}:${r.unitId}`} title={r.unitName}>
            <Tag color={ROLE_COLORS[r.role]} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
              {elsewhere ? `${label}（${r.unitName}）` : label}
            </Tag>
          </Tooltip>
        );
      })}
    </Space>
  );
}

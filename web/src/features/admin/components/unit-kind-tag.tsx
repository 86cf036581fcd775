import { Tag } from 'antd';
import type { UnitKind } from '../../../../../common/src/roles.js';
import { UNIT_KIND_COLORS, useLabels } from '../../../lib/labels';

export function UnitKindTag({ kind }: { kind: UnitKind }) {
  const labels = useLabels();
  return (
    <Tag color={UNIT_KIND_COLORS[kind]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {labels.unitKind(kind)}
    </Tag>
  );
}

import {
  CalendarOutlined,
  CheckCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  ShopOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DutyEntry, UnitDetail } from '../api/org-units.api';
import { sortDutyEntries } from './duty-roster-modal';
import { childKindsOf } from './unit-form-modal';
import { UnitKindTag } from './unit-kind-tag';

interface Props {
  unit: UnitDetail | undefined;
  loading: boolean;
  onNavigate: (id: string) => void;
  onCreateChild: () => void;
  onEdit: () => void;
  onToggleActive: () => void;
  onEditWorkstation: () => void;
  onRemoveWorkstation: () => void;
  onEditRoster: () => void;
}

function DutyRosterTable({ entries }: { entries: DutyEntry[] }) {
  const { t } = useTranslation();
  const weekdays = t('org.weekdays', { returnObjects: true }) as string[];
  const none = t('common.none');
  return (
    <Table<DutyEntry>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={sortDutyEntries(entries)}
      locale={{ emptyText: t('org.noDuty') }}
      columns={[
        {
          title: t('org.weekday'),
          dataIndex: 'weekday',
          width: 90,
          render: (w: number) => weekdays[w - 1] ?? w,
        },
        {
          title: t('org.time'),
          key: 'time',
          width: 140,
          render: (_, e) => `${e.startTime} – ${e.endTime}`,
        },
        { title: t('org.staffName'), dataIndex: 'staffName' },
        { title: t('org.staffTitle'), dataIndex: 'staffTitle', render: (v: string | null) => v || none },
        { title: t('org.note'), dataIndex: 'note', render: (v: string | null) => v || none },
      ]}
    />
  );
}

/** The selected unit: where it sits, its details, its workstation and duty roster, and what may be done. */
export function UnitDetailPanel(props: Props) {
  const { t } = useTranslation();
  const { unit, loading } = props;
  const none = t('common.none');

  if (!unit) {
    return (
      <Card>
        <Spin spinning={loading}>
          <Empty description={t('org.selectHint')} style={{ padding: 48 }} />
        </Spin>
      </Card>
    );
  }

  const { abilities, workstation } = unit;
  const canAddChild = abilities.createChild && unit.isActive && childKindsOf(unit.kind).length > 0;
  const showWorkstation = unit.kind === 'community' || workstation !== null;
  const parent = unit.ancestors[unit.ancestors.length - 1];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card loading={loading && !unit} data-testid="unit-detail">
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[
            ...unit.ancestors.map((a) => ({
              key: a.id,
              title: (
                <Typography.Link onClick={() => props.onNavigate(a.id)} data-unit-id={a.id}>
                  {a.name}
                </Typography.Link>
              ),
            })),
            { key: unit.id, title: unit.name },
          ]}
        />
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
          <Space size={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {unit.name}
            </Typography.Title>
            <UnitKindTag kind={unit.kind} />
            {unit.isWorkstation && (
              <Tag color="gold" icon={<ShopOutlined />}>
                {t('org.workstationBadge')}
              </Tag>
            )}
            <Tag color={unit.isActive ? 'success' : 'default'}>
              {unit.isActive ? t('common.statusActive') : t('common.statusInactive')}
            </Tag>
          </Space>
          <Space wrap>
            {canAddChild && (
              <Button type="primary" icon={<PlusOutlined />} onClick={props.onCreateChild}>
                {t('org.createChild')}
              </Button>
            )}
            {abilities.update && (
              <Button icon={<EditOutlined />} onClick={props.onEdit}>
                {t('common.edit')}
              </Button>
            )}
            {abilities.update && (
              <Button
                danger={unit.isActive}
                icon={unit.isActive ? <StopOutlined /> : <CheckCircleOutlined />}
                onClick={props.onToggleActive}
              >
                {unit.isActive ? t('org.deactivate') : t('org.activate')}
              </Button>
            )}
          </Space>
        </div>
        <Descriptions
          style={{ marginTop: 16 }}
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'name', label: t('org.name'), children: unit.name },
            { key: 'shortName', label: t('org.shortName'), children: unit.shortName || none },
            { key: 'kind', label: t('org.kind'), children: <UnitKindTag kind={unit.kind} /> },
            {
              key: 'divisionCode',
              label: t('org.divisionCode'),
              children: unit.divisionCode ? (
                <Typography.Text code>{unit.divisionCode}</Typography.Text>
              ) : (
                none
              ),
            },
            { key: 'parent', label: t('org.parent'), children: parent?.name ?? t('org.noParent') },
            { key: 'sortOrder', label: t('org.sortOrder'), children: unit.sortOrder },
          ]}
        />
      </Card>

      {showWorkstation && (
        <Card
          title={
            <Space>
              <ShopOutlined />
              {t('org.workstation')}
              {workstation && (
                <Tag color={workstation.isPublished ? 'success' : 'default'}>
                  {workstation.isPublished ? t('org.wsPublishedYes') : t('org.wsPublishedNo')}
                </Tag>
              )}
            </Space>
          }
          extra={
            abilities.manageWorkstation && (
              <Space>
                <Button size="small" icon={<EditOutlined />} onClick={props.onEditWorkstation}>
                  {workstation ? t('org.editWorkstation') : t('org.setUpWorkstation')}
                </Button>
                {workstation && (
                  <Button size="small" danger icon={<DeleteOutlined />} onClick={props.onRemoveWorkstation}>
                    {t('org.removeWorkstation')}
                  </Button>
                )}
              </Space>
            )
          }
        >
          {workstation ? (
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 1, md: 2 }}
              items={[
                { key: 'name', label: t('org.wsName'), children: workstation.name },
                { key: 'phone', label: t('org.wsPhone'), children: workstation.publicPhone },
                { key: 'address', label: t('org.wsAddress'), children: workstation.address, span: 2 },
                { key: 'hours', label: t('org.wsOpeningHours'), children: workstation.openingHours, span: 2 },
                {
                  key: 'location',
                  label: t('org.wsLocation'),
                  children:
                    workstation.latitude !== null && workstation.longitude !== null
                      ? `${workstation.latitude}, ${workstation.longitude}`
                      : none,
                },
              ]}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noWorkstation')} />
          )}
        </Card>
      )}

      {(workstation || unit.dutyRoster.length > 0) && (
        <Card
          title={
            <Space>
              <CalendarOutlined />
              {t('org.dutyRoster')}
            </Space>
          }
          extra={
            abilities.manageWorkstation &&
            workstation && (
              <Button size="small" icon={<EditOutlined />} onClick={props.onEditRoster}>
                {t('org.editDutyRoster')}
              </Button>
            )
          }
        >
          <DutyRosterTable entries={unit.dutyRoster} />
        </Card>
      )}
    </Space>
  );
}

import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CaseListItem } from '../api/cases.api';
import { useCaseLabels } from '../hooks/use-case-labels';
import { DueTag, GroupTag, RiskTag, StatusTag } from './case-tags';

interface Props {
  items: CaseListItem[];
  loading: boolean;
  /** The leaf's name, and the full "group / leaf" name for the tooltip. */
  categoryName: (code: string) => string;
  categoryLeafName: (code: string) => string;
  /** 全部事项 lists by registration time, so it shows that column. */
  showReceivedAt: boolean;
  /** Rows the user may route together (批量交办); without it the table has no checkboxes. */
  selection?: {
    selectedIds: string[];
    onChange: (ids: string[]) => void;
    selectable: (item: CaseListItem) => boolean;
  };
}

/** The queue: one row per case, the columns a clerk scans all day. Rows open the case. */
export function QueueTable({
  items,
  loading,
  categoryName,
  categoryLeafName,
  showReceivedAt,
  selection,
}: Props) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const navigate = useNavigate();
  return (
    <Table<CaseListItem>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: showReceivedAt ? 1220 : 1080 }}
      data-testid="queue-table"
      rowSelection={
        selection && {
          // No select-all box: the table also renders column titles in a hidden measuring row,
          // where a checkbox would be a focusable control hidden from screen readers.
          hideSelectAll: true,
          columnWidth: 64,
          columnTitle: t('cases.bulk.column'),
          selectedRowKeys: selection.selectedIds,
          onChange: (keys) => selection.onChange(keys.map(String)),
          getCheckboxProps: (r) => ({
            disabled: !selection.selectable(r),
            'aria-label': t('cases.bulk.select', { caseNo: r.caseNo }),
          }),
        }
      }
      onRow={(r) => ({
        onClick: (e) => {
          // Links and the selection checkbox inside the row act on their own.
          if ((e.target as HTMLElement).closest('a, .ant-table-selection-column')) return;
          void navigate(`/cases/${r.id}`);
        },
        style: { cursor: 'pointer' },
      })}
      locale={{ emptyText: t('cases.queue.empty') }}
      columns={[
        {
          title: t('cases.columns.caseNo'),
          dataIndex: 'caseNo',
          width: 130,
          fixed: 'left',
          render: (no: string, r) => (
            <Link to={`/cases/${r.id}`} data-testid="queue-case-link">
              {no}
            </Link>
          ),
        },
        {
          title: t('cases.columns.title'),
          dataIndex: 'title',
          ellipsis: { showTitle: true },
          render: (title: string, r) => (
            <>
              {r.isRepeat && <Tag color="orange">{t('cases.repeat')}</Tag>}
              {title}
            </>
          ),
        },
        {
          title: t('cases.columns.status'),
          dataIndex: 'status',
          width: 100,
          render: (s: string) => <StatusTag status={s} />,
        },
        {
          title: t('cases.columns.channel'),
          dataIndex: 'channel',
          width: 80,
          render: (c: string) => labels.channel(c),
        },
        {
          title: t('cases.columns.category'),
          dataIndex: 'categoryCode',
          width: 140,
          render: (code: string) => (
            <Typography.Text
              ellipsis={{ tooltip: `${code} ${categoryName(code)}` }}
              style={{ maxWidth: 124 }}
            >
              {categoryLeafName(code)}
            </Typography.Text>
          ),
        },
        {
          title: t('cases.columns.risk'),
          dataIndex: 'riskColour',
          width: 76,
          render: (r: string) => <RiskTag colour={r} compact />,
        },
        {
          title: t('cases.columns.ownerUnit'),
          key: 'owner',
          width: 110,
          ellipsis: true,
          render: (_, r) => r.ownerUnit.name,
        },
        {
          title: t('cases.columns.due'),
          key: 'due',
          width: 178,
          render: (_, r) => <DueTag dueOn={r.dueOn} colour={r.dueColour} daysLeft={r.daysLeft} />,
        },
        {
          title: t('cases.columns.persons'),
          dataIndex: 'personCount',
          width: 96,
          render: (n: number, r) => (r.isGroup ? <GroupTag personCount={n} /> : n),
        },
        ...(showReceivedAt
          ? [
              {
                title: t('cases.columns.receivedAt'),
                dataIndex: 'receivedAt',
                width: 140,
                render: (iso: string) => labels.dateTime(iso),
              },
            ]
          : []),
      ]}
    />
  );
}

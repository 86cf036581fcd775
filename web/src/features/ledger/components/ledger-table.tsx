import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseListItem } from '../../cases/api/cases.api';
import { DueTag, GroupTag, RiskTag, StatusTag } from '../../cases/components/case-tags';
import { useCaseLabels } from '../../cases/hooks/use-case-labels';
import type { LedgerColumn } from './ledger-columns';

interface Props {
  items: CaseListItem[];
  loading: boolean;
  columns: LedgerColumn[];
  categoryName: (code: string) => string;
}

/** The ledger: one row per case in reach, the columns the user chose. No personal data on screen. */
export function LedgerTable({ items, loading, columns, categoryName }: Props) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const all: Record<LedgerColumn, ColumnsType<CaseListItem>[number]> = {
    caseNo: {
      title: t('ledger.columns.caseNo'),
      dataIndex: 'caseNo',
      width: 140,
      fixed: 'left',
      render: (no: string, r) => <Link to={`/cases/${r.id}`}>{no}</Link>,
    },
    receivedAt: {
      title: t('ledger.columns.receivedAt'),
      dataIndex: 'receivedAt',
      width: 140,
      render: (iso: string) => labels.dateTime(iso),
    },
    channel: {
      title: t('ledger.columns.channel'),
      dataIndex: 'channel',
      width: 100,
      render: (c: string) => labels.channel(c),
    },
    title: { title: t('ledger.columns.title'), dataIndex: 'title', ellipsis: { showTitle: true } },
    category: {
      title: t('ledger.columns.category'),
      dataIndex: 'categoryCode',
      width: 170,
      render: (code: string) => (
        <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 154 }}>
          {`${code} ${categoryName(code)}`}
        </Typography.Text>
      ),
    },
    nature: {
      title: t('ledger.columns.nature'),
      dataIndex: 'nature',
      width: 96,
      render: (n: string) => labels.nature(n),
    },
    risk: {
      title: t('ledger.columns.risk'),
      dataIndex: 'riskColour',
      width: 86,
      render: (r: string) => <RiskTag colour={r} compact />,
    },
    status: {
      title: t('ledger.columns.status'),
      dataIndex: 'status',
      width: 120,
      render: (s: string) => <StatusTag status={s} />,
    },
    ownerUnit: {
      title: t('ledger.columns.ownerUnit'),
      key: 'ownerUnit',
      width: 130,
      ellipsis: true,
      render: (_, r) => r.ownerUnit.name,
    },
    due: {
      title: t('ledger.columns.due'),
      key: 'due',
      width: 178,
      render: (_, r) => <DueTag dueOn={r.dueOn} colour={r.dueColour} daysLeft={r.daysLeft} />,
    },
    persons: {
      title: t('ledger.columns.persons'),
      dataIndex: 'personCount',
      width: 96,
      render: (n: number, r) => (r.isGroup ? <GroupTag personCount={n} /> : n),
    },
  };
  const shown = columns.map((c) => ({ ...all[c], key: c }));
  const width = shown.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 260), 0);
  return (
    <Table<CaseListItem>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={false}
      // An empty table has nothing to scroll to, and a scroll box that holds nothing focusable cannot
      // be scrolled with the keyboard.
      scroll={items.length ? { x: width } : undefined}
      data-testid="ledger-table"
      locale={{ emptyText: t('cases.queue.empty') }}
      columns={shown}
    />
  );
}

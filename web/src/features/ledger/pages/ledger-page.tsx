import { DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../auth/hooks/use-session';
import { QueueFilterBar } from '../../cases/components/queue-filter-bar';
import {
  filtersFromSearch,
  listParams,
  type QueueFilters,
  searchFromFilters,
} from '../../cases/components/queue-filters';
import { useCaseQueue } from '../../cases/hooks/use-cases';
import { useCategories } from '../../cases/hooks/use-categories';
import type { LedgerFilters } from '../api/ledger.api';
import { ColumnChooser } from '../components/column-chooser';
import { ImportModal } from '../components/import-modal';
import { type LedgerColumn, loadColumns, storeColumns } from '../components/ledger-columns';
import { LedgerTable } from '../components/ledger-table';
import { useLedgerExport } from '../hooks/use-ledger';

const PAGE_SIZE = 50;

/**
 * 台账: every case in the user's jurisdiction, newest first, with the queue's filter bar (filters in
 * the URL), a column chooser, export of the filtered ledger to Excel, and the legacy-ledger import.
 */
export function LedgerPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  // The ledger is always the whole reach ("全部事项"), never the to-do view.
  const filters = useMemo<QueueFilters>(
    () => ({ ...filtersFromSearch(search), tab: 'all', supervised: undefined }),
    [search],
  );
  const params = useMemo(() => ({ ...listParams(filters), limit: PAGE_SIZE }), [filters]);
  const list = useCaseQueue(params);
  const categories = useCategories();
  const [columns, setColumns] = useState<LedgerColumn[]>(loadColumns);
  const [importOpen, setImportOpen] = useState(false);
  const exporter = useLedgerExport();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setFilters = (next: QueueFilters) => {
    const s = searchFromFilters({ ...next, tab: 'todo' });
    setSearch(s, { replace: true });
  };
  const chooseColumns = (next: LedgerColumn[]) => {
    setColumns(next);
    storeColumns(next);
  };
  const exportFilters: LedgerFilters = {
    status: params.status,
    channel: params.channel,
    categoryCode: params.categoryCode,
    colour: params.colour,
    receivedFrom: params.receivedFrom,
    receivedTo: params.receivedTo,
    q: params.q,
  };

  return (
    <Card
      title={t('ledger.title')}
      extra={
        <Space wrap>
          <ColumnChooser value={columns} onChange={chooseColumns} />
          <Tooltip title={t('ledger.exportNote')}>
            <Button
              icon={<DownloadOutlined />}
              loading={exporter.isPending}
              data-testid="ledger-export"
              onClick={() =>
                exporter.mutate(exportFilters, {
                  onSuccess: () => void message.success(t('ledger.exported')),
                })
              }
            >
              {t('ledger.export')}
            </Button>
          </Tooltip>
          {can('case.intake') && (
            <Button
              type="primary"
              icon={<ImportOutlined />}
              onClick={() => setImportOpen(true)}
              data-testid="ledger-import"
            >
              {t('ledger.import')}
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <QueueFilterBar
          value={filters}
          categoryTree={categories.filterTree}
          onChange={setFilters}
          onApplySaved={(s) => setSearch(new URLSearchParams(s), { replace: true })}
        />
        <LedgerTable
          items={items}
          loading={list.isFetching && !list.isFetchingNextPage}
          columns={columns}
          categoryName={categories.leafName}
        />
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text type="secondary" data-testid="ledger-count">
            {list.hasNextPage
              ? t('ledger.countMore', { count: items.length })
              : t('ledger.count', { count: items.length })}
          </Typography.Text>
          {list.hasNextPage && (
            <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t('ledger.loadMore')}
            </Button>
          )}
        </Space>
      </Space>
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)} />
    </Card>
  );
}

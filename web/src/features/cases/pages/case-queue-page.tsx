import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../auth/hooks/use-session';
import { BULK_ROUTABLE, BulkRouteModal } from '../components/bulk-route-modal';
import { QueueFilterBar } from '../components/queue-filter-bar';
import {
  filtersFromSearch,
  listParams,
  type QueueFilters,
  type QueueTab,
  searchFromFilters,
} from '../components/queue-filters';
import { QueueTable } from '../components/queue-table';
import { useCaseQueue } from '../hooks/use-cases';
import { useCategories } from '../hooks/use-categories';

/** 我的待办 / 全部事项: the clerk's queue, filters in the URL, cursor pages loaded on demand. */
export function CaseQueuePage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const params = useMemo(() => listParams(filters), [filters]);
  const queue = useCaseQueue(params);
  const categories = useCategories();
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];

  const setFilters = (next: QueueFilters) => setSearch(searchFromFilters(next), { replace: true });
  // Bulk routing is for those who decide where cases go (信访办); the server checks each case again.
  const canRoute = can('case.decide');
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const selected = items.filter((i) => selectedIds.includes(i.id));

  return (
    <Card
      title={t('cases.queue.title')}
      extra={
        <Space>
          {canRoute && (
            <Button
              icon={<SendOutlined />}
              disabled={selected.length === 0}
              onClick={() => setBulkOpen(true)}
              data-testid="bulk-open"
            >
              {t('cases.bulk.button', { count: selected.length })}
            </Button>
          )}
          {can('case.intake') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')}>
              {t('cases.intake.title')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={filters.tab}
        onChange={(tab) => setFilters({ ...filters, tab: tab as QueueTab })}
        items={[
          { key: 'todo', label: t('cases.queue.todo') },
          { key: 'all', label: t('cases.queue.all') },
        ]}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <QueueFilterBar
          value={filters}
          categoryTree={categories.filterTree}
          onChange={setFilters}
          onApplySaved={(s) => setSearch(new URLSearchParams(s), { replace: true })}
        />
        <QueueTable
          items={items}
          loading={queue.isFetching && !queue.isFetchingNextPage}
          categoryName={categories.name}
          categoryLeafName={categories.leafName}
          showReceivedAt={filters.tab === 'all'}
          selection={
            canRoute
              ? { selectedIds, onChange: setSelectedIds, selectable: (i) => BULK_ROUTABLE.has(i.status) }
              : undefined
          }
        />
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text type="secondary" data-testid="queue-count">
            {queue.hasNextPage
              ? t('cases.queue.shownMore', { count: items.length })
              : t('cases.queue.shownAll', { count: items.length })}
          </Typography.Text>
          {queue.hasNextPage && (
            <Button loading={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
              {t('cases.queue.loadMore')}
            </Button>
          )}
        </Space>
      </Space>
      <BulkRouteModal
        open={bulkOpen}
        cases={selected}
        onClose={() => setBulkOpen(false)}
        onDone={() => setSelectedIds([])}
      />
    </Card>
  );
}

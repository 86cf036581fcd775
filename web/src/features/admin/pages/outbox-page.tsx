import { App, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../common/src/limits.js';
import { useLabels } from '../../../lib/labels';
import type { OutboxRow, OutboxStatus } from '../api/outbox.api';
import { useOutbox, useRetryOutbox } from '../hooks/use-outbox';

const STATUS_COLOURS: Record<OutboxStatus, string> = {
  pending: 'processing',
  sent: 'success',
  failed: 'error',
};

/** 消息发件箱: what the sender did with each message, and a retry for the ones it gave up on. */
export function OutboxPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(LIMITS.pageSizeDefault);
  const [status, setStatus] = useState<OutboxStatus | undefined>();
  const [topic, setTopic] = useState<string | undefined>();
  const rows = useOutbox({ page, pageSize, status, topic });
  const retry = useRetryOutbox();

  const columns: ColumnsType<OutboxRow> = [
    { title: t('notify.outbox.columns.id'), dataIndex: 'id', width: 80 },
    { title: t('notify.outbox.columns.caseNo'), dataIndex: 'caseNo', width: 150 },
    {
      title: t('notify.outbox.columns.topic'),
      dataIndex: 'topic',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('notify.outbox.columns.status'),
      key: 'status',
      width: 130,
      render: (_, r) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOURS[r.status]} data-testid="outbox-status">
            {t(`notify.outbox.status.${r.status}`)}
          </Tag>
          {r.outcome === 'skipped' && <Tag>{t('notify.outbox.outcome.skipped')}</Tag>}
        </Space>
      ),
    },
    { title: t('notify.outbox.columns.attempts'), dataIndex: 'attempts', width: 90 },
    {
      title: t('notify.outbox.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => labels.dateTime(v),
    },
    {
      title: t('notify.outbox.columns.nextAt'),
      key: 'next',
      width: 150,
      render: (_, r) => (r.status === 'pending' ? labels.dateTime(r.availableAt) : null),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, r) =>
        r.status === 'sent' ? null : (
          <Button
            type="link"
            size="small"
            onClick={() =>
              retry
                .mutateAsync(r.id)
                .then(() => void message.success(t('notify.outbox.retried')))
                .catch(() => undefined)
            }
          >
            {t('notify.outbox.retry')}
          </Button>
        ),
    },
  ];

  return (
    <Card title={t('notify.outbox.title')}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('notify.outbox.intro')}
        </Typography.Paragraph>
        <Space wrap>
          <Select<OutboxStatus | 'all'>
            style={{ width: 160 }}
            value={status ?? 'all'}
            onChange={(v) => {
              setStatus(v === 'all' ? undefined : v);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('notify.outbox.allStatuses') },
              ...(['pending', 'sent', 'failed'] as const).map((s) => ({
                value: s,
                label: t(`notify.outbox.status.${s}`),
              })),
            ]}
            aria-label={t('notify.outbox.columns.status')}
            data-testid="outbox-status-filter"
          />
          <Input.Search
            allowClear
            style={{ width: 300 }}
            placeholder={t('notify.outbox.topicPlaceholder')}
            aria-label={t('notify.outbox.columns.topic')}
            onSearch={(v) => {
              setTopic(v.trim() || undefined);
              setPage(1);
            }}
          />
        </Space>
        <Table<OutboxRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows.data?.items ?? []}
          loading={rows.isFetching}
          scroll={{ x: 1000 }}
          expandable={{
            expandedRowRender: (r) => (
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'recipient',
                    label: t('notify.outbox.columns.recipient'),
                    children: r.recipient ?? '—',
                  },
                  { key: 'message', label: t('notify.outbox.columns.message'), children: r.message ?? '—' },
                  { key: 'error', label: t('notify.outbox.columns.lastError'), children: r.lastError ?? '—' },
                  {
                    key: 'payload',
                    label: t('notify.outbox.payload'),
                    children: <Typography.Text code>{JSON.stringify(r.payload)}</Typography.Text>,
                  },
                ]}
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: rows.data?.total ?? 0,
            showSizeChanger: true,
            onChange: (p, size) => {
              setPage(size === pageSize ? p : 1);
              setPageSize(size);
            },
          }}
        />
      </Space>
    </Card>
  );
}

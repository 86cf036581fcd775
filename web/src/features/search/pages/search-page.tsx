import { SearchOutlined } from '@ant-design/icons';
import { Card, DatePicker, Empty, Input, List, Radio, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CHANNELS } from '../../../../../common/src/cases.js';
import { StatusTag } from '../../cases/components/case-tags';
import { useCaseLabels } from '../../cases/hooks/use-case-labels';
import type { SearchParams } from '../api/search.api';
import { Highlighted } from '../components/highlighted';
import { useCaseSearch } from '../hooks/use-search';

/** 检索: full-text search over the cases in the user's jurisdiction, filters combined with the text. */
export function SearchPage() {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const p: SearchParams = {
    q: params.get('q') ?? '',
    open: (params.get('open') as 'true' | 'false' | null) ?? undefined,
    channel: params.get('channel') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    sort: (params.get('sort') as 'relevance' | 'date' | null) ?? 'relevance',
    page: Number(params.get('page') ?? 1),
    pageSize: 20,
  };
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  const q = useCaseSearch(p);
  const data = q.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('search.title')}
      </Typography.Title>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.Search
            data-testid="search-input"
            size="large"
            allowClear
            enterButton={<SearchOutlined />}
            placeholder={t('search.placeholder')}
            value={text}
            maxLength={100}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
          />
          <Space wrap>
            <Select
              style={{ width: 140 }}
              allowClear
              placeholder={t('search.filters.state')}
              value={p.open}
              onChange={(v) => set({ open: v })}
              options={[
                { value: 'true', label: t('search.filters.open') },
                { value: 'false', label: t('search.filters.closed') },
              ]}
            />
            <Select
              style={{ width: 160 }}
              allowClear
              placeholder={t('search.filters.channel')}
              value={p.channel}
              onChange={(v) => set({ channel: v })}
              options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
            />
            <DatePicker.RangePicker
              value={range}
              onChange={(v) => {
                setRange(v);
                set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') });
              }}
            />
            <Radio.Group
              optionType="button"
              value={p.sort}
              onChange={(e) => set({ sort: e.target.value })}
              options={[
                { value: 'relevance', label: t('search.sort.relevance') },
                { value: 'date', label: t('search.sort.date') },
              ]}
            />
          </Space>
        </Space>
      </Card>
      {!p.q ? (
        <Empty description={t('search.hint')} />
      ) : (
        <Card
          size="small"
          title={
            data
              ? t('search.found', {
                  count: data.total,
                  more: data.total >= data.totalCap ? '+' : '',
                  ms: data.tookMs,
                })
              : t('common.loading')
          }
          extra={data?.terms.length ? data.terms.map((w) => <Tag key={w}>{w}</Tag>) : null}
        >
          <List
            data-testid="search-results"
            loading={q.isFetching}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('search.none') }}
            pagination={
              data && data.total > data.pageSize
                ? {
                    current: data.page,
                    pageSize: data.pageSize,
                    total: Math.min(data.total, data.totalCap),
                    showSizeChanger: false,
                    onChange: (page) => set({ page: String(page) }),
                  }
                : false
            }
            renderItem={(h) => (
              <List.Item data-testid="search-hit">
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Link to={`/cases/${h.id}`}>
                        <Highlighted segments={h.highlights.title} />
                      </Link>
                      <StatusTag status={h.status} />
                    </Space>
                  }
                  description={
                    <Space orientation="vertical" size={2}>
                      <Typography.Text>
                        <Typography.Text type="secondary">
                          {t(`search.fields.${h.highlights.field}`)}：
                        </Typography.Text>
                        <Highlighted segments={h.highlights.snippet} />
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {h.caseNo} · {labels.date(h.receivedAt)} · {labels.channel(h.channel)} ·{' '}
                        {h.ownerUnit.name}
                      </Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}

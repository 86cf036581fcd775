import { FireOutlined, RiseOutlined } from '@ant-design/icons';
import { Badge, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HotIssue } from '../api/hot-issues.api';
import { useHotIssues } from '../hooks/use-hot-issues';

const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD');

/** The cases of one hot issue: the drill-down, each linking to its case page. */
function IssueCases({ issue }: { issue: HotIssue }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={issue.cases}
      data-testid="hot-issue-cases"
      columns={[
        {
          title: t('hotIssues.caseNo'),
          dataIndex: 'caseNo',
          render: (no: string, c) => <Link to={`/cases/${c.id}`}>{no}</Link>,
        },
        { title: t('hotIssues.caseTitle'), dataIndex: 'title' },
        { title: t('hotIssues.received'), dataIndex: 'receivedAt', render: day },
        { title: t('hotIssues.owner'), dataIndex: 'ownerUnitName' },
      ]}
    />
  );
}

/**
 * 热点发现: the area's clusters of cases about one problem in one place, hottest first, with the
 * cases behind each (drill-down). Shown on the home page of offices and leaders and on its own page.
 */
export function HotIssuesPanel({ limit = 5, compact = false }: { limit?: number; compact?: boolean }) {
  const { t } = useTranslation();
  const [windowDays, setWindowDays] = useState<number | undefined>(undefined);
  const q = useHotIssues({ limit, windowDays });
  const data = q.data;
  return (
    <Card
      data-testid="hot-issues-panel"
      title={
        <Space>
          <FireOutlined style={{ color: '#cf1322' }} />
          {t('hotIssues.title')}
          {data && (
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {t('hotIssues.scope', { unit: data.unit.name, days: data.windowDays, n: data.casesConsidered })}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        compact ? (
          <Link to="/hot-issues">{t('hotIssues.more')}</Link>
        ) : (
          <Select
            size="small"
            value={windowDays ?? data?.windowDays ?? 30}
            onChange={setWindowDays}
            options={[7, 14, 30, 60, 90].map((d) => ({
              value: d,
              label: t('hotIssues.window', { days: d }),
            }))}
            aria-label={t('hotIssues.windowLabel')}
          />
        )
      }
    >
      {data && data.issues.length === 0 ? (
        <Empty description={t('hotIssues.none')} />
      ) : (
        <Table<HotIssue>
          rowKey="id"
          size="small"
          loading={q.isPending}
          dataSource={data?.issues ?? []}
          pagination={false}
          expandable={{ expandedRowRender: (issue) => <IssueCases issue={issue} /> }}
          columns={[
            {
              title: t('hotIssues.issue'),
              dataIndex: 'title',
              render: (title: string, i) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{title}</Typography.Text>
                  <Space size={[4, 4]} wrap>
                    {i.place && <Typography.Text type="secondary">{i.place}</Typography.Text>}
                    {i.keywords.slice(0, 4).map((k) => (
                      <Tag key={k}>{k}</Tag>
                    ))}
                  </Space>
                </Space>
              ),
            },
            {
              title: t('hotIssues.size'),
              dataIndex: 'size',
              width: 90,
              render: (n: number) => (
                <Badge
                  count={n}
                  showZero
                  color={n >= (data?.alertSize ?? 5) ? '#cf1322' : '#fa8c16'}
                  data-testid="hot-issue-size"
                />
              ),
            },
            {
              title: t('hotIssues.growth'),
              dataIndex: 'growth',
              width: 90,
              render: (g: number, i) =>
                g > 0 ? (
                  <Typography.Text type="danger">
                    <RiseOutlined /> +{g}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('hotIssues.recent', { n: i.recent })}</Typography.Text>
                ),
            },
            ...(compact
              ? []
              : [
                  { title: t('hotIssues.persons'), dataIndex: 'persons', width: 80 },
                  { title: t('hotIssues.supports'), dataIndex: 'supports', width: 80 },
                  {
                    title: t('hotIssues.span'),
                    key: 'span',
                    width: 200,
                    render: (_: unknown, i: HotIssue) => `${day(i.firstAt)} ~ ${day(i.lastAt)}`,
                  },
                ]),
            {
              title: t('hotIssues.responsible'),
              key: 'unit',
              render: (_: unknown, i: HotIssue) => (
                <Space size={4}>
                  {i.responsibleUnit?.name ?? '—'}
                  {i.isAlerted && <Tag color="red">{t('hotIssues.alerted')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

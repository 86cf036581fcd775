import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import {
  Alert,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Segmented,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api-errors';
import { CASE_TZ } from '../../../lib/shanghai-time';
import type { Figures, RankedRate, Ranking, RateName, Ratio } from '../api/evaluation.api';
import { ReportsCard } from '../components/reports-card';
import { useFigures, useRanking } from '../hooks/use-evaluation';

const THREE_RATES = ['timelyAcceptance', 'onTimeCompletion', 'satisfaction'] as const satisfies RankedRate[];
const OTHER_RATES = [
  'participation',
  'oneTimeResolution',
  'onTheSpot',
  'repeat',
  'groupVisit',
] as const satisfies RateName[];
/** Rates where a rise is bad news (the arrow turns red when they go up). */
const LOWER_IS_BETTER = new Set<RateName>(['repeat', 'groupVisit']);
const COUNTS = [
  'received',
  'matters',
  'repeats',
  'visitBatches',
  'visitPersons',
  'groupVisits',
  'groupPersons',
  'delivered',
] as const satisfies (keyof Figures['counts'])[];

type Period = { from: string; to: string };

/** The first day of the quarter holding `d` (a date in Shanghai). */
function quarterStart(d: Dayjs): Dayjs {
  return d.month(Math.floor(d.month() / 3) * 3).date(1);
}

/** This quarter to date, in Shanghai (the server's own default period). */
function thisQuarter(): Period {
  const today = dayjs().tz(CASE_TZ);
  return { from: quarterStart(today).format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') };
}

function lastQuarter(): Period {
  const start = quarterStart(dayjs().tz(CASE_TZ)).subtract(3, 'month');
  return {
    from: start.format('YYYY-MM-DD'),
    to: start.add(3, 'month').subtract(1, 'day').format('YYYY-MM-DD'),
  };
}

function thisYear(): Period {
  const today = dayjs().tz(CASE_TZ);
  return { from: today.startOf('year').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') };
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const num = (n: number) => String(Number(n.toFixed(2)));
/** "95.0%（19/20）", or "—（0/0）" when nothing was due. */
export function ratioText(r: Ratio): string {
  return `${percent(r.rate)}（${num(r.numerator)}/${num(r.denominator)}）`;
}

/** An arrow and the change: points for rates, per cent for counts. */
function Change({
  label,
  change,
  kind,
  lowerIsBetter,
}: {
  label: string;
  change: number | null;
  kind: 'rate' | 'count';
  lowerIsBetter?: boolean;
}) {
  const { t } = useTranslation();
  if (change === null)
    return (
      <Typography.Text type="secondary">
        {label} {t('evaluation.noPrevious')}
      </Typography.Text>
    );
  const up = change > 0;
  const flat = change === 0;
  const good = lowerIsBetter ? !up : up;
  const color = flat ? undefined : good ? '#3f8600' : '#cf1322';
  const value = Math.abs(change * 100).toFixed(1);
  return (
    <Typography.Text style={{ color }}>
      {label} {flat ? <MinusOutlined /> : up ? <ArrowUpOutlined /> : <ArrowDownOutlined />}{' '}
      {kind === 'rate' ? t('evaluation.points', { value }) : `${value}%`}
    </Typography.Text>
  );
}

function RateCard({ name, figures }: { name: (typeof THREE_RATES)[number]; figures: Figures }) {
  const { t } = useTranslation();
  const r = figures.rates[name];
  return (
    <Card size="small" data-testid={`rate-${name}`}>
      <Statistic
        title={t(`evaluation.rates.${name}`)}
        value={percent(r.rate)}
        suffix={
          <Typography.Text type="secondary" style={{ fontSize: 14 }}>
            （{num(r.numerator)}/{num(r.denominator)}）
          </Typography.Text>
        }
      />
      <Space direction="vertical" size={0}>
        <Change label={t('evaluation.mom')} change={figures.periodOnPeriod.rates[name].change} kind="rate" />
        <Change label={t('evaluation.yoy')} change={figures.yearOnYear.rates[name].change} kind="rate" />
      </Space>
    </Card>
  );
}

function OtherRates({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  const rows = OTHER_RATES.map((name) => ({ name, ...figures.rates[name] }));
  return (
    <Table
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={rows}
      columns={[
        {
          title: t('evaluation.rate'),
          dataIndex: 'name',
          render: (n: RateName) => t(`evaluation.rates.${n}`),
        },
        { title: t('evaluation.value'), key: 'value', align: 'right', render: (_, r) => percent(r.rate) },
        {
          title: t('evaluation.parts'),
          key: 'parts',
          align: 'right',
          render: (_, r) => `${num(r.numerator)}/${num(r.denominator)}`,
        },
        {
          title: t('evaluation.mom'),
          key: 'mom',
          render: (_, r) => (
            <Change
              label=""
              change={figures.periodOnPeriod.rates[r.name].change}
              kind="rate"
              lowerIsBetter={LOWER_IS_BETTER.has(r.name)}
            />
          ),
        },
        {
          title: t('evaluation.yoy'),
          key: 'yoy',
          render: (_, r) => (
            <Change
              label=""
              change={figures.yearOnYear.rates[r.name].change}
              kind="rate"
              lowerIsBetter={LOWER_IS_BETTER.has(r.name)}
            />
          ),
        },
      ]}
    />
  );
}

function Counts({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      {COUNTS.map((name) => (
        <Col key={name} xs={12} sm={8} md={6}>
          <Statistic
            title={t(`evaluation.counts.${name}`)}
            value={figures.counts[name]}
            suffix={<span style={{ fontSize: 14 }}>{t(`evaluation.countUnits.${name}`)}</span>}
          />
          <Change
            label={t('evaluation.mom')}
            change={figures.periodOnPeriod.counts[name].change}
            kind="count"
          />
        </Col>
      ))}
    </Row>
  );
}

function RankingTable({ ranking, loading }: { ranking: Ranking | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const rateColumn = (name: RankedRate) => ({
    title: t(`evaluation.rates.${name}`),
    key: name,
    align: 'right' as const,
    render: (_: unknown, item: Ranking['items'][number]) => (
      <Space size={4}>
        {ratioText(item.rates[name])}
        {item.ranks[name] !== null && <Tag>{item.ranks[name]}</Tag>}
      </Space>
    ),
  });
  return (
    <Table
      size="small"
      rowKey={(item) => item.unit.id}
      loading={loading}
      pagination={false}
      dataSource={ranking?.items ?? []}
      columns={[
        {
          title: t('evaluation.rank'),
          key: 'rank',
          width: 64,
          render: (_, item) => (ranking ? (item.ranks[ranking.by] ?? '—') : '—'),
        },
        { title: t('evaluation.unit'), key: 'unit', render: (_, item) => item.unit.name },
        { title: t('evaluation.received'), dataIndex: 'received', align: 'right' },
        ...THREE_RATES.map(rateColumn),
      ]}
    />
  );
}

/**
 * 考核指标: the figures of the user's unit for a period (default: this quarter to date, Shanghai
 * dates) — the three rates with their parts and 环比/同比, the other rates, the counts, and for a
 * district user the towns ranked by the three rates.
 */
export function EvaluationPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>(thisQuarter);
  const [by, setBy] = useState<RankedRate>('timelyAcceptance');
  const figures = useFigures(period);
  const rankingParams = useMemo(() => ({ level: 'town' as const, ...period, by }), [period, by]);
  const ranking = useRanking(rankingParams);
  const f = figures.data;
  const presets = [
    { label: t('evaluation.thisQuarter'), value: thisQuarter() },
    { label: t('evaluation.lastQuarter'), value: lastQuarter() },
    { label: t('evaluation.thisYear'), value: thisYear() },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('evaluation.title')}
        extra={
          <DatePicker.RangePicker
            aria-label={t('evaluation.period')}
            allowClear={false}
            value={[dayjs(period.from), dayjs(period.to)]}
            presets={presets.map((p) => ({
              label: p.label,
              value: [dayjs(p.value.from), dayjs(p.value.to)],
            }))}
            disabledDate={(d, info) => (info.from ? Math.abs(d.diff(info.from, 'day')) >= 366 : false)}
            onChange={(range) => {
              if (range?.[0] && range[1])
                setPeriod({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });
            }}
          />
        }
      >
        {!f ? (
          figures.isError ? (
            <Alert type="error" showIcon message={describeError(figures.error)} />
          ) : (
            <Spin />
          )
        ) : (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t('evaluation.unitPeriod', { unit: f.unit.name, from: f.period.from, to: f.period.to })}
            </Typography.Text>
            <Row gutter={[16, 16]}>
              {THREE_RATES.map((name) => (
                <Col key={name} xs={24} md={8}>
                  <RateCard name={name} figures={f} />
                </Col>
              ))}
            </Row>
            {f.basicSatisfiedWeight !== 1 && (
              <Typography.Text type="secondary">
                {t('evaluation.basicWeight', { weight: f.basicSatisfiedWeight })}
              </Typography.Text>
            )}
          </Space>
        )}
      </Card>
      {f && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('evaluation.ratesTitle')}>
              <OtherRates figures={f} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('evaluation.countsTitle')}>
              <Counts figures={f} />
            </Card>
          </Col>
        </Row>
      )}
      {!ranking.hidden && (
        <Card
          size="small"
          title={t('evaluation.rankingTitle')}
          data-testid="evaluation-ranking"
          extra={
            <Segmented<RankedRate>
              aria-label={t('evaluation.rankingBy')}
              value={by}
              onChange={setBy}
              options={THREE_RATES.map((n) => ({ value: n, label: t(`evaluation.rates.${n}`) }))}
            />
          }
        >
          {ranking.isError ? (
            <Alert
              type="warning"
              showIcon
              message={t('evaluation.rankingError', { message: describeError(ranking.error) })}
            />
          ) : ranking.data && ranking.data.items.length === 0 ? (
            <Empty />
          ) : (
            <RankingTable ranking={ranking.data} loading={ranking.isFetching} />
          )}
        </Card>
      )}
      {f && <ReportsCard bulletin={!ranking.hidden && !ranking.isError} />}
    </Space>
  );
}

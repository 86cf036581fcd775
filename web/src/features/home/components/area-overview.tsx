import { AlertOutlined, FileDoneOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCaseLabels } from '../../cases/hooks/use-case-labels';
import type { AreaFigures } from '../api/dashboard.api';
import { useAreaFigures } from '../hooks/use-area-figures';
import { EChart, type EChartOption } from './echart';

const COLOUR_HEX = { red: '#cf1322', yellow: '#d48806', green: '#389e0d', none: '#bfbfbf' } as const;
const COLOURS = ['red', 'yellow', 'green', 'none'] as const;
const PALETTE = [
  '#1a56b0',
  '#13a8a8',
  '#d48806',
  '#722ed1',
  '#c41d7f',
  '#389e0d',
  '#fa541c',
  '#2f54eb',
  '#8c8c8c',
];

interface Bar {
  name: string;
  value: number;
}

/** The text a screen reader reads in place of a chart: its title and every figure. */
function useSummary() {
  const { t } = useTranslation();
  return (title: string, bars: Bar[]) =>
    t('dashboard.area.summary', {
      title,
      items: bars.length
        ? bars.map((b) => t('dashboard.area.item', { name: b.name, count: b.value })).join('，')
        : t('dashboard.area.none'),
    });
}

const barOption = (bars: Bar[], horizontal = false): EChartOption => {
  const categoryAxis = {
    type: 'category',
    data: bars.map((b) => b.name),
    axisLabel: horizontal ? { width: 110, overflow: 'truncate' } : { hideOverlap: true },
    ...(horizontal && { inverse: true }),
  };
  const valueAxis = { type: 'value', minInterval: 1 };
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: [{ type: 'bar', data: bars.map((b) => b.value), barMaxWidth: 28 }],
  };
};

const pieOption = (bars: (Bar & { color?: string })[]): EChartOption => ({
  color: PALETTE,
  tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
  // A plain legend wraps onto a second line on a phone instead of hiding entries behind arrows.
  legend: { bottom: 0, type: 'plain' },
  series: [
    {
      type: 'pie',
      radius: ['36%', '62%'],
      center: ['50%', '42%'],
      label: { position: 'inside', formatter: '{c}', color: '#fff', fontWeight: 600 },
      labelLine: { show: false },
      data: bars.map((b) => ({
        name: b.name,
        value: b.value,
        ...(b.color && { itemStyle: { color: b.color } }),
      })),
    },
  ],
});

/** The queue opened by a click: every case in reach (全部事项) received in the period, narrowed. */
function queueLink(f: AreaFigures, extra: Record<string, string>): string {
  const q = new URLSearchParams({ tab: 'all', from: f.from, to: f.to, ...extra });
  return `/cases?${q.toString()}`;
}

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card size="small" title={title} styles={{ body: { padding: 12 } }}>
      {children}
    </Card>
  );
}

/**
 * 辖区概况: what the area received in the period and how its open cases stand. Loaded as its own
 * chunk (ECharts included) only for users with the office or leader view.
 */
export function AreaOverview() {
  const { t, i18n } = useTranslation();
  const caseLabels = useCaseLabels();
  const navigate = useNavigate();
  const summary = useSummary();
  const area = useAreaFigures();
  const isEn = i18n.language.startsWith('en');
  const f = area.data;

  const charts = useMemo(() => {
    if (!f) return null;
    const months: Bar[] = f.byMonth.map((m) => ({ name: m.month, value: m.count }));
    const categories: Bar[] = f.byCategory.map((c) => ({
      name: isEn && c.nameEn ? c.nameEn : c.name,
      value: c.count,
    }));
    const colours = COLOURS.map((c) => ({
      name: t(`dashboard.area.colours.${c}`),
      value: f.byColour[c],
      color: COLOUR_HEX[c],
    })).filter((b) => b.value > 0);
    const colourKeys = COLOURS.filter((c) => f.byColour[c] > 0);
    const channels: Bar[] = f.byChannel.map((c) => ({ name: caseLabels.channel(c.channel), value: c.count }));
    const stages: Bar[] = f.byStatusGroup.map((g) => ({
      name: t(`dashboard.area.stages.${g.group}`),
      value: g.count,
    }));
    return { months, categories, colours, colourKeys, channels, stages };
  }, [f, isEn, t, caseLabels]);

  if (area.isPending) {
    return (
      <Card title={t('dashboard.area.title')}>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  if (!f || !charts) {
    return <Alert type="warning" showIcon title={t('dashboard.area.loadFailed')} />;
  }

  const openMonth = (i: number) => {
    const m = f.byMonth[i];
    if (!m) return;
    const start = dayjs(`${m.month}-01`);
    const from = start.format('YYYY-MM-DD') < f.from ? f.from : start.format('YYYY-MM-DD');
    const end = start.endOf('month').format('YYYY-MM-DD');
    void navigate(queueLink({ ...f, from, to: end > f.to ? f.to : end }, {}));
  };
  const openCategory = (i: number) => {
    const c = f.byCategory[i];
    if (c) void navigate(queueLink(f, { category: c.code }));
  };
  const openChannel = (i: number) => {
    const c = f.byChannel[i];
    if (c) void navigate(queueLink(f, { channel: c.channel }));
  };
  // Colours are of open cases now, whenever received: the queue's colour filter, no period.
  const openColour = (i: number) => {
    const c = charts.colourKeys[i];
    if (c && c !== 'none') void navigate(`/cases?tab=all&colour=${c}`);
  };

  const title = f.unit ? t('dashboard.area.unitTitle', { unit: f.unit.name }) : t('dashboard.area.title');
  return (
    <Card
      title={title}
      data-testid="area-overview"
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dashboard.area.period', { from: f.from, to: f.to })}
        </Typography.Text>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={8}>
          <Statistic
            title={t('dashboard.area.received')}
            value={f.received}
            prefix={<InboxOutlined />}
            suffix={t('dashboard.area.pieces')}
            data-testid="area-received"
          />
        </Col>
        <Col xs={8}>
          <Statistic
            title={t('dashboard.area.openNow')}
            value={f.openNow}
            prefix={<FileDoneOutlined />}
            suffix={t('dashboard.area.pieces')}
          />
        </Col>
        <Col xs={8}>
          <Statistic
            title={t('dashboard.area.overdueNow')}
            value={f.byColour.red}
            prefix={<AlertOutlined />}
            suffix={t('dashboard.area.pieces')}
            styles={{ content: { color: COLOUR_HEX.red } }}
          />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '12px 0' }}>
        {t('dashboard.area.clickHint')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <ChartCard title={t('dashboard.area.byMonth')}>
            <EChart
              testId="chart-month"
              option={barOption(charts.months)}
              label={summary(t('dashboard.area.byMonth'), charts.months)}
              onClick={(e) => openMonth(e.dataIndex)}
            />
          </ChartCard>
        </Col>
        <Col xs={24} lg={10}>
          <ChartCard title={t('dashboard.area.byColour')}>
            {charts.colours.length ? (
              <EChart
                testId="chart-colour"
                option={pieOption(charts.colours)}
                label={summary(t('dashboard.area.byColour'), charts.colours)}
                onClick={(e) => openColour(e.dataIndex)}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.area.empty')} />
            )}
          </ChartCard>
        </Col>
        <Col xs={24} lg={14}>
          <ChartCard title={t('dashboard.area.byCategory')}>
            {charts.categories.length ? (
              <EChart
                testId="chart-category"
                height={Math.max(200, 28 * charts.categories.length + 40)}
                option={barOption(charts.categories, true)}
                label={summary(t('dashboard.area.byCategory'), charts.categories)}
                onClick={(e) => openCategory(e.dataIndex)}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.area.empty')} />
            )}
          </ChartCard>
        </Col>
        <Col xs={24} lg={10}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <ChartCard title={t('dashboard.area.byChannel')}>
                {charts.channels.length ? (
                  <EChart
                    testId="chart-channel"
                    option={pieOption(charts.channels)}
                    label={summary(t('dashboard.area.byChannel'), charts.channels)}
                    onClick={(e) => openChannel(e.dataIndex)}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.area.empty')} />
                )}
              </ChartCard>
            </Col>
            <Col span={24}>
              <ChartCard title={t('dashboard.area.byStage')}>
                <EChart
                  testId="chart-stage"
                  height={220}
                  option={barOption(charts.stages, true)}
                  label={summary(t('dashboard.area.byStage'), charts.stages)}
                />
              </ChartCard>
            </Col>
          </Row>
        </Col>
      </Row>
    </Card>
  );
}

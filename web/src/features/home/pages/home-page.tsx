import { Card, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../lib/labels';
import { RoleTags } from '../../admin/components/role-tags';
import { useMe } from '../../auth/hooks/use-session';
import { HotIssuesPanel } from '../../hot-issues/components/hot-issues-panel';
import { CaseSummaryCards } from '../components/case-summary-cards';
import { ReportShortcut } from '../components/report-shortcut';
import { WelcomeCard } from '../components/welcome-card';
import { useCasesSummary } from '../hooks/use-cases-summary';

// ECharts is large: its chunk loads only for users who see the area figures.
const AreaOverview = lazy(async () => ({
  default: (await import('../components/area-overview')).AreaOverview,
}));

function greetingKey(hour: number) {
  if (hour < 12) return 'home.greetingMorning' as const;
  if (hour < 18) return 'home.greetingAfternoon' as const;
  return 'home.greetingEvening' as const;
}

/** 首页: a greeting, then either real workload figures or a welcome card. Never invented numbers. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const summary = useCasesSummary();
  const now = dayjs();
  const isGridWorker =
    me.roles.some((r) => r.role === 'grid_worker') && me.permissions.includes('case.intake');
  const today = i18n.language.startsWith('en')
    ? now.format('dddd, D MMMM YYYY')
    : now.format('YYYY年M月D日 dddd');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t(greetingKey(now.hour()), { name: me.displayName })}
        </Typography.Title>
        <Space size={[8, 8]} wrap>
          <Typography.Text type="secondary">{today}</Typography.Text>
          <Typography.Text type="secondary">·</Typography.Text>
          <Typography.Text>{me.unit.name}</Typography.Text>
          <Tag>{labels.unitKind(me.unit.kind)}</Tag>
          <RoleTags roles={me.roles} homeUnitId={me.unit.id} />
        </Space>
      </Card>
      {isGridWorker && <ReportShortcut />}
      {summary.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 3 }} />
        </Card>
      ) : summary.data ? (
        <CaseSummaryCards summary={summary.data} />
      ) : (
        <WelcomeCard me={me} />
      )}
      {me.permissions.includes('dashboard.read') && (
        <Suspense
          fallback={
            <Card>
              <Skeleton active paragraph={{ rows: 6 }} />
            </Card>
          }
        >
          <AreaOverview />
        </Suspense>
      )}
      {me.permissions.includes('dashboard.read') && <HotIssuesPanel compact />}
    </Space>
  );
}

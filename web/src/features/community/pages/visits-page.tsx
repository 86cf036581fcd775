import { AimOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Radio,
  Segmented,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import { useCategories } from '../../cases/hooks/use-categories';
import { useGeolocation } from '../../report/hooks/use-geolocation';
import type { VisitCoverage, VisitCreated, VisitInput } from '../api/community.api';
import { useRecordVisit, useVisitCoverage, useVisits } from '../hooks/use-community';

type Kind = 'home_visit' | 'patrol';
type Finding = 'none' | 'need' | 'hazard';
interface Values {
  household?: string;
  needs?: string;
  followUp?: string;
  finding: Finding;
  report: boolean;
  categoryCode?: string;
  title?: string;
  demands?: string;
  address?: string;
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

/**
 * 走访巡查: a cadre records a home visit (串门问需) or a patrol (日常巡查) from the phone, with the
 * positions walked; a need or hidden danger found is reported as a case in the same step. Below,
 * the coverage of the area's grids and cadres against the visit plans, and the latest records.
 */
export function VisitsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<Kind>('patrol');
  const [route, setRoute] = useState<{ lng: number; lat: number; at: string }[]>([]);
  const [done, setDone] = useState<VisitCreated | null>(null);
  const geo = useGeolocation();
  const categories = useCategories();
  const record = useRecordVisit();
  const coverage = useVisitCoverage();
  const visits = useVisits();
  const finding = Form.useWatch('finding', form) ?? 'none';
  const report = Form.useWatch('report', form) ?? false;
  const required = { required: true, whitespace: true, message: labels.field('required') };

  const addPoint = () => {
    geo.locate();
  };
  const g = geo.state;
  // Each new fix the browser reports while patrolling becomes one point of the route.
  useEffect(() => {
    if (g.status !== 'located') return;
    setRoute((r) => {
      const last = r.at(-1);
      if (last && last.lat === g.latitude && last.lng === g.longitude) return r;
      return [...r, { lng: g.longitude, lat: g.latitude, at: new Date().toISOString() }];
    });
  }, [g]);

  const submit = async (v: Values) => {
    const body: VisitInput = {
      kind,
      household: v.household?.trim() || undefined,
      needs: v.needs?.trim() || undefined,
      followUp: v.followUp?.trim() || undefined,
      route: route.length ? route : undefined,
      finding: v.finding,
      case:
        v.finding !== 'none' && v.report
          ? {
              title: v.title?.trim() ?? '',
              facts: v.needs?.trim() ?? '',
              demands: v.demands?.trim() ?? '',
              categoryCode: v.categoryCode ?? '',
              address: v.address?.trim() ?? '',
            }
          : undefined,
    };
    try {
      setDone(await record.mutateAsync(body));
      form.resetFields();
      setRoute([]);
    } catch (err) {
      applyFieldErrors(form, err);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('community.visit.title')}
      </Typography.Title>
      {done ? (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setDone(null)}
          data-testid="visit-done"
          title={t('community.visit.recorded')}
          description={
            done.case ? (
              <span>
                {t('community.visit.caseMade')}
                <Link to={`/cases/${done.case.id}`} data-testid="visit-case-link">
                  {done.case.caseNo}
                </Link>
              </span>
            ) : null
          }
        />
      ) : null}
      <Card size="small">
        <Form
          form={form}
          layout="vertical"
          name="visit"
          initialValues={{ finding: 'none', report: false }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item label={t('community.visit.kind')}>
            <Segmented
              block
              value={kind}
              onChange={(v) => setKind(v as Kind)}
              options={[
                { value: 'patrol', label: t('community.visit.patrol') },
                { value: 'home_visit', label: t('community.visit.homeVisit') },
              ]}
            />
          </Form.Item>
          {kind === 'home_visit' ? (
            <Form.Item
              name="household"
              label={t('community.visit.household')}
              rules={[required, { max: 100 }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          ) : (
            <Form.Item label={t('community.visit.route')}>
              <Space wrap>
                <Button
                  icon={<AimOutlined />}
                  onClick={addPoint}
                  loading={g.status === 'locating'}
                  data-testid="visit-point"
                >
                  {t('community.visit.addPoint')}
                </Button>
                <Typography.Text data-testid="visit-route-count">
                  {t('community.visit.points', { count: route.length })}
                </Typography.Text>
              </Space>
            </Form.Item>
          )}
          <Form.Item name="needs" label={t('community.visit.needs')} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="followUp" label={t('community.visit.followUp')} rules={[{ max: 1000 }]}>
            <Input maxLength={1000} />
          </Form.Item>
          <Form.Item name="finding" label={t('community.visit.finding')}>
            <Radio.Group
              options={(['none', 'need', 'hazard'] as const).map((f) => ({
                value: f,
                label: t(`community.visit.findings.${f}`),
              }))}
            />
          </Form.Item>
          {finding !== 'none' ? (
            <Form.Item name="report" label={t('community.visit.report')} valuePropName="checked">
              <Switch data-testid="visit-report" />
            </Form.Item>
          ) : null}
          {finding !== 'none' && report ? (
            <>
              <Form.Item
                name="categoryCode"
                label={t('dashboard.report.category')}
                rules={[{ required: true }]}
              >
                <TreeSelect
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  treeData={categories.leafTree}
                  loading={categories.isLoading}
                />
              </Form.Item>
              <Form.Item
                name="title"
                label={t('dashboard.report.titleField')}
                rules={[required, { max: 100 }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                name="demands"
                label={t('dashboard.report.demands')}
                rules={[required, { max: 2000 }]}
              >
                <Input maxLength={2000} />
              </Form.Item>
              <Form.Item
                name="address"
                label={t('dashboard.report.address')}
                rules={[required, { max: 200 }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </>
          ) : null}
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={record.isPending}
            data-testid="visit-submit"
          >
            {t('community.visit.submit')}
          </Button>
        </Form>
      </Card>
      <CoverageCard data={coverage.data} loading={coverage.isPending} />
      <Card size="small" title={t('community.visit.latest')}>
        <Table
          size="small"
          rowKey="id"
          data-testid="visit-list"
          loading={visits.isPending}
          dataSource={visits.data?.items ?? []}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            {
              title: t('community.visit.when'),
              dataIndex: 'visitedAt',
              render: (v: string) => labels.dateTime(v),
            },
            {
              title: t('community.visit.kind'),
              dataIndex: 'kind',
              render: (v: Kind) =>
                v === 'patrol' ? t('community.visit.patrol') : t('community.visit.homeVisit'),
            },
            { title: t('community.visit.cadre'), key: 'cadre', render: (_, v) => v.cadre.name },
            {
              title: t('community.visit.needs'),
              key: 'what',
              render: (_, v) => v.household ?? v.needs ?? '—',
            },
            {
              title: t('community.visit.finding'),
              key: 'finding',
              render: (_, v) =>
                v.case ? (
                  <Link to={`/cases/${v.case.id}`}>{v.case.caseNo}</Link>
                ) : v.finding === 'none' ? (
                  '—'
                ) : (
                  <Tag>{t(`community.visit.findings.${v.finding}`)}</Tag>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function CoverageCard({ data, loading }: { data: VisitCoverage | undefined; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={
        data
          ? t('community.visit.coverageTitle', { from: data.from, to: data.to })
          : t('community.visit.coverage')
      }
      loading={loading}
    >
      <Table
        size="small"
        rowKey="id"
        data-testid="coverage-cadres"
        dataSource={data?.byCadre ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('community.visit.cadre'), dataIndex: 'name' },
          { title: t('community.visit.homeVisits'), dataIndex: 'homeVisits' },
          { title: t('community.visit.planned'), dataIndex: 'planned' },
          { title: t('community.visit.planCoverage'), dataIndex: 'planCoverage', render: pct },
          { title: t('community.visit.patrols'), dataIndex: 'patrols' },
          { title: t('community.visit.cases'), dataIndex: 'cases' },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        style={{ marginTop: 12 }}
        data-testid="coverage-grids"
        dataSource={data?.byGrid ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          {
            title: t('community.grid.name'),
            key: 'name',
            render: (_, g) => `${g.communityName ?? ''} ${g.name}`,
          },
          {
            title: t('community.visit.householdsVisited'),
            key: 'hh',
            render: (_, g) => `${g.householdsVisited}/${g.households ?? '—'}`,
          },
          { title: t('community.visit.householdCoverage'), dataIndex: 'householdCoverage', render: pct },
          { title: t('community.visit.patrols'), dataIndex: 'patrols' },
          { title: t('community.visit.findingsCount'), dataIndex: 'findings' },
        ]}
      />
    </Card>
  );
}

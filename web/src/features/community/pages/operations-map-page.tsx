import { Alert, Card, Checkbox, Col, Empty, Grid, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { RISK_COLOUR_LABELS } from '../../../../../common/src/cases.js';
import { MATTER_SCOPE_SHORT, MATTER_SCOPES, type MatterScope } from '../../../../../common/src/community.js';
import { describeError } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type { MapCase, MapGrid, MapParams, RiskColour } from '../api/community.api';
import { GridMapChart, gridTone, RISK_HEX } from '../components/grid-map-chart';
import { MatterScopeFiguresCard } from '../components/matter-scope-figures-card';
import { useOperationsMap } from '../hooks/use-community';

const COLOURS: RiskColour[] = ['red', 'yellow', 'green'];
const TAG: Record<RiskColour, string> = { red: 'red', yellow: 'gold', green: 'green' };

/**
 * 挂图作战: the grids of the jurisdiction with their cases on them, coloured by 三色. Filters by
 * colour and by open/all; a dot opens the case, a grid (on the map or in the table) narrows the
 * case list to it.
 */
export function OperationsMapPage() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useState<MapParams>({ colour: [...COLOURS], state: 'open' });
  const [gridId, setGridId] = useState<string | undefined>();
  const q = useOperationsMap(params);
  const data = q.data;
  const gridName = useMemo(() => new Map((data?.grids ?? []).map((g) => [g.id, g])), [data]);
  const colourLabels = useMemo(
    () => ({
      red: RISK_COLOUR_LABELS.red[lang],
      yellow: RISK_COLOUR_LABELS.yellow[lang],
      green: RISK_COLOUR_LABELS.green[lang],
    }),
    [lang],
  );
  // The grids with the most urgent cases first: where to act.
  const byUrgency = useMemo(
    () =>
      [...(data?.grids ?? [])].sort(
        (a, b) =>
          b.counts.red - a.counts.red || b.counts.yellow - a.counts.yellow || b.counts.total - a.counts.total,
      ),
    [data],
  );
  const shownCases = useMemo(() => {
    const all = data?.cases ?? [];
    if (!gridId) return all;
    // A grid's list holds its courtyards' cases too.
    const inside = new Set(
      (data?.grids ?? []).filter((x) => x.id === gridId || x.parentId === gridId).map((x) => x.id),
    );
    return all.filter((c) => c.gridId && inside.has(c.gridId));
  }, [data, gridId]);

  const summary = data
    ? t('community.map.summary', {
        grids: data.grids.length,
        cases: data.cases.length,
        unplaced: data.unplaced,
      })
    : '';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('community.map.title')}
      </Typography.Title>
      <Space wrap size="middle">
        <Checkbox.Group
          aria-label={t('community.map.colours')}
          value={params.colour}
          onChange={(v) => setParams((p) => ({ ...p, colour: v.length ? (v as RiskColour[]) : p.colour }))}
          options={COLOURS.map((c) => ({
            value: c,
            label: (
              <span data-testid={`colour-${c}`}>
                <span
                  aria-hidden
                  style={{
                    display: 'inline-block',
                    width: 10,
                    height: 10,
                    borderRadius: 5,
                    background: RISK_HEX[c],
                    marginRight: 4,
                  }}
                />
                {colourLabels[c]}
              </span>
            ),
          }))}
        />
        <Segmented
          value={params.state}
          onChange={(v) => setParams((p) => ({ ...p, state: v as MapParams['state'] }))}
          options={[
            { value: 'open', label: t('community.map.open') },
            { value: 'all', label: t('community.map.all') },
          ]}
        />
        <Segmented
          data-testid="scope-filter"
          value={params.scope ?? 'all'}
          onChange={(v) => setParams((p) => ({ ...p, scope: v === 'all' ? undefined : (v as MatterScope) }))}
          options={[
            { value: 'all', label: t('community.scope.all') },
            ...MATTER_SCOPES.map((s) => ({ value: s, label: MATTER_SCOPE_SHORT[s][lang] })),
          ]}
        />
        {gridId ? (
          <Tag closable onClose={() => setGridId(undefined)} color="blue">
            {gridName.get(gridId)?.communityName} {gridName.get(gridId)?.name}
          </Tag>
        ) : null}
      </Space>
      <MatterScopeFiguresCard />
      {q.error ? <Alert type="error" showIcon title={describeError(q.error)} /> : null}
      {data?.truncated ? <Alert type="warning" showIcon title={t('community.map.truncated')} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={summary} loading={q.isPending}>
            {data && data.grids.length === 0 ? (
              <Empty description={t('community.map.noGrids')} />
            ) : data ? (
              <GridMapChart
                grids={data.grids}
                cases={data.cases}
                label={`${t('community.map.title')}: ${summary}`}
                height={isPhone ? 360 : 540}
                selectedGridId={gridId}
                onCaseClick={(id) => void navigate(`/cases/${id}`)}
                onGridClick={(id) => setGridId((cur) => (cur === id ? undefined : id))}
                colourLabels={colourLabels}
                hotLabel={t('community.map.hot')}
              />
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('community.map.gridsTitle')}>
            <Table<MapGrid>
              size="small"
              rowKey="id"
              data-testid="map-grids"
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              dataSource={byUrgency}
              onRow={(g) => ({ onClick: () => setGridId(g.id), style: { cursor: 'pointer' } })}
              rowClassName={(g) => (g.id === gridId ? 'ant-table-row-selected' : '')}
              columns={[
                {
                  title: t('community.grid.name'),
                  key: 'name',
                  render: (_, g) => (
                    <Space size={4} orientation="vertical">
                      <span>
                        <span
                          aria-hidden
                          style={{
                            display: 'inline-block',
                            width: 8,
                            height: 8,
                            marginRight: 6,
                            background:
                              gridTone(g) === 'none' ? '#d9d9d9' : RISK_HEX[gridTone(g) as RiskColour],
                          }}
                        />
                        {g.communityName} {g.name}
                      </span>
                      {g.hotCategory ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('community.map.hot')}
                          {g.hotCategory.name}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  ),
                },
                {
                  title: t('community.map.counts'),
                  key: 'counts',
                  width: 110,
                  render: (_, g) => (
                    <span data-testid={`grid-counts-${g.id}`}>
                      <span style={{ color: RISK_HEX.red }}>{g.counts.red}</span> /{' '}
                      <span style={{ color: RISK_HEX.yellow }}>{g.counts.yellow}</span> /{' '}
                      <span style={{ color: RISK_HEX.green }}>{g.counts.green}</span>
                    </span>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('community.map.casesTitle', { count: shownCases.length })}>
        <Table<MapCase>
          size="small"
          rowKey="id"
          data-testid="map-cases"
          dataSource={shownCases}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            {
              title: t('community.map.caseNo'),
              dataIndex: 'caseNo',
              render: (v: string, c) => <Link to={`/cases/${c.id}`}>{v}</Link>,
            },
            { title: t('community.map.caseTitle'), dataIndex: 'title' },
            {
              title: t('community.map.colour'),
              dataIndex: 'riskColour',
              render: (v: RiskColour) => <Tag color={TAG[v]}>{colourLabels[v]}</Tag>,
            },
            {
              title: t('community.map.grid'),
              dataIndex: 'gridId',
              // On a phone the grid worker's map holds the own grid: the column would only squeeze the title.
              responsive: ['md'],
              render: (v: string | null) => {
                const g = v ? gridName.get(v) : undefined;
                return g ? `${g.communityName ?? ''} ${g.name}` : t('community.map.outside');
              },
            },
          ]}
        />
      </Card>
    </Space>
  );
}

import { EnvironmentOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeError, fieldErrorsOf } from '../../../lib/api-errors';
import type { BoundaryImport, GridView } from '../api/community.api';
import { GridRosterDrawer } from '../components/grid-roster-drawer';
import { useGrids, useImportBoundaries } from '../hooks/use-community';

/**
 * 网格管理: grids and courtyard units of the jurisdiction with their heads, members and size;
 * boundaries imported from a GeoJSON file (all or nothing); rosters edited in a drawer.
 */
export function GridsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const grids = useGrids();
  const importer = useImportBoundaries();
  const [editing, setEditing] = useState<{ grid: GridView; mode: 'edit' | 'courtyard' } | null>(null);
  const [importProblems, setImportProblems] = useState<string[]>([]);

  const readFile = async (file: File) => {
    setImportProblems([]);
    let body: BoundaryImport;
    try {
      body = JSON.parse(await file.text()) as BoundaryImport;
    } catch {
      setImportProblems([t('community.grid.notJson')]);
      return;
    }
    try {
      const r = await importer.mutateAsync(body);
      void message.success(t('community.grid.imported', { count: r.updated }));
    } catch (err) {
      const problems = fieldErrorsOf(err).map((f) => `${f.name.join('.')}: ${f.errors.join('，')}`);
      setImportProblems(problems.length ? problems : [describeError(err)]);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('community.grid.title')}
        </Typography.Title>
        <Space wrap>
          <Link to="/community/map">
            <Button icon={<EnvironmentOutlined />}>{t('community.map.title')}</Button>
          </Link>
          {grids.data?.canManage ? (
            <Upload
              accept=".json,.geojson,application/geo+json,application/json"
              showUploadList={false}
              beforeUpload={(file) => {
                void readFile(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={importer.isPending}>
                {t('community.grid.import')}
              </Button>
            </Upload>
          ) : null}
        </Space>
      </Space>
      {grids.data?.canManage ? (
        <Typography.Text type="secondary">{t('community.grid.importHint')}</Typography.Text>
      ) : null}
      {importProblems.length ? (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setImportProblems([])}
          title={t('community.grid.importFailed')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {importProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Card size="small">
        <Table<GridView>
          rowKey="id"
          size="small"
          loading={grids.isPending}
          dataSource={grids.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: t('community.grid.community'), dataIndex: 'communityName' },
            {
              title: t('community.grid.name'),
              key: 'name',
              render: (_, g) => (
                <Space size={4}>
                  {g.name}
                  {g.type === 'courtyard' ? <Tag color="purple">{t('community.grid.courtyard')}</Tag> : null}
                  {g.boundary ? null : <Tag>{t('community.grid.noBoundary')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('community.grid.head'),
              key: 'head',
              render: (_, g) => g.members.find((m) => m.role === 'head')?.name ?? '—',
            },
            {
              title: t('community.grid.members'),
              key: 'members',
              render: (_, g) =>
                g.members
                  .filter((m) => m.role === 'member')
                  .map((m) => (m.duty ? `${m.name}（${m.duty}）` : m.name))
                  .join('、') || '—',
            },
            { title: t('community.grid.households'), dataIndex: 'households', render: (v) => v ?? '—' },
            {
              title: t('community.grid.actions'),
              key: 'actions',
              render: (_, g) =>
                g.canManage ? (
                  <Space size={0} wrap>
                    <Button type="link" size="small" onClick={() => setEditing({ grid: g, mode: 'edit' })}>
                      {t('community.grid.edit')}
                    </Button>
                    {g.type === 'grid' ? (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setEditing({ grid: g, mode: 'courtyard' })}
                      >
                        {t('community.grid.addCourtyard')}
                      </Button>
                    ) : null}
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <GridRosterDrawer
        grid={editing?.grid ?? null}
        mode={editing?.mode ?? 'edit'}
        onClose={() => setEditing(null)}
      />
    </Space>
  );
}

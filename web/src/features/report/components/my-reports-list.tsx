import { CameraOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { shanghai, useCaseLabels } from '../../cases/hooks/use-case-labels';
import { useMyReports } from '../hooks/use-my-reports';

/** 我的最近上报: the worker's last reports, each a link to its case. */
export function MyReportsList() {
  const { t } = useTranslation();
  const caseLabels = useCaseLabels();
  const mine = useMyReports();
  return (
    <Card size="small" title={t('dashboard.report.mine')} data-testid="my-reports">
      <List
        loading={mine.isPending}
        dataSource={mine.data?.items ?? []}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.report.mineEmpty')} />
          ),
        }}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Link to={`/cases/${r.id}`} data-testid="my-report-link">
                  {r.title}
                </Link>
              }
              description={
                <Space size={[8, 4]} wrap>
                  <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
                    {r.caseNo}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {shanghai(r.receivedAt).format('MM-DD HH:mm')}
                  </Typography.Text>
                  <Tag>{caseLabels.status(r.status)}</Tag>
                  {r.hasLocation && (
                    <Tag icon={<EnvironmentOutlined />} color="blue">
                      {t('dashboard.report.withLocation')}
                    </Tag>
                  )}
                  {r.attachmentCount > 0 && (
                    <Tag icon={<CameraOutlined />}>
                      {t('dashboard.report.photos', { count: r.attachmentCount })}
                    </Tag>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

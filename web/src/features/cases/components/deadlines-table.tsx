import { WarningOutlined } from '@ant-design/icons';
import { Card, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDeadline, CaseDetail } from '../api/cases.api';
import { useCaseLabels } from '../hooks/use-case-labels';
import { DueTag } from './case-tags';

const STATUS_COLOURS: Record<string, string> = {
  running: 'processing',
  paused: 'warning',
  met: 'success',
  missed: 'error',
  cancelled: 'default',
};

/**
 * Every clock of the case: staff deadlines and the petitioner's own windows (marked: they never
 * make a case overdue), with a flag where the holiday calendar for the year was not loaded.
 */
export function DeadlinesTable({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  return (
    <Card title={t('cases.detail.deadlines')} size="small">
      <Table<CaseDeadline>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={c.deadlines}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('cases.detail.noDeadlines') }}
        columns={[
          {
            title: t('cases.deadline.label'),
            key: 'label',
            render: (_, d) => (
              <span>
                <Tooltip title={d.basis}>
                  <span>{labels.lang === 'en' ? d.label.en : d.label.zh}</span>
                </Tooltip>
                {d.isPetitionerWindow && (
                  <Tag color="purple" style={{ marginInlineStart: 6 }}>
                    {t('cases.deadline.petitionerWindow')}
                  </Tag>
                )}
                {d.unverified && (
                  <Tooltip title={t('cases.deadline.unverifiedHint')}>
                    <Tag icon={<WarningOutlined />} color="warning" style={{ marginInlineStart: 6 }}>
                      {t('cases.deadline.unverified')}
                    </Tag>
                  </Tooltip>
                )}
                {d.extensionDays > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                    {t('cases.deadline.extended', { count: d.extensionDays })}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { title: t('cases.deadline.unit'), dataIndex: 'unitName', width: 110 },
          { title: t('cases.deadline.started'), dataIndex: 'startedOn', width: 100 },
          {
            title: t('cases.deadline.due'),
            key: 'due',
            width: 180,
            render: (_, d) =>
              d.status === 'running' ? (
                <DueTag dueOn={d.dueOn} colour={d.colour} daysLeft={d.daysLeft} />
              ) : (
                d.dueOn
              ),
          },
          {
            title: t('cases.deadline.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: string) => (
              <Tag color={STATUS_COLOURS[s] ?? 'default'}>
                {t(`cases.deadline.statuses.${s}` as 'cases.deadline.statuses.running', { defaultValue: s })}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}

import { LockOutlined } from '@ant-design/icons';
import { Card, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../api/cases.api';
import { useCaseLabels } from '../hooks/use-case-labels';
import { DueTag, GroupTag, RiskTag, StatusTag } from './case-tags';

/** 事项详情 header: number, title, status, risk, nearest deadline, and the buttons the server allows. */
export function CaseHeader({ c, actions }: { c: CaseDetail; actions: ReactNode }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const dueLabel = c.due ? c.deadlines.find((d) => d.code === c.due?.code)?.label : undefined;
  return (
    <Card>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Space size={[8, 8]} wrap>
          <Typography.Text copyable type="secondary" data-testid="case-no">
            {c.caseNo}
          </Typography.Text>
          <StatusTag status={c.status} />
          <RiskTag colour={c.riskColour} reason={c.riskReason} />
          {c.isGroup && <GroupTag personCount={c.personCount} />}
          {c.isRepeat && <Tag color="orange">{t('cases.repeat')}</Tag>}
          {c.isConfidential && (
            <Tag icon={<LockOutlined />} color="volcano">
              {t('cases.confidential')}
            </Tag>
          )}
          {c.resolvedOnSpot && <Tag color="green">{t('cases.detail.resolvedOnSpot')}</Tag>}
        </Space>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="case-title">
          {c.title}
        </Typography.Title>
        <Space size={[24, 8]} wrap>
          <span>
            <Typography.Text type="secondary">
              {t('cases.columns.due')}
              {t('common.colon')}
            </Typography.Text>
            {c.due ? (
              <Tooltip title={dueLabel ? (labels.lang === 'en' ? dueLabel.en : dueLabel.zh) : undefined}>
                <span>
                  <DueTag dueOn={c.due.dueOn} colour={c.due.colour} daysLeft={c.due.daysLeft} />
                </span>
              </Tooltip>
            ) : (
              t('common.none')
            )}
          </span>
          <span>
            <Typography.Text type="secondary">
              {t('cases.detail.firstUnit')}
              {t('common.colon')}
            </Typography.Text>
            {c.firstUnit.name}
          </span>
          <span>
            <Typography.Text type="secondary">
              {t('cases.detail.ownerUnit')}
              {t('common.colon')}
            </Typography.Text>
            <Typography.Text strong data-testid="owner-unit">
              {c.ownerUnit.name}
            </Typography.Text>
          </span>
          <span>
            <Typography.Text type="secondary">
              {t('cases.detail.receivedAt')}
              {t('common.colon')}
            </Typography.Text>
            {labels.dateTime(c.receivedAt)}
          </span>
        </Space>
        {actions}
      </Space>
    </Card>
  );
}

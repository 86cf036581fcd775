import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, SupervisionOrder } from '../api/cases.api';
import { useCaseLabels } from '../hooks/use-case-labels';
import type { FormTarget } from './case-command-form';

const TIER_COLOURS: Record<string, string> = { normal: 'blue', yellow: 'gold', red: 'red' };

/** 督办: supervision orders on the case, and the reply of the unit they target. */
export function SupervisionCard({
  c,
  canReply,
  onOpen,
}: {
  c: CaseDetail;
  canReply: (o: SupervisionOrder) => boolean;
  onOpen: (t: FormTarget) => void;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  if (!c.supervision.length) return null;
  return (
    <Card title={t('cases.detail.supervision')} size="small">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {c.supervision.map((o) => (
          <Card key={o.id} size="small" type="inner">
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space size={6} wrap>
                <Tag color={TIER_COLOURS[o.tier] ?? 'default'}>
                  {t(`cases.options.tier.${o.tier}` as 'cases.options.tier.normal')}
                </Tag>
                <Typography.Text>{o.targetUnit.name}</Typography.Text>
                <Tag color={o.status === 'open' ? 'processing' : 'success'}>
                  {o.status === 'open' ? t('cases.supervision.open') : t('cases.supervision.replied')}
                </Tag>
                {o.trigger !== 'manual' && <Tag>{t('cases.supervision.automatic')}</Tag>}
              </Space>
              <Typography.Text>{o.reason}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('cases.supervision.raisedAt', { time: labels.dateTime(o.createdAt) })}
                {' · '}
                {t('cases.supervision.replyDue', { date: o.dueOn })}
              </Typography.Text>
              {o.reply && (
                <Typography.Text style={{ fontSize: 13 }}>
                  {t('cases.supervision.replyText')}
                  {t('common.colon')}
                  {o.reply} · {labels.dateTime(o.repliedAt)}
                </Typography.Text>
              )}
              {o.status === 'open' && canReply(o) && (
                <Button size="small" onClick={() => onOpen({ type: 'supervision', orderId: o.id })}>
                  {t('cases.supervision.reply')}
                </Button>
              )}
            </Space>
          </Card>
        ))}
      </Space>
    </Card>
  );
}

/** 领导包案 with the four fixes (四定). */
export function LeaderCard({ c, unitName }: { c: CaseDetail; unitName: (id: string) => string | null }) {
  const { t } = useTranslation();
  if (!c.leader) return null;
  const pkg = c.leader.package;
  return (
    <Card title={t('cases.detail.leader')} size="small">
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'leader', label: t('cases.fields.leaderUserId'), children: c.leader.name },
          ...(pkg
            ? [
                {
                  key: 'unit',
                  label: t('cases.fields.responsibleUnitId'),
                  children: unitName(pkg.responsibleUnitId) ?? t('common.none'),
                },
                { key: 'handler', label: t('cases.fields.handlerName'), children: pkg.handlerName },
                { key: 'plan', label: t('cases.fields.plan'), children: pkg.plan },
                { key: 'deadline', label: t('cases.fields.deadline'), children: pkg.deadline },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

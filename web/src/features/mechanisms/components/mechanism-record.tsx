import { Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Mechanism } from '../api/mechanisms.api';
import type { ActionName } from './action-specs';
import { stepText } from './step-text';

const COLOUR_TAG = { green: 'success', yellow: 'warning', red: 'error' } as const;

/** One record: kind, status, members, the confirmation window, its steps and the steps offered now. */
export function MechanismRecord({
  m,
  actions,
  onAction,
}: {
  m: Mechanism;
  actions: ActionName[];
  onAction: (a: ActionName, mechanismId: string) => void;
}) {
  const { t } = useTranslation();
  const agreement = m.details.agreement as { terms?: string; effectiveOn?: string } | undefined;
  return (
    <Card
      size="small"
      data-testid={`mechanism-${m.kind}`}
      title={
        <Space wrap>
          <Typography.Text strong>{t(`mechanisms.kinds.${m.kind}`)}</Typography.Text>
          <Tag color={m.status === 'active' ? 'processing' : 'default'}>
            {t(`mechanisms.status.${m.status}` as 'mechanisms.status.active')}
          </Tag>
          {m.outcome && (
            <Tag color="blue">{t(`mechanisms.outcomes.${m.outcome}` as 'mechanisms.outcomes.signed')}</Tag>
          )}
          {m.deadline && m.deadline.status === 'running' && (
            <Tag
              color={m.deadline.colour ? COLOUR_TAG[m.deadline.colour as keyof typeof COLOUR_TAG] : 'default'}
              data-testid="confirm-window"
            >
              {t('mechanisms.card.window', { date: m.deadline.dueOn })}
            </Tag>
          )}
          {m.deadline && m.deadline.status === 'met' && (
            <Tag color="success">{t('mechanisms.card.windowMet', { date: m.deadline.dueOn })}</Tag>
          )}
        </Space>
      }
      extra={
        <Space wrap size={4}>
          {actions.map((a) => (
            <Button key={a} size="small" onClick={() => onAction(a, m.id)} data-testid={`action-${a}`}>
              {t(`mechanisms.actions.${a}`)}
            </Button>
          ))}
        </Space>
      }
    >
      <Descriptions size="small" column={1}>
        {m.members.length > 0 && (
          <Descriptions.Item label={t('mechanisms.card.members')}>
            <Space wrap size={4}>
              {m.members.map((x) => (
                <Tag key={x.id} color={x.opinion ? 'green' : undefined}>
                  {t(`mechanisms.roles.${x.role}` as 'mechanisms.roles.lead')}：{x.name}
                  {x.identity
                    ? `（${t(`mechanisms.identities.${x.identity}` as 'mechanisms.identities.other')}）`
                    : ''}
                  {m.kind === 'expert_review' && !x.opinion
                    ? ` · ${t('mechanisms.card.opinionPending')}`
                    : ''}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        )}
        {typeof m.details.purpose === 'string' && (
          <Descriptions.Item label={t('mechanisms.fields.purpose')}>{m.details.purpose}</Descriptions.Item>
        )}
        {typeof m.details.organisation === 'string' && (
          <Descriptions.Item label={t('mechanisms.fields.organisation')}>
            {m.details.organisation}
          </Descriptions.Item>
        )}
        {agreement?.terms && (
          <Descriptions.Item label={t('mechanisms.fields.terms')}>{agreement.terms}</Descriptions.Item>
        )}
        {typeof m.details.courtName === 'string' && (
          <Descriptions.Item label={t('mechanisms.fields.courtName')}>
            {m.details.courtName}
          </Descriptions.Item>
        )}
        {typeof m.details.summary === 'string' && (
          <Descriptions.Item label={t('mechanisms.fields.summary')}>{m.details.summary}</Descriptions.Item>
        )}
        {typeof m.details.opinion === 'string' && (
          <Descriptions.Item label={t('mechanisms.fields.opinion')}>{m.details.opinion}</Descriptions.Item>
        )}
      </Descriptions>
      {m.steps.length > 0 && (
        <Timeline
          style={{ marginTop: 12 }}
          items={m.steps.map((step) => ({
            key: step.id,
            content: (
              <span>
                <Typography.Text type="secondary">{step.occurredOn}</Typography.Text>{' '}
                <Tag>{t(`mechanisms.steps.${step.kind}` as 'mechanisms.steps.meeting')}</Tag>
                {stepText(step, t)}
              </span>
            ),
          }))}
        />
      )}
    </Card>
  );
}

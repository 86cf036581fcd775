import { Alert, Card, Descriptions, Result, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { todayInShanghai } from '../../../lib/shanghai-time';
import { ActionModal } from '../components/action-modal';
import { type ActionName, actionSpecs } from '../components/action-specs';
import { MechanismRecord } from '../components/mechanism-record';
import { useMemberView } from '../hooks/use-mechanisms';

/**
 * A member's view of a case: read-only, through the record they sit on. An expert records their
 * opinion on legality and reasonableness; a mediator records consents, sessions, notices and the
 * agreement of their mediation.
 */
export function MemberViewPage() {
  const { t } = useTranslation();
  const { caseId = '', mechanismId = '' } = useParams();
  const view = useMemberView(caseId, mechanismId);
  const [open, setOpen] = useState<ActionName | null>(null);
  const [formKey, setFormKey] = useState(0);
  if (view.isPending) return <Skeleton active />;
  if (!view.data)
    return (
      <Result
        status="404"
        title={t('cases.detail.notFound')}
        extra={<Link to="/mechanisms/mine">{t('mechanisms.member.back')}</Link>}
      />
    );
  const v = view.data;
  const m = v.mechanism;
  const me = m.members.find((x) => x.id === v.myMemberId);
  const actions: ActionName[] =
    m.status !== 'active'
      ? []
      : m.kind === 'expert_review'
        ? me?.opinion
          ? []
          : ['opinions']
        : m.kind === 'mediation'
          ? ['consents', 'sessions', ...(m.details.agreement ? [] : (['agreement'] as ActionName[]))]
          : [];
  const opinion = v.opinion as { text?: string; legalBasis?: string } | null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="member-view">
      <Link to="/mechanisms/mine">{t('mechanisms.member.back')}</Link>
      <Alert
        type="info"
        showIcon
        title={t('mechanisms.member.readOnly', { kind: t(`mechanisms.kinds.${m.kind}`) })}
      />
      <Card title={`${v.caseNo} · ${v.title}`} size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('mechanisms.member.facts')}>{v.facts}</Descriptions.Item>
          <Descriptions.Item label={t('mechanisms.member.demands')}>{v.demands}</Descriptions.Item>
          {opinion?.text && (
            <Descriptions.Item label={t('mechanisms.member.reply')}>
              <Space orientation="vertical" size={2}>
                <span data-testid="member-reply">{opinion.text}</span>
                {opinion.legalBasis && <span>{opinion.legalBasis}</span>}
                {v.deliveredOn && <span>{t('mechanisms.member.deliveredOn', { date: v.deliveredOn })}</span>}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <MechanismRecord
        m={m}
        actions={actions}
        onAction={(a) => {
          setFormKey((k) => k + 1);
          setOpen(a);
        }}
      />
      {me?.opinion && (
        <Card size="small" title={t('mechanisms.member.myOpinion')} data-testid="my-opinion">
          {String((me.opinion as { opinion?: string }).opinion ?? '')}
        </Card>
      )}
      {open && (
        <ActionModal
          key={formKey}
          caseId={caseId}
          spec={actionSpecs(t as (k: string) => string, todayInShanghai())[open]}
          mechanismId={mechanismId}
          attachments={[]}
          onClose={() => setOpen(null)}
        />
      )}
    </Space>
  );
}

import { Button, Card, Empty, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInShanghai } from '../../../lib/shanghai-time';
import type { CaseDetail } from '../../cases/api/cases.api';
import type { Mechanism } from '../api/mechanisms.api';
import { useCaseMechanisms } from '../hooks/use-mechanisms';
import { ActionModal } from './action-modal';
import { type ActionName, actionSpecs } from './action-specs';
import { ExpertPicker } from './expert-picker';
import { MechanismRecord } from './mechanism-record';

/** The steps a record offers now, by its kind and state and the case's status. */
function recordActions(m: Mechanism, c: CaseDetail, all: Mechanism[]): ActionName[] {
  if (m.kind === 'task_force') return m.status === 'active' ? ['meetings', 'dissolve'] : [];
  if (m.kind === 'mediation') {
    const out: ActionName[] = [];
    if (m.status === 'active') {
      out.push('consents', 'sessions', 'notices');
      if (!m.details.agreement) out.push('agreement');
      if (c.status === 'mediating') out.push('end');
    }
    const filed = all.some((x) => x.kind === 'judicial_confirmation' && x.parentId === m.id);
    if (m.details.agreement && !filed && m.deadline?.status === 'running') out.push('judicialConfirmation');
    if (m.details.agreement && !filed) out.push('payments');
    return out;
  }
  if (m.kind === 'judicial_confirmation') {
    if (m.status === 'active') return ['ruling'];
    return m.outcome === 'confirmed' ? ['payments'] : [];
  }
  if (m.kind === 'hearing') {
    if (m.status !== 'active') return [];
    return c.status === 'hearing' ? ['hearingNotice', 'concludeHearing'] : ['hearingNotice'];
  }
  if (m.kind === 'expert_review') {
    if (m.status !== 'active' || c.status !== 'expert_review') return [];
    const paper = m.members.some((x) => !x.opinion && !x.hasAccount);
    return paper ? ['officeOpinion', 'concludeReview'] : ['concludeReview'];
  }
  return [];
}

/**
 * 化解机制 on the case page: task force, mediation, judicial confirmation, hearing, expert review and
 * signed papers, with the steps the handler may record now. Starting a mediation, a hearing or an
 * expert review moves the case through its own commands, so those buttons follow the case abilities.
 */
export function MechanismsCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const list = useCaseMechanisms(c.id);
  const specs = actionSpecs(t as (k: string) => string, todayInShanghai());
  /** The office's paper opinion names one of the experts without an account. */
  const specFor = (action: ActionName, mechanismId?: string) => {
    const spec = specs[action];
    if (action !== 'officeOpinion') return spec;
    const m = list.data?.items.find((x) => x.id === mechanismId);
    const options = (m?.members ?? [])
      .filter((x) => !x.opinion && !x.hasAccount)
      .map((x) => ({ value: x.id, label: x.name }));
    return {
      ...spec,
      fields: spec.fields.map((f) => (f.name === 'memberId' && f.kind === 'select' ? { ...f, options } : f)),
    };
  };
  const [open, setOpen] = useState<{ action: ActionName; mechanismId?: string } | null>(null);
  const [picker, setPicker] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const manage = list.data?.abilities.manage ?? false;
  const can = (command: string) => c.abilities.commands.includes(command);
  const start = (action: ActionName, mechanismId?: string) => {
    setFormKey((k) => k + 1);
    setOpen({ action, ...(mechanismId && { mechanismId }) });
  };
  const isOpen = !['closed', 'terminated', 'followed_up', 'archived'].includes(c.status);
  return (
    <Card
      title={t('mechanisms.card.title')}
      size="small"
      data-testid="mechanisms-card"
      extra={
        manage && (
          <Space wrap size={4}>
            {isOpen && (
              <Button size="small" onClick={() => start('taskForce')} data-testid="start-taskForce">
                {t('mechanisms.actions.taskForce')}
              </Button>
            )}
            {can('startMediation') && (
              <Button
                size="small"
                type="primary"
                onClick={() => start('mediation')}
                data-testid="start-mediation"
              >
                {t('mechanisms.actions.mediation')}
              </Button>
            )}
            {can('startHearing') && (
              <Button size="small" onClick={() => start('hearing')} data-testid="start-hearing">
                {t('mechanisms.actions.hearing')}
              </Button>
            )}
            {can('requestExpertReview') && (
              <Button
                size="small"
                type="primary"
                onClick={() => setPicker(true)}
                data-testid="start-expertReview"
              >
                {t('mechanisms.actions.expertReview')}
              </Button>
            )}
            <Button size="small" onClick={() => start('signedDocument')} data-testid="start-signedDocument">
              {t('mechanisms.actions.signedDocument')}
            </Button>
          </Space>
        )
      }
    >
      {list.isPending ? (
        <Skeleton active />
      ) : !list.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mechanisms.card.empty')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {list.data.items.map((m) => (
            <MechanismRecord
              key={m.id}
              m={m}
              actions={manage ? recordActions(m, c, list.data.items) : []}
              onAction={(a, id) => start(a, id)}
            />
          ))}
        </Space>
      )}
      {open && (
        <ActionModal
          key={formKey}
          caseId={c.id}
          spec={specFor(open.action, open.mechanismId)}
          mechanismId={open.mechanismId}
          version={c.version}
          attachments={c.attachments}
          onClose={() => setOpen(null)}
        />
      )}
      {picker && <ExpertPicker caseId={c.id} version={c.version} onClose={() => setPicker(false)} />}
    </Card>
  );
}

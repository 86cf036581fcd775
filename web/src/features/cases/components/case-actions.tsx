import { DownOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../api/cases.api';
import { useCaseLabels } from '../hooks/use-case-labels';
import type { FormTarget } from './case-command-form';
import { caseFormOf } from './command-specs';

/** The usual next steps first; what is rarely needed goes under 更多操作. */
const ORDER = [
  'accept',
  'startHandling',
  'issueOpinion',
  'deliver',
  'close',
  'followUp',
  'archive',
  'startReview',
  'decideReview',
  'deliverReview',
  'startRecheck',
  'decideRecheck',
  'deliverRecheck',
  'endMediation',
  'endHearing',
  'concludeExpertReview',
  'escalate',
  'whistle',
  'transfer',
  'assign',
  'triage',
  'startMediation',
  'startHearing',
  'extend',
  'confirmReceipt',
  'reportProgress',
  'supervise',
  'attachLeader',
  'requestReview',
  'requestExpertReview',
  'requestRecheck',
  'decideObjection',
  'object',
  'linkRepeat',
  'routeOut',
  'rejectTerminated',
  'reject',
  'referDiscipline',
  'withdrawOpinion',
  'reopenForRectification',
];
const VISIBLE = 5;

/**
 * Resolution mechanisms: mediation, hearing and expert review start and end from the 化解机制 card,
 * which keeps the record (mediators, panel, experts, agreement …) with the transition.
 */
const MECHANISM_COMMANDS = new Set([
  'startMediation',
  'endMediation',
  'startHearing',
  'endHearing',
  'requestExpertReview',
  'concludeExpertReview',
]);

/**
 * The case's buttons: exactly the commands and actions the server lists in `abilities`, nothing
 * the client works out for itself.
 */
export function CaseActions({ c, onOpen }: { c: CaseDetail; onOpen: (t: FormTarget) => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const allowed = [...c.abilities.commands, ...c.abilities.actions].filter(
    (n) => caseFormOf(n) && !MECHANISM_COMMANDS.has(n),
  );
  const rank = (n: string) => {
    const i = ORDER.indexOf(n);
    return i === -1 ? ORDER.length : i;
  };
  const sorted = [...new Set(allowed)].sort((a, b) => rank(a) - rank(b));
  if (!sorted.length) return null;
  const shown = sorted.slice(0, VISIBLE);
  const more = sorted.slice(VISIBLE);
  return (
    <Space wrap size={8} data-testid="case-actions">
      {shown.map((name, i) => (
        <Button
          key={name}
          type={i === 0 ? 'primary' : 'default'}
          danger={caseFormOf(name)?.danger}
          onClick={() => onOpen({ type: 'case', name })}
          data-testid={`cmd-${name}`}
        >
          {labels.command(name)}
        </Button>
      ))}
      {more.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: more.map((name) => ({
              key: name,
              danger: caseFormOf(name)?.danger,
              label: <span data-testid={`cmd-${name}`}>{labels.command(name)}</span>,
            })),
            onClick: ({ key }) => onOpen({ type: 'case', name: key }),
          }}
        >
          <Button data-testid="more-actions">
            <Space size={4}>
              {t('cases.detail.moreActions')}
              <DownOutlined style={{ fontSize: 10 }} />
            </Space>
          </Button>
        </Dropdown>
      )}
    </Space>
  );
}

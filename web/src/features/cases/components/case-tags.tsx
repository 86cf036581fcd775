import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DueColour, RiskColour } from '../../../../../common/src/cases.js';
import type { Status } from '../api/workflow';
import { useCaseLabels } from '../hooks/use-case-labels';

/** One colour per stage of the lifecycle, so a status reads the same in the queue and on the case. */
const STATUS_COLOURS: Record<Status, string> = {
  registered: 'blue',
  triage: 'blue',
  transferred: 'cyan',
  assigned: 'cyan',
  objected: 'orange',
  routed_out: 'default',
  referred_discipline: 'volcano',
  not_accepted: 'default',
  not_reaccepted: 'default',
  merged: 'default',
  accepted: 'geekblue',
  in_progress: 'processing',
  mediating: 'purple',
  hearing: 'purple',
  opinion_issued: 'gold',
  delivered: 'lime',
  expert_review: 'purple',
  review_requested: 'magenta',
  reviewing: 'magenta',
  review_decided: 'magenta',
  review_delivered: 'magenta',
  recheck_requested: 'magenta',
  rechecking: 'magenta',
  recheck_decided: 'magenta',
  closed: 'success',
  terminated: 'red',
  followed_up: 'success',
  archived: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const labels = useCaseLabels();
  return (
    <Tag color={STATUS_COLOURS[status as Status] ?? 'default'} data-testid="status-tag">
      {labels.status(status)}
    </Tag>
  );
}

const COLOUR_TAG: Record<DueColour, string> = { green: 'success', yellow: 'warning', red: 'error' };

/** The risk colour (三色风险) set at intake: red and yellow stand out, green stays quiet. */
export function RiskTag({
  colour,
  reason,
  compact,
}: {
  colour: RiskColour | string;
  reason?: string | null;
  /** Tables show 红色 / 黄色 / 绿色, with the full label on hover. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const tag = (
    <Tag
      color={COLOUR_TAG[colour as DueColour] ?? 'default'}
      variant={colour === 'green' ? 'outlined' : 'solid'}
      data-testid="risk-tag"
    >
      {compact
        ? t(`cases.riskShort.${colour}` as 'cases.riskShort.green', { defaultValue: colour })
        : labels.risk(colour)}
    </Tag>
  );
  const tip = compact ? [labels.risk(colour), reason].filter(Boolean).join(t('common.colon')) : reason;
  return tip ? <Tooltip title={tip}>{tag}</Tooltip> : tag;
}

/** The nearest deadline: its date in a colour tag, and the countdown beside it. */
export function DueTag({
  dueOn,
  colour,
  daysLeft,
  compact,
}: {
  dueOn: string | null;
  colour: DueColour | null;
  daysLeft: number | null;
  compact?: boolean;
}) {
  const labels = useCaseLabels();
  const { t } = useTranslation();
  if (!dueOn) return <span>{t('common.none')}</span>;
  const text = labels.countdown(daysLeft);
  return (
    <Tag color={colour ? COLOUR_TAG[colour] : 'default'} data-testid="due-tag" style={{ marginInlineEnd: 0 }}>
      {compact ? text || dueOn : `${dueOn}${text ? ` · ${text}` : ''}`}
    </Tag>
  );
}

export function GroupTag({ personCount }: { personCount: number }) {
  const { t } = useTranslation();
  return (
    <Tag color="volcano" data-testid="group-tag">
      {t('cases.group', { count: personCount })}
    </Tag>
  );
}

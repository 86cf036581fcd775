import { useTranslation } from 'react-i18next';
import {
  CHANNEL_LABELS,
  CLAIM_ROUTE_LABELS,
  DELIVERY_METHOD_LABELS,
  FOLLOW_UP_METHOD_LABELS,
  NATURE_LABELS,
  OPINION_OUTCOME_LABELS,
  RISK_COLOUR_LABELS,
  SATISFACTION_LABELS,
} from '../../../../../common/src/cases.js';
import { labelLang } from '../../../app/i18n';
import { CASE_TZ, shanghai, todayInShanghai } from '../../../lib/shanghai-time';
import { COMMANDS, STATUS_LABELS } from '../api/workflow';

export { CASE_TZ, shanghai, todayInShanghai };

type Labels = Record<string, { zh: string; en: string }>;

function pick(table: Labels, key: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!key) return '';
  return table[key]?.[lang] ?? key;
}

/** Case vocabulary (common/src/cases.ts and the workflow tables) in the UI language. */
export function useCaseLabels() {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  return {
    lang,
    status: (s: string | null | undefined) => pick(STATUS_LABELS, s, lang),
    channel: (c: string | null | undefined) => pick(CHANNEL_LABELS, c, lang),
    nature: (n: string | null | undefined) => pick(NATURE_LABELS, n, lang),
    risk: (r: string | null | undefined) => pick(RISK_COLOUR_LABELS, r, lang),
    claimRoute: (r: string | null | undefined) => pick(CLAIM_ROUTE_LABELS, r, lang),
    outcome: (o: string | null | undefined) => pick(OPINION_OUTCOME_LABELS, o, lang),
    delivery: (m: string | null | undefined) => pick(DELIVERY_METHOD_LABELS, m, lang),
    followUp: (m: string | null | undefined) => pick(FOLLOW_UP_METHOD_LABELS, m, lang),
    satisfaction: (s: string | null | undefined) => pick(SATISFACTION_LABELS, s, lang),
    command: (name: string) => {
      const spec = (COMMANDS as Record<string, { labelZh: string; labelEn: string }>)[name];
      if (spec) return lang === 'en' ? spec.labelEn : spec.labelZh;
      return t(`cases.actionNames.${name}` as 'cases.actionNames.extend', { defaultValue: name });
    },
    /** "2026-11-21 10:30" in Shanghai time. */
    dateTime: (iso: string | null | undefined) => (iso ? shanghai(iso).format('YYYY-MM-DD HH:mm') : ''),
    date: (iso: string | null | undefined) => (iso ? shanghai(iso).format('YYYY-MM-DD') : ''),
    /** 剩余3天 / 今日到期 / 已超期2天 */
    countdown: (daysLeft: number | null | undefined) => {
      if (daysLeft === null || daysLeft === undefined) return '';
      if (daysLeft > 0) return t('cases.due.left', { count: daysLeft });
      if (daysLeft === 0) return t('cases.due.today');
      return t('cases.due.overdue', { count: -daysLeft });
    },
  };
}

export type CaseLabels = ReturnType<typeof useCaseLabels>;

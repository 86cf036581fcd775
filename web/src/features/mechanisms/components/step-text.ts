import type { TFunction } from 'i18next';
import type { Mechanism } from '../api/mechanisms.api';

type Step = Mechanism['steps'][number];
const s = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));

/** A one-line summary of a step for the record's history. */
export function stepText(step: Step, t: TFunction): string {
  const d = step.details;
  switch (step.kind) {
    case 'meeting':
      return `${s(d.place)}：${s(d.decisions)}`;
    case 'consent':
      return `${s(d.party)}：${d.consented ? t('mechanisms.events.yes') : t('mechanisms.events.no')}`;
    case 'session':
      return `${s(d.place)}：${s(d.minutes)}`;
    case 'notice':
      return `${t(`mechanisms.notices.${s(d.notice)}` as 'mechanisms.notices.false_mediation_liability')}（${(d.acknowledgedBy as string[] | undefined)?.join('、') ?? ''}）`;
    case 'agreement':
      return s(d.terms);
    case 'application':
      return `${s(d.courtName)} ${s(d.filingNo)}`;
    case 'ruling':
      return `${t(`mechanisms.outcomes.${s(d.decision)}` as 'mechanisms.outcomes.confirmed')} ${s(d.rulingNo)}`;
    case 'payment':
      return `${s(d.amountYuan)} 元 · ${s(d.method)}`;
    case 'hearing_notice':
      return `${(d.parties as string[] | undefined)?.join('、') ?? ''} · ${s(d.method)}`;
    case 'opinion':
      return d.upholdsReply ? t('mechanisms.outcomes.upheld') : t('mechanisms.outcomes.not_upheld');
    case 'conclusion':
      return s(d.conclusion ?? d.opinion);
    default:
      return '';
  }
}

import type { TFunction } from 'i18next';

/** Timeline sentences of the mechanism events (null for other types). */
export function mechanismEventSentence(
  type: string,
  payload: unknown,
  who: string,
  t: TFunction,
): string | null {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const s = (k: string) => (typeof p[k] === 'string' || typeof p[k] === 'number' ? String(p[k]) : '');
  switch (type) {
    case 'task_force_convened':
      return t('mechanisms.events.taskForceConvened', { who });
    case 'task_force_met':
      return t('mechanisms.events.taskForceMet', { who });
    case 'task_force_dissolved':
      return t('mechanisms.events.taskForceDissolved', { who });
    case 'mediation_consent_recorded':
      return t('mechanisms.events.consent', {
        who,
        party: s('party'),
        answer: p.consented ? t('mechanisms.events.yes') : t('mechanisms.events.no'),
      });
    case 'mediation_session_recorded':
      return t('mechanisms.events.session', { who });
    case 'mediation_notice_acknowledged':
      return t('mechanisms.events.notice', {
        who,
        notice: t(`mechanisms.notices.${s('notice')}` as 'mechanisms.notices.false_mediation_liability'),
      });
    case 'agreement_effective':
      return t('mechanisms.events.agreement', { who, date: s('effectiveOn') });
    case 'confirmation_filed':
      return t('mechanisms.events.confirmationFiled', { who, court: s('courtName') });
    case 'confirmation_decided':
      return t('mechanisms.events.confirmationDecided', {
        who,
        decision: t(`mechanisms.outcomes.${s('decision')}` as 'mechanisms.outcomes.confirmed'),
      });
    case 'agreement_performed':
      return t('mechanisms.events.performed', { who, amount: s('amountYuan') });
    case 'hearing_notice_sent':
      return t('mechanisms.events.hearingNotice', { who });
    case 'expert_opinion_recorded':
      return t('mechanisms.events.expertOpinion', { who });
    case 'commitment_signed':
      return t('mechanisms.events.commitment', { who });
    case 'leader_package_signed':
      return t('mechanisms.events.leaderPackage', { who });
    default:
      return null;
  }
}

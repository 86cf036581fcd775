/**
 * What each outbox topic says. Petitioner SMS name the case number and what happened, never a name,
 * an ID number or a phone; staff notices name the case number and what is asked of the unit.
 * Payload values are read defensively: rows written by older code may lack a field.
 */

type Payload = Record<string, unknown>;
const str = (p: Payload, k: string) => (typeof p[k] === 'string' && p[k] ? (p[k] as string) : undefined);

export const SMS_TEMPLATES: Record<string, (p: Payload) => string> = {
  'sms.petitioner.accepted': (p) =>
    `您的信访事项（编号${str(p, 'caseNo')}）已受理` +
    (str(p, 'handleDueOn') ? `，将于${str(p, 'handleDueOn')}前办理完毕并书面答复。` : '。'),
  'sms.petitioner.not_accepted': (p) =>
    `您的信访事项（编号${str(p, 'caseNo')}）经审查不予受理，书面告知将依法送达。`,
  'sms.petitioner.transferred': (p) =>
    `您的信访事项（编号${str(p, 'caseNo')}）已转送有权处理的机关办理，请留意后续告知。`,
  'sms.petitioner.routed_out': (p) =>
    `您的信访事项（编号${str(p, 'caseNo')}）应通过法定途径解决，具体途径见书面告知。`,
  'sms.petitioner.extended': (p) =>
    `您的信访事项（编号${str(p, 'caseNo')}）办理期限已依法延长` +
    (str(p, 'newDueOn') ? `至${str(p, 'newDueOn')}。` : '。'),
  'sms.petitioner.reply_delivered': (p) =>
    `您的信访事项（编号${str(p, 'caseNo')}）的处理意见已送达。` +
    (str(p, 'reviewWindowLastDay') ? `如不服，可于${str(p, 'reviewWindowLastDay')}前申请复查。` : ''),
  'sms.petitioner.review_delivered': (p) => `您的信访事项（编号${str(p, 'caseNo')}）的复查意见已送达。`,
  'sms.petitioner.recheck_delivered': (p) =>
    `您的信访事项（编号${str(p, 'caseNo')}）的复核意见已送达，该事项已办理终结。`,
  'sms.petitioner.followed_up': (p) =>
    `感谢您对信访事项（编号${str(p, 'caseNo')}）回访的评价。` +
    (p.rectification
      ? `该事项将重新办理${str(p, 'handleDueOn') ? `，期限至${str(p, 'handleDueOn')}` : ''}。`
      : ''),
};

/**
 * Reception appointments: no case behind them, so the phone travels encrypted in the payload
 * (phoneEnc) and the text names only the time, the place and the booking code.
 */
export const APPOINTMENT_SMS: Record<string, (p: Payload) => string> = {
  'sms.appointment.booked': (p) =>
    `您已预约${str(p, 'when')}在${str(p, 'place')}的接访，预约码${str(p, 'bookingCode')}。如需取消，请在网上信访“预约接访”中输入预约码和手机号。`,
  'sms.appointment.reminder': (p) =>
    `提醒：您预约的接访将于${str(p, 'when')}在${str(p, 'place')}进行，请携带身份证件按时到场（预约码${str(p, 'bookingCode')}）。`,
  'sms.appointment.session_cancelled': (p) =>
    `抱歉，原定${str(p, 'when')}在${str(p, 'place')}的接访已取消，您的预约（${str(p, 'bookingCode')}）随之取消，请另选场次。`,
};

/** The SMS text with the signature the operators require in front (【来办】). */
export function renderSms(topic: string, payload: Payload, signature: string): string | undefined {
  const t = SMS_TEMPLATES[topic] ?? APPOINTMENT_SMS[topic];
  return t ? `【${signature}】${t(payload)}` : undefined;
}

export type NoticeKind = 'assignment' | 'supervision' | 'deadline';

const TIER_ZH: Record<string, string> = { normal: '督办', yellow: '黄牌督办', red: '红牌督办' };

/** A staff notice for a `notice.unit.*` topic: kind, Chinese text and the parameters the web translates. */
export function renderNotice(
  topic: string,
  p: Payload,
): { kind: NoticeKind; text: string; params: Record<string, string> } | undefined {
  const caseNo = str(p, 'caseNo') ?? '';
  switch (topic) {
    case 'notice.unit.case_received':
      return {
        kind: 'assignment',
        text: `事项${caseNo}已转交本单位，请及时办理。`,
        params: { caseNo, event: 'received' },
      };
    case 'notice.unit.case_escalated':
      return {
        kind: 'assignment',
        text: `事项${caseNo}已提级由本单位办理。`,
        params: { caseNo, event: 'escalated' },
      };
    case 'notice.unit.whistle':
      return {
        kind: 'assignment',
        text: `事项${caseNo}吹哨报到，请按要求报到并办理。`,
        params: { caseNo, event: 'whistle' },
      };
    case 'notice.unit.supervision': {
      const tier = str(p, 'tier') ?? 'normal';
      // The timer's order for a clock about to run out is the "approaching deadline" notice.
      if (str(p, 'trigger') === 'due_soon') {
        const dueOn = str(p, 'dueOn') ?? '';
        return {
          kind: 'deadline',
          text: `事项${caseNo}办理期限即将届满${dueOn ? `（${dueOn}）` : ''}，请抓紧办理。`,
          params: { caseNo, dueOn },
        };
      }
      return {
        kind: 'supervision',
        text: `事项${caseNo}收到${TIER_ZH[tier] ?? '督办'}，请按期办理并回复。`,
        params: { caseNo, tier },
      };
    }
    default:
      return undefined;
  }
}

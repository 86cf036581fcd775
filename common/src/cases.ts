/**
 * Case vocabularies shared by the server and the web app: channels, natures, colours, routes,
 * outcomes. English identifiers follow docs/GLOSSARY.md.
 */
type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const CHANNELS = [
  'visit',
  'letter',
  'phone',
  'online',
  'fax_email',
  'superior',
  'grid',
  'leader_reception',
  'agent',
] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Labels<Channel> = {
  visit: { zh: '来访', en: 'Visit' },
  letter: { zh: '来信', en: 'Letter' },
  phone: { zh: '来电', en: 'Phone' },
  online: { zh: '网上信访', en: 'Online' },
  fax_email: { zh: '传真/电子邮件', en: 'Fax / e-mail' },
  superior: { zh: '上级转交办', en: 'Handed down by a superior' },
  grid: { zh: '网格发现', en: 'Grid-worker discovery' },
  leader_reception: { zh: '领导接访', en: 'Leader reception day' },
  agent: { zh: '社区代理', en: 'Community acting as agent' },
};

export const NATURES = ['suggestion', 'accusation', 'claim'] as const;
export type Nature = (typeof NATURES)[number];
export const NATURE_LABELS: Labels<Nature> = {
  suggestion: { zh: '建议意见', en: 'Suggestion' },
  accusation: { zh: '检举控告', en: 'Accusation' },
  claim: { zh: '申诉求决', en: 'Claim or appeal' },
};

export const RISK_COLOURS = ['red', 'yellow', 'green'] as const;
export type RiskColour = (typeof RISK_COLOURS)[number];
export const RISK_COLOUR_LABELS: Labels<RiskColour> = {
  red: { zh: '红色（高风险）', en: 'Red (high risk)' },
  yellow: { zh: '黄色（中风险）', en: 'Yellow (medium risk)' },
  green: { zh: '绿色（低风险）', en: 'Green (low risk)' },
};

/** 第31条 routes of a claim; 1–5 lead out of the petition procedure, 6 stays in it. */
export const CLAIM_ROUTES = [
  'judicial_procedure',
  'arbitration',
  'party_appeal',
  'admin_procedure',
  'duty_performance',
  'petition_handling',
] as const;
export type ClaimRoute = (typeof CLAIM_ROUTES)[number];
export const CLAIM_ROUTE_LABELS: Labels<ClaimRoute> = {
  judicial_procedure: {
    zh: '诉讼、复议、检察、公安法定程序',
    en: 'Court, review, prosecution or police procedure',
  },
  arbitration: { zh: '仲裁', en: 'Arbitration' },
  party_appeal: { zh: '党员申诉、申请复审', en: 'Party-member appeal or re-examination' },
  admin_procedure: { zh: '行政复议、裁决、确认、许可、处罚等行政程序', en: 'Administrative procedure' },
  duty_performance: { zh: '依法履行职责', en: 'Performance of a legal duty' },
  petition_handling: { zh: '信访程序办理（出具处理意见书）', en: 'Petition handling (handling opinion)' },
};

export const OPINION_OUTCOMES = [
  'support',
  'explain',
  'not_support',
  'adopted',
  'partly_adopted',
  'not_adopted',
] as const;
export type OpinionOutcome = (typeof OPINION_OUTCOMES)[number];
export const OPINION_OUTCOME_LABELS: Labels<OpinionOutcome> = {
  support: { zh: '予以支持', en: 'Supported' },
  explain: { zh: '解释说明', en: 'Explained' },
  not_support: { zh: '不予支持', en: 'Not supported' },
  adopted: { zh: '采纳', en: 'Adopted' },
  partly_adopted: { zh: '部分采纳', en: 'Partly adopted' },
  not_adopted: { zh: '未采纳', en: 'Not adopted' },
};

export const DELIVERY_METHODS = ['in_person', 'registered_mail', 'electronic', 'on_the_spot'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_METHOD_LABELS: Labels<DeliveryMethod> = {
  in_person: { zh: '直接送达（送达回证）', en: 'In person (proof of service)' },
  registered_mail: { zh: '挂号邮寄（邮寄回执）', en: 'Registered mail (receipt)' },
  electronic: { zh: '电子送达', en: 'Electronic' },
  on_the_spot: { zh: '当场答复签收', en: 'Answered and signed on the spot' },
};

export const FOLLOW_UP_METHODS = ['phone', 'sms', 'visit', 'online'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];
export const FOLLOW_UP_METHOD_LABELS: Labels<FollowUpMethod> = {
  phone: { zh: '电话回访', en: 'Phone' },
  sms: { zh: '短信回访', en: 'SMS' },
  visit: { zh: '上门回访', en: 'Home visit' },
  online: { zh: '网上评价', en: 'Online' },
};

export const SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];
export const SATISFACTION_LABELS: Labels<Satisfaction> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

export const DUE_COLOURS = ['green', 'yellow', 'red'] as const;
export type DueColour = (typeof DUE_COLOURS)[number];

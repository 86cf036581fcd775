/**
 * The case state machine (DOMAIN.md §1.8), in one place.
 *
 * `TRANSITIONS` is the graph: for every status, the statuses it may move to. `COMMANDS` names each
 * move a user can make, where it starts, where it ends and which permission it needs. A test checks
 * that the two agree edge for edge, so neither can drift from the other.
 *
 * Decisions taken where DOMAIN.md leaves room:
 * - Extension (延期) is a command on a case in handling, not a status: the case stays in handling and
 *   its handling deadline moves. Leader package (包案), progress reports, supervision and the
 *   whistle (吹哨) with its lead/co-handler tasks are likewise commands that keep the status.
 * - Decisions on acceptance can be taken straight from `registered`; `triage` exists for matters a
 *   unit examines first (setting nature, route and risk colour) before deciding.
 * - A repeat of an open case is `merged` into it: it stays on record (and counts as a repeat) but is
 *   handled as part of the open case.
 * - The 复核 delivery ends in `terminated` directly (§1.6: the matter is final once the 复核意见 is
 *   delivered), with the fingerprint of facts and reasons kept for later intake checks.
 */

export const STATUSES = [
  'registered',
  'triage',
  'transferred',
  'assigned',
  'objected',
  'routed_out',
  'referred_discipline',
  'not_accepted',
  'not_reaccepted',
  'merged',
  'accepted',
  'in_progress',
  'mediating',
  'hearing',
  'opinion_issued',
  'delivered',
  'expert_review',
  'review_requested',
  'reviewing',
  'review_decided',
  'review_delivered',
  'recheck_requested',
  'rechecking',
  'recheck_decided',
  'closed',
  'terminated',
  'followed_up',
  'archived',
] as const;
export type Status = (typeof STATUSES)[number];

/** Matters still being worked on: they carry running clocks and appear in queues. */
export const OPEN_STATUSES: readonly Status[] = [
  'registered',
  'triage',
  'transferred',
  'assigned',
  'objected',
  'referred_discipline',
  'accepted',
  'in_progress',
  'mediating',
  'hearing',
  'opinion_issued',
  'delivered',
  'expert_review',
  'review_requested',
  'reviewing',
  'review_decided',
  'review_delivered',
  'recheck_requested',
  'rechecking',
  'recheck_decided',
];

export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

const DECISIONS = [
  'triage',
  'accepted',
  'not_accepted',
  'not_reaccepted',
  'transferred',
  'assigned',
  'routed_out',
  'referred_discipline',
  'merged',
] as const satisfies readonly Status[];

/** The graph. Every edge is used by exactly the commands that name it (checked by test). */
export const TRANSITIONS = {
  registered: [...DECISIONS, 'objected'],
  triage: DECISIONS.filter((s) => s !== 'triage'),
  transferred: [
    'accepted',
    'objected',
    'transferred',
    'assigned',
    'not_accepted',
    'routed_out',
    'referred_discipline',
    'merged',
  ],
  assigned: ['accepted', 'objected', 'not_accepted', 'routed_out', 'merged'],
  objected: ['triage', 'transferred', 'assigned', 'registered'],
  referred_discipline: ['accepted', 'not_accepted'],
  routed_out: ['archived'],
  not_accepted: ['archived'],
  not_reaccepted: ['archived'],
  merged: ['archived'],
  accepted: ['in_progress', 'mediating', 'hearing', 'opinion_issued', 'accepted'],
  in_progress: ['mediating', 'hearing', 'opinion_issued', 'accepted'],
  mediating: ['in_progress', 'opinion_issued'],
  hearing: ['in_progress', 'rechecking'],
  opinion_issued: ['delivered', 'in_progress'],
  delivered: ['expert_review', 'review_requested', 'closed'],
  expert_review: ['delivered', 'in_progress'],
  review_requested: ['reviewing', 'review_decided'],
  reviewing: ['review_decided'],
  review_decided: ['review_delivered'],
  review_delivered: ['recheck_requested', 'closed'],
  recheck_requested: ['rechecking', 'recheck_decided', 'hearing'],
  rechecking: ['hearing', 'recheck_decided'],
  recheck_decided: ['terminated'],
  closed: ['followed_up', 'in_progress', 'archived'],
  terminated: ['followed_up', 'archived'],
  followed_up: ['archived', 'in_progress'],
  archived: [],
} as const satisfies Record<Status, readonly Status[]>;

export function canMove(from: Status, to: Status): boolean {
  return (TRANSITIONS[from] as readonly Status[]).includes(to);
}

/** What a command needs from the policy layer (checked against the case's units). */
export type CasePermission =
  | 'case.decide'
  | 'case.handle'
  | 'case.review'
  | 'case.followup'
  | 'case.archive'
  | 'case.object';

export interface CommandSpec {
  readonly from: readonly Status[];
  /** Statuses the command may lead to; the use case picks one from the input. */
  readonly to: readonly Status[];
  readonly permission: CasePermission;
  /** The audit event type written by the command. */
  readonly event: `case.${string}`;
  readonly labelZh: string;
  readonly labelEn: string;
}

const HANDLING: readonly Status[] = ['accepted', 'in_progress'];
const DECIDABLE: readonly Status[] = ['registered', 'triage', 'transferred', 'assigned'];

/** Every state-changing command, one use case each. */
export const COMMANDS = {
  triage: {
    from: ['registered'],
    to: ['triage'],
    permission: 'case.decide',
    event: 'case.triaged',
    labelZh: '分流研判',
    labelEn: 'Triage',
  },
  accept: {
    from: [...DECIDABLE, 'referred_discipline'],
    to: ['accepted'],
    permission: 'case.decide',
    event: 'case.accepted',
    labelZh: '受理',
    labelEn: 'Accept',
  },
  reject: {
    from: [...DECIDABLE, 'referred_discipline'],
    to: ['not_accepted'],
    permission: 'case.decide',
    event: 'case.not_accepted',
    labelZh: '不予受理',
    labelEn: 'Not accept',
  },
  rejectTerminated: {
    from: ['registered', 'triage'],
    to: ['not_reaccepted'],
    permission: 'case.decide',
    event: 'case.not_reaccepted',
    labelZh: '不再受理（已终结事项）',
    labelEn: 'Not re-accept (terminated matter)',
  },
  transfer: {
    from: [...DECIDABLE.filter((s) => s !== 'assigned'), 'objected'],
    to: ['transferred'],
    permission: 'case.decide',
    event: 'case.transferred',
    labelZh: '转送',
    labelEn: 'Transfer',
  },
  assign: {
    from: ['registered', 'triage', 'transferred', 'objected'],
    to: ['assigned'],
    permission: 'case.decide',
    event: 'case.assigned',
    labelZh: '交办',
    labelEn: 'Assign',
  },
  object: {
    // A matter handed down by a superior is registered by the receiver with the objection window running.
    from: ['registered', 'transferred', 'assigned'],
    to: ['objected'],
    permission: 'case.object',
    event: 'case.objected',
    labelZh: '提出异议',
    labelEn: 'Object to assignment',
  },
  decideObjection: {
    from: ['objected'],
    to: ['triage', 'transferred', 'assigned', 'registered'],
    permission: 'case.decide',
    event: 'case.objection_decided',
    labelZh: '处理异议',
    labelEn: 'Decide objection',
  },
  routeOut: {
    from: [...DECIDABLE],
    to: ['routed_out'],
    permission: 'case.decide',
    event: 'case.routed_out',
    labelZh: '导入法定途径',
    labelEn: 'Route to legal procedure',
  },
  referDiscipline: {
    from: ['registered', 'triage', 'transferred'],
    to: ['referred_discipline'],
    permission: 'case.decide',
    event: 'case.referred_discipline',
    labelZh: '移送纪检监察',
    labelEn: 'Refer to discipline inspection',
  },
  linkRepeat: {
    from: [...DECIDABLE],
    to: ['merged'],
    permission: 'case.decide',
    event: 'case.merged_as_repeat',
    labelZh: '作为重复件并入',
    labelEn: 'Merge as repeat',
  },
  startHandling: {
    from: ['accepted'],
    to: ['in_progress'],
    permission: 'case.handle',
    event: 'case.handling_started',
    labelZh: '开始办理',
    labelEn: 'Start handling',
  },
  escalate: {
    from: HANDLING,
    to: ['accepted'],
    permission: 'case.handle',
    event: 'case.escalated',
    labelZh: '提级办理',
    labelEn: 'Escalate',
  },
  startMediation: {
    from: HANDLING,
    to: ['mediating'],
    permission: 'case.handle',
    event: 'case.mediation_started',
    labelZh: '启动调解',
    labelEn: 'Start mediation',
  },
  endMediation: {
    from: ['mediating'],
    to: ['in_progress'],
    permission: 'case.handle',
    event: 'case.mediation_ended',
    labelZh: '结束调解',
    labelEn: 'End mediation',
  },
  startHearing: {
    from: [...HANDLING, 'recheck_requested', 'rechecking'],
    to: ['hearing'],
    permission: 'case.handle',
    event: 'case.hearing_started',
    labelZh: '启动听证',
    labelEn: 'Start hearing',
  },
  endHearing: {
    from: ['hearing'],
    to: ['in_progress', 'rechecking'],
    permission: 'case.handle',
    event: 'case.hearing_ended',
    labelZh: '结束听证',
    labelEn: 'End hearing',
  },
  issueOpinion: {
    from: [...HANDLING, 'mediating'],
    to: ['opinion_issued'],
    permission: 'case.handle',
    event: 'case.opinion_issued',
    labelZh: '出具处理意见',
    labelEn: 'Issue opinion',
  },
  withdrawOpinion: {
    from: ['opinion_issued'],
    to: ['in_progress'],
    permission: 'case.handle',
    event: 'case.opinion_withdrawn',
    labelZh: '撤回意见重新办理',
    labelEn: 'Withdraw opinion',
  },
  deliver: {
    from: ['opinion_issued'],
    to: ['delivered'],
    permission: 'case.handle',
    event: 'case.delivered',
    labelZh: '送达',
    labelEn: 'Deliver',
  },
  requestExpertReview: {
    from: ['delivered'],
    to: ['expert_review'],
    permission: 'case.handle',
    event: 'case.expert_review_requested',
    labelZh: '申请专家评审',
    labelEn: 'Request expert review',
  },
  concludeExpertReview: {
    from: ['expert_review'],
    to: ['delivered', 'in_progress'],
    permission: 'case.handle',
    event: 'case.expert_review_concluded',
    labelZh: '专家评审结论',
    labelEn: 'Conclude expert review',
  },
  requestReview: {
    from: ['delivered'],
    to: ['review_requested'],
    permission: 'case.handle',
    event: 'case.review_requested',
    labelZh: '申请复查',
    labelEn: 'Request review (复查)',
  },
  startReview: {
    from: ['review_requested'],
    to: ['reviewing'],
    permission: 'case.review',
    event: 'case.review_started',
    labelZh: '开始复查',
    labelEn: 'Start review',
  },
  decideReview: {
    from: ['review_requested', 'reviewing'],
    to: ['review_decided'],
    permission: 'case.review',
    event: 'case.review_decided',
    labelZh: '作出复查意见',
    labelEn: 'Decide review',
  },
  deliverReview: {
    from: ['review_decided'],
    to: ['review_delivered'],
    permission: 'case.review',
    event: 'case.review_delivered',
    labelZh: '送达复查意见',
    labelEn: 'Deliver review opinion',
  },
  requestRecheck: {
    from: ['review_delivered'],
    to: ['recheck_requested'],
    permission: 'case.handle',
    event: 'case.recheck_requested',
    labelZh: '申请复核',
    labelEn: 'Request re-examination (复核)',
  },
  startRecheck: {
    from: ['recheck_requested'],
    to: ['rechecking'],
    permission: 'case.review',
    event: 'case.recheck_started',
    labelZh: '开始复核',
    labelEn: 'Start re-examination',
  },
  decideRecheck: {
    from: ['recheck_requested', 'rechecking'],
    to: ['recheck_decided'],
    permission: 'case.review',
    event: 'case.recheck_decided',
    labelZh: '作出复核意见',
    labelEn: 'Decide re-examination',
  },
  deliverRecheck: {
    from: ['recheck_decided'],
    to: ['terminated'],
    permission: 'case.review',
    event: 'case.terminated',
    labelZh: '送达复核意见并终结',
    labelEn: 'Deliver and terminate',
  },
  close: {
    from: ['delivered', 'review_delivered'],
    to: ['closed'],
    permission: 'case.handle',
    event: 'case.closed',
    labelZh: '办结',
    labelEn: 'Close',
  },
  followUp: {
    from: ['closed', 'terminated'],
    to: ['followed_up', 'in_progress'],
    permission: 'case.followup',
    event: 'case.followed_up',
    labelZh: '回访',
    labelEn: 'Follow up',
  },
  reopenForRectification: {
    from: ['followed_up', 'closed'],
    to: ['in_progress'],
    permission: 'case.handle',
    event: 'case.reopened',
    labelZh: '整改重办',
    labelEn: 'Reopen for rectification',
  },
  archive: {
    from: ['followed_up', 'closed', 'terminated', 'not_accepted', 'not_reaccepted', 'routed_out', 'merged'],
    to: ['archived'],
    permission: 'case.archive',
    event: 'case.archived',
    labelZh: '归档',
    labelEn: 'Archive',
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** Commands that may be run from a status (before policy is considered). */
export function commandsFrom(status: Status): CommandName[] {
  return COMMAND_NAMES.filter((c) => (COMMANDS[c].from as readonly Status[]).includes(status));
}

export const STATUS_LABELS: Record<Status, { zh: string; en: string }> = {
  registered: { zh: '已登记', en: 'Registered' },
  triage: { zh: '分流研判', en: 'Triage' },
  transferred: { zh: '已转送', en: 'Transferred' },
  assigned: { zh: '已交办', en: 'Assigned' },
  objected: { zh: '异议待定', en: 'Objection pending' },
  routed_out: { zh: '已导入法定途径', en: 'Routed to legal procedure' },
  referred_discipline: { zh: '已移送纪检监察', en: 'Referred to discipline inspection' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  not_reaccepted: { zh: '不再受理', en: 'Not re-accepted' },
  merged: { zh: '已并案（重复件）', en: 'Merged as repeat' },
  accepted: { zh: '已受理', en: 'Accepted' },
  in_progress: { zh: '办理中', en: 'In progress' },
  mediating: { zh: '调解中', en: 'Mediating' },
  hearing: { zh: '听证中', en: 'Hearing' },
  opinion_issued: { zh: '已出具意见', en: 'Opinion issued' },
  delivered: { zh: '已送达', en: 'Delivered' },
  expert_review: { zh: '专家评审中', en: 'Expert review' },
  review_requested: { zh: '已申请复查', en: 'Review requested' },
  reviewing: { zh: '复查中', en: 'Under review' },
  review_decided: { zh: '已作复查意见', en: 'Review decided' },
  review_delivered: { zh: '复查意见已送达', en: 'Review delivered' },
  recheck_requested: { zh: '已申请复核', en: 'Re-examination requested' },
  rechecking: { zh: '复核中', en: 'Re-examining' },
  recheck_decided: { zh: '已作复核意见', en: 'Re-examination decided' },
  closed: { zh: '已办结', en: 'Closed' },
  terminated: { zh: '已终结', en: 'Terminated' },
  followed_up: { zh: '已回访', en: 'Followed up' },
  archived: { zh: '已归档', en: 'Archived' },
};

import type { Status } from '../cases/cases.workflow.js';

/**
 * The case statuses folded into the five stages a leader reads the area by. A pure module (type
 * imports only) so the web app takes the group keys from here.
 */
export const STATUS_GROUPS = ['intake', 'handling', 'review', 'concluded', 'not_handled'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

export const STATUS_GROUP_OF = {
  // 受理前: received, being examined, sent on, or contested between units.
  registered: 'intake',
  triage: 'intake',
  transferred: 'intake',
  assigned: 'intake',
  objected: 'intake',
  referred_discipline: 'intake',
  // 办理中: accepted and worked on, up to the delivered reply.
  accepted: 'handling',
  in_progress: 'handling',
  mediating: 'handling',
  hearing: 'handling',
  opinion_issued: 'handling',
  delivered: 'handling',
  expert_review: 'handling',
  // 复查复核
  review_requested: 'review',
  reviewing: 'review',
  review_decided: 'review',
  review_delivered: 'review',
  recheck_requested: 'review',
  rechecking: 'review',
  recheck_decided: 'review',
  // 已办结
  closed: 'concluded',
  terminated: 'concluded',
  followed_up: 'concluded',
  archived: 'concluded',
  // 未受理或导出: not accepted, led to a statutory route, or merged into an open case.
  not_accepted: 'not_handled',
  not_reaccepted: 'not_handled',
  routed_out: 'not_handled',
  merged: 'not_handled',
} as const satisfies Record<Status, StatusGroup>;

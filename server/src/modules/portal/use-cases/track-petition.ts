import type { Kysely } from 'kysely';
import type { Config } from '../../../config.js';
import type { DB } from '../../../db/types.js';
import { AppError } from '../../../http/errors.js';
import { burnVerifyTime, verifyPassword } from '../../auth/passwords.js';
import { today } from '../../cases/case-clock.js';
import type { CaseRow } from '../../cases/cases.repository.js';
import { STATUS_LABELS, type Status } from '../../cases/cases.workflow.js';
import { normalizeCredential } from './submit-petition.js';

export const MAX_FAILED = 5;
export const LOCK_MS = 15 * 60_000;

/**
 * Checks a tracking code and query password. Unknown codes and wrong passwords get the same answer
 * in the same time; five wrong passwords lock the code for 15 minutes, whoever is trying.
 */
export async function authenticateTracking(
  db: Kysely<DB>,
  creds: { trackingCode: string; password: string },
): Promise<{ caseId: string }> {
  const code = normalizeCredential(creds.trackingCode);
  const row = await db
    .selectFrom('portal_petitions')
    .select(['case_id', 'password_hash', 'failed_attempts', 'locked_until'])
    .where('tracking_code', '=', code)
    .executeTakeFirst();
  if (!row) {
    await burnVerifyTime(creds.password);
    throw new AppError('TRACKING_CREDENTIALS_INVALID');
  }
  if (row.locked_until && row.locked_until > new Date()) throw new AppError('TRACKING_LOCKED');
  if (!(await verifyPassword(row.password_hash, normalizeCredential(creds.password)))) {
    const failed = row.failed_attempts + 1;
    const lock = failed >= MAX_FAILED;
    await db
      .updateTable('portal_petitions')
      .set({ failed_attempts: lock ? 0 : failed, locked_until: lock ? new Date(Date.now() + LOCK_MS) : null })
      .where('case_id', '=', row.case_id)
      .execute();
    throw new AppError(lock ? 'TRACKING_LOCKED' : 'TRACKING_CREDENTIALS_INVALID');
  }
  if (row.failed_attempts > 0 || row.locked_until) {
    await db
      .updateTable('portal_petitions')
      .set({ failed_attempts: 0, locked_until: null })
      .where('case_id', '=', row.case_id)
      .execute();
  }
  return { caseId: row.case_id };
}

/**
 * What the petitioner reads about each event, in plain words. Events not listed (triage, internal
 * tasks, supervision, progress notes, leader packages…) are internal work and are not shown.
 */
const PUBLIC_EVENTS: Record<string, string> = {
  'case.registered': '您的诉求已收到并登记',
  'case.accepted': '已受理，正在办理',
  'case.not_accepted': '经审查不予受理，书面告知将依法送达',
  'case.not_reaccepted': '该事项已办理终结，不再受理',
  'case.transferred': '已转送有权处理的机关办理',
  'case.assigned': '已交由有关单位办理',
  'case.routed_out': '该事项应通过法定途径解决，具体途径见书面告知',
  'case.referred_discipline': '已移送纪检监察机关处理',
  'case.merged_as_repeat': '与您此前反映的同一事项合并办理',
  'case.extended': '办理期限已依法延长',
  'case.delivered': '处理意见已送达，请阅读答复',
  'case.receipt_confirmed': '您已确认收到答复',
  'case.satisfaction_rated': '您已评价办理结果',
  'case.review_requested': '已提出复查申请，由上一级机关复查',
  'case.review_delivered': '复查意见已送达',
  'case.recheck_requested': '已提出复核申请',
  'case.terminated': '复核意见已送达，该事项已办理终结',
  'case.closed': '已办结',
  'case.followed_up': '已回访',
  'case.reopened': '根据回访情况重新办理',
  'case.archived': '已归档',
};

/** Due dates that concern the petitioner, and what each one means for them. */
const PUBLIC_CLOCKS: Record<string, string> = {
  D_NOTIFY_DIRECT: '告知是否受理的期限',
  D_NOTIFY_TRANSFERRED: '告知是否受理的期限',
  D_HANDLE: '办理并书面答复的期限',
  D_REVIEW_WINDOW: '您可申请复查的最后一天',
  D_REVIEW_DECIDE: '复查意见的期限',
  D_RECHECK_WINDOW: '您可申请复核的最后一天',
  D_RECHECK_DECIDE: '复核意见的期限',
};

const REPLY_VISIBLE: readonly Status[] = [
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
];

const textOf = (j: unknown) =>
  j && typeof j === 'object' && typeof (j as { text?: unknown }).text === 'string'
    ? (j as { text: string }).text
    : undefined;

/**
 * The petitioner's view of their case: public states, the due dates that apply to them and the
 * written replies once delivered. No staff names, internal notes, other parties or unit internals.
 */
export async function trackPetition(db: Kysely<DB>, _config: Config, caseId: string) {
  const c = (await db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()) as CaseRow;
  const status = c.status as Status;
  const [events, clocks, petition] = await Promise.all([
    db
      .selectFrom('case_events')
      .select(['seq', 'type', 'at', 'payload'])
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('case_deadlines')
      .select(['code', 'due_on', 'status', 'started_on'])
      .where('case_id', '=', caseId)
      .where('assignment_id', 'is', null)
      .orderBy('started_on')
      .execute(),
    db
      .selectFrom('portal_petitions')
      .select(['tracking_code'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow(),
  ]);
  const timeline = events
    .filter((e) => e.type in PUBLIC_EVENTS)
    .map((e) => {
      const p = (e.payload ?? {}) as Record<string, unknown>;
      const extra =
        e.type === 'case.extended' && typeof p.newDueOn === 'string'
          ? `，新的期限为${p.newDueOn}`
          : e.type === 'case.satisfaction_rated' && typeof p.satisfaction === 'string'
            ? `：${SATISFACTION_ZH[p.satisfaction] ?? ''}`
            : '';
      return { at: e.at.toISOString(), type: e.type, text: `${PUBLIC_EVENTS[e.type]}${extra}` };
    });
  const dueDates = clocks
    .filter((d) => d.code in PUBLIC_CLOCKS && d.status === 'running')
    .map((d) => ({ code: d.code, label: PUBLIC_CLOCKS[d.code]!, dueOn: d.due_on }));
  const showReply = REPLY_VISIBLE.includes(status);
  const reviewWindow = clocks.find((d) => d.code === 'D_REVIEW_WINDOW' && d.status === 'running');
  const now = today();
  const rated = events.some((e) => e.type === 'case.satisfaction_rated');
  return {
    trackingCode: petition.tracking_code,
    caseNo: c.case_no,
    title: c.title,
    status,
    statusLabel: STATUS_LABELS[status].zh,
    receivedAt: c.received_at.toISOString(),
    timeline,
    dueDates,
    replies: [
      ...(showReply && textOf(c.opinion)
        ? [{ kind: 'opinion', title: '处理意见', text: textOf(c.opinion)! }]
        : []),
      ...(textOf(c.review) && REPLY_VISIBLE.indexOf(status) >= REPLY_VISIBLE.indexOf('review_delivered')
        ? [{ kind: 'review', title: '复查意见', text: textOf(c.review)! }]
        : []),
    ],
    receiptConfirmed: !!c.receipt_confirmed_at,
    rated,
    /** What the petitioner may do now, so the page shows only the buttons the server will accept. */
    abilities: {
      confirmReceipt: (status === 'delivered' || status === 'review_delivered') && !c.receipt_confirmed_at,
      rate: RATE_FROM.includes(status),
      requestReview: status === 'delivered' && !!reviewWindow && reviewWindow.due_on >= now,
    },
  };
}

export const SATISFACTION_ZH: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/** A reply exists to be judged from delivery on. */
export const RATE_FROM: readonly Status[] = [
  'delivered',
  'review_delivered',
  'closed',
  'terminated',
  'followed_up',
];

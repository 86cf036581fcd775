import type { Kysely } from 'kysely';
import type { Config } from '../../../config.js';
import type { DB } from '../../../db/types.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import type { RoleGrant } from '../../../policy/actor.js';
import { today } from '../../cases/case-clock.js';
import { confirmReceipt } from '../../cases/use-cases/actions.js';
import { requestReview } from '../../cases/use-cases/review.js';
import { runCommand } from '../../cases/use-cases/run-command.js';
import { portalActor } from '../portal-actor.js';
import { RATE_FROM } from './track-petition.js';

interface Deps {
  db: Kysely<DB>;
  config: Config;
  requestId: string;
  ip?: string;
}

/**
 * The petitioner acts on their own case through the same use cases as staff, so the events are
 * hash-chained and audited like any other. The portal's service account gets, for this one call, a
 * grant over the case's current owner unit — only after the tracking credentials were checked.
 * A confidential case (accusation with discipline inspection) needs the grant that may see it.
 */
async function petitionerCtx(deps: Deps, caseId: string) {
  const c = await deps.db
    .selectFrom('cases')
    .innerJoin('org_units as u', 'u.id', 'cases.owner_unit_id')
    .select([
      'cases.version',
      'cases.status',
      'cases.is_confidential',
      'u.id as unitId',
      'u.path as unitPath',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const grants: RoleGrant[] = [{ role: 'department_handler', unitId: c.unitId, unitPath: c.unitPath }];
  if (c.is_confidential)
    grants.push({ role: 'discipline_inspector', unitId: c.unitId, unitPath: c.unitPath });
  const actor = await portalActor(deps.db, c.unitId, grants);
  const ctx: Ctx = { db: deps.db, config: deps.config, actor, requestId: deps.requestId, ip: deps.ip };
  return { ctx, c };
}

/** Plain words for a command the case's stage does not allow, instead of the staff-facing code. */
function notNow(zh: string, en: string) {
  return (err: unknown) => {
    if (err instanceof AppError && (err.code === 'INVALID_TRANSITION' || err.code === 'FORBIDDEN')) {
      throw new AppError('INVALID_TRANSITION', undefined, { zh, en });
    }
    throw err;
  };
}

/** 电子签收: the petitioner confirms online that they received the written reply. */
export async function confirmReceiptOnline(deps: Deps, caseId: string, note?: string) {
  const { ctx, c } = await petitionerCtx(deps, caseId);
  await runCommand(
    ctx,
    caseId,
    confirmReceipt(ctx.actor, { version: c.version, confirmedOn: today(), note: note ?? '网上电子签收' }),
  ).catch(notNow('目前没有待签收的答复', 'There is no reply to confirm now'));
}

/**
 * The petitioner's own rating of the reply. It keeps the status and the version (a staff member's
 * open screen stays valid); the staff's 回访 remains the formal follow-up and may differ.
 */
export async function rateOnline(deps: Deps, caseId: string, satisfaction: string, comment?: string) {
  const { ctx } = await petitionerCtx(deps, caseId);
  await runCommand(ctx, caseId, {
    event: 'case.satisfaction_rated',
    allowedFrom: RATE_FROM,
    authorize: () => true,
    apply: async () => ({ payload: { satisfaction, comment, channel: 'portal' }, keepVersion: true }),
  }).catch(notNow('答复送达后才能评价', 'You can rate once the reply has been delivered'));
}

/**
 * 复查申请 (第35条): within the window from delivery. The review use case enforces the window and says
 * when it ended; a case past that stage gets a plain sentence rather than a state name.
 */
export async function requestReviewOnline(deps: Deps, caseId: string, reasons: string) {
  const { ctx, c } = await petitionerCtx(deps, caseId);
  if (c.status !== 'delivered') {
    const window = await deps.db
      .selectFrom('case_deadlines')
      .select(['due_on', 'started_on', 'period'])
      .where('case_id', '=', caseId)
      .where('code', '=', 'D_REVIEW_WINDOW')
      .orderBy('started_on', 'desc')
      .executeTakeFirst();
    if (window && window.due_on < today()) {
      throw new AppError(
        'OUT_OF_WINDOW',
        { window: 'D_REVIEW_WINDOW', lastDay: window.due_on },
        {
          zh: `复查申请应在收到答复之日起${window.period}日内提出（${window.started_on}送达，截至${window.due_on}），已超过期限`,
          en: `A review must be requested within ${window.period} days of delivery (last day ${window.due_on})`,
        },
      );
    }
    throw new AppError('INVALID_TRANSITION', undefined, {
      zh: '本事项当前不能申请复查（答复送达后方可申请）',
      en: 'A review can be requested only after the reply was delivered',
    });
  }
  await runCommand(
    ctx,
    caseId,
    requestReview(ctx.actor, { version: c.version, requestedOn: today(), reasons }),
  );
}

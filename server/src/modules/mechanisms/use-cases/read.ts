import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { findCaseInScope } from '../../cases/cases.repository.js';
import { policyView } from '../../cases/use-cases/run-command.js';
import { canManage } from '../mechanisms.policy.js';
import { presentMechanisms } from '../mechanisms.presenter.js';
import { memberRecordsOf, membershipOf } from '../mechanisms.repository.js';

/** The mechanism records of a visible case, and whether the actor may keep them. */
export async function listCaseMechanisms(ctx: Ctx, caseId: string) {
  const c = await findCaseInScope(ctx.db, ctx.actor, caseId);
  if (!c) throw new AppError('NOT_FOUND');
  return {
    items: await presentMechanisms(ctx.db, caseId),
    abilities: { manage: canManage(ctx.actor, policyView(c, null)) },
  };
}

/** The records the signed-in mediator, panellist or expert sits on. */
export async function listMyRecords(ctx: Ctx) {
  const rows = await memberRecordsOf(ctx.db, ctx.actor.userId);
  return {
    items: rows.map((r) => ({
      caseId: r.case_id,
      caseNo: r.case_no,
      title: r.title,
      mechanismId: r.mechanism_id,
      kind: r.kind,
      role: r.role,
      status: r.status,
      hasOpinion: !!r.opinion,
    })),
  };
}

/**
 * What a member sees: the case read-only (number, title, facts, demands, the reply under review)
 * and the record they sit on. No party identities: an expert judges the reply, not the person.
 */
export async function memberView(ctx: Ctx, caseId: string, mechanismId: string) {
  const member = await membershipOf(ctx.db, caseId, mechanismId, ctx.actor.userId);
  const c = member
    ? await ctx.db
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', caseId)
        .where('is_confidential', '=', false)
        .executeTakeFirst()
    : undefined;
  if (!member || !c) throw new AppError('NOT_FOUND');
  const [mechanism] = await presentMechanisms(ctx.db, caseId, mechanismId);
  if (!mechanism) throw new AppError('NOT_FOUND');
  return {
    caseId: c.id,
    caseNo: c.case_no,
    title: c.title,
    status: c.status,
    facts: c.facts,
    demands: c.demands,
    opinion: c.opinion,
    deliveredOn: c.delivered_on,
    mechanism,
    myMemberId: member.id,
  };
}

import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { intakeBody } from '../../cases/cases.schemas.js';
import { registerCase } from '../../cases/use-cases/register-case.js';
import { findUnitPath } from '../community.repository.js';
import type { VisitCreate } from '../community.schemas.js';

/**
 * 走访/巡查记录: one home visit or patrol of a grid (or community). A need or hidden danger found
 * can be reported as a case in the same step: the case is registered through the intake use case
 * (channel grid, located in the grid, the last route point as its position when it has none) in
 * the same transaction as the record, so there is never a record pointing at no case or the other
 * way round.
 */
export async function recordVisit(
  ctx: Ctx,
  input: VisitCreate,
): Promise<{ id: string; case: { id: string; caseNo: string } | null }> {
  const { db, actor } = ctx;
  const unitId = input.unitId ?? actor.unitId;
  const unit = await findUnitPath(db, unitId);
  if (!unit || !can(actor, 'visit.record', { unitPath: unit.path })) {
    if (unit && can(actor, 'org.read', { unitPath: unit.path })) throw new AppError('FORBIDDEN');
    throw new AppError(input.unitId ? 'NOT_FOUND' : 'FORBIDDEN');
  }
  if (unit.kind !== 'grid' && unit.kind !== 'community')
    throw new AppError('VALIDATION_FAILED', [
      { path: 'body.unitId', message: '走访巡查须记在网格或社区（村）' },
    ]);
  const last = input.route?.at(-1);
  return db.transaction().execute(async (trx) => {
    let made: { id: string; caseNo: string } | null = null;
    if (input.case) {
      const c = input.case;
      const parsed = intakeBody.safeParse({
        channel: 'grid',
        unitId: unit.id,
        locationUnitId: unit.kind === 'grid' ? unit.id : undefined,
        title: c.title,
        facts: c.facts,
        demands: c.demands,
        categoryCode: c.categoryCode,
        address: c.address,
        latitude: c.latitude ?? last?.lat,
        longitude: c.longitude ?? last?.lng,
        riskColour: c.riskColour,
        riskReason: c.riskReason,
        uploadIds: c.uploadIds,
      });
      if (!parsed.success)
        throw new AppError(
          'VALIDATION_FAILED',
          parsed.error.issues.map((i) => ({ path: `body.case.${i.path.join('.')}`, message: i.message })),
        );
      const intake = parsed.data;
      const r = await registerCase({ ...ctx, db: trx }, intake, {
        provenance: { visit: input.kind, finding: input.finding },
      });
      made = { id: r.caseId, caseNo: r.caseNo };
    }
    const row = await trx
      .insertInto('visits')
      .values({
        unit_id: unit.id,
        unit_path: unit.path,
        cadre_user_id: actor.userId,
        kind: input.kind,
        visited_at: input.visitedAt ? new Date(input.visitedAt) : new Date(),
        household: input.household ?? null,
        needs: input.needs ?? null,
        follow_up: input.followUp ?? null,
        route: input.route ? JSON.stringify(input.route) : null,
        finding: input.finding,
        case_id: made?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, case: made };
  });
}

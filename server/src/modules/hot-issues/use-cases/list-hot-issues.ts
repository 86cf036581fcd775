import type { Ctx } from '../../../http/context.js';
import { findUnitPath } from '../../dashboard/dashboard.repository.js';
import { hotIssuesOf } from '../hot-issues.js';
import { authorizeHotIssues } from '../hot-issues.policy.js';
import { alertedAnchors, hotIssueSettings, loadCandidateCases } from '../hot-issues.repository.js';
import type { HotIssues, HotIssuesQuery } from '../hot-issues.schemas.js';

/** GET /api/hot-issues: the area's hot issues, hottest first, each with its cases for drill-down. */
export async function listHotIssues(ctx: Ctx, q: HotIssuesQuery): Promise<HotIssues> {
  const unit = await findUnitPath(ctx.db, q.unitId ?? ctx.actor.unitId);
  authorizeHotIssues(ctx.actor, unit);
  const area = unit as NonNullable<typeof unit>;
  const settings = await hotIssueSettings(ctx.db);
  const windowDays = q.windowDays ?? settings.windowDays;
  const now = new Date();
  const cases = await loadCandidateCases(ctx.db, {
    rootPath: area.path,
    since: new Date(now.getTime() - windowDays * 86_400_000),
    actor: ctx.actor,
  });
  const issues = hotIssuesOf(cases, {
    windowDays,
    minSimilarity: settings.minSimilarity,
    minSize: q.minSize,
    now,
  }).slice(0, q.limit);
  const alerted = new Set(
    (
      await alertedAnchors(
        ctx.db,
        issues.map((i) => i.id),
      )
    ).map((a) => a.anchor_case_id),
  );
  return {
    unit: { id: area.id, name: area.name },
    windowDays,
    alertSize: settings.alertSize,
    casesConsidered: cases.length,
    issues: issues.map((i) => ({ ...i, isAlerted: alerted.has(i.id) })),
  };
}

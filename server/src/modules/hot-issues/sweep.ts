import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { today } from '../cases/case-clock.js';
import { hotIssuesOf } from './hot-issues.js';
import {
  claimDailySweep,
  findAlert,
  hotIssueSettings,
  listRootUnits,
  loadCandidateCases,
  upsertAlert,
  writeHotIssueNotices,
} from './hot-issues.repository.js';

/**
 * The daily hot-issue sweep: clusters each district's open and recent cases and raises an alert to
 * the responsible unit for every cluster of at least `alertSize` cases: a notice to that unit's
 * case workers and a row in hot_issue_alerts. A cluster already alerted is raised again only when it
 * has grown by another `alertSize` cases. Runs once a day (the first timer tick of the day claims
 * it); `force` runs it now regardless (CLI, tests). Returns the number of alerts raised.
 */
export async function runHotIssueSweep(
  db: Kysely<DB>,
  opts: { force?: boolean; now?: Date } = {},
): Promise<number> {
  if (!opts.force && !(await claimDailySweep(db, today()))) return 0;
  const settings = await hotIssueSettings(db);
  const now = opts.now ?? new Date();
  let raised = 0;
  for (const root of await listRootUnits(db)) {
    const cases = await loadCandidateCases(db, {
      rootPath: root.path,
      since: new Date(now.getTime() - settings.windowDays * 86_400_000),
    });
    const issues = hotIssuesOf(cases, { ...settings, minSize: settings.alertSize, now });
    for (const issue of issues) {
      if (!issue.responsibleUnit) continue;
      await db.transaction().execute(async (trx) => {
        const unitId = issue.responsibleUnit?.id as string;
        const before = await findAlert(trx, unitId, issue.id);
        const raise = !before || issue.size >= before.size + settings.alertSize;
        await upsertAlert(trx, {
          unitId,
          anchorCaseId: issue.id,
          title: issue.title,
          size: issue.size,
          caseIds: issue.cases.map((c) => c.id),
          raised: raise,
        });
        if (!raise) return;
        const anchor = issue.cases[issue.cases.length - 1];
        await writeHotIssueNotices(trx, {
          unitId,
          caseId: issue.id,
          caseNo: anchor?.caseNo ?? '',
          text: `热点预警：“${issue.title}”等${issue.size}件诉求集中出现，请关注研判。`,
          params: { title: issue.title, size: String(issue.size) },
        });
        raised++;
      });
    }
  }
  return raised;
}

import { clusterHotIssues } from './clustering.js';
import type { CandidateCase } from './hot-issues.repository.js';
import type { HotIssue } from './hot-issues.schemas.js';

const mostCommon = <T>(xs: T[]): T | undefined => {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestN = 0;
  for (const x of xs) {
    const n = (counts.get(x) ?? 0) + 1;
    counts.set(x, n);
    if (n > bestN) {
      best = x;
      bestN = n;
    }
  }
  return best;
};

/**
 * Clusters cases into hot issues and names, for each, the responsible unit (the unit handling most
 * of its cases), the usual place and category. Ranked by heat (see clustering.ts).
 */
export function hotIssuesOf(
  cases: CandidateCase[],
  opts: { windowDays: number; minSimilarity: number; minSize: number; now: Date },
): Omit<HotIssue, 'isAlerted'>[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const clusters = clusterHotIssues(
    cases.map((c) => ({
      id: c.id,
      title: c.title,
      text: c.facts,
      place: c.address,
      at: new Date(c.received_at),
      persons: c.person_count,
      supports: Number(c.supports),
    })),
    opts,
  );
  return clusters.map((cl) => {
    const members = cl.items.map((i) => byId.get(i.id) as CandidateCase);
    const ownerId = mostCommon(members.map((m) => m.owner_unit_id));
    const owner = members.find((m) => m.owner_unit_id === ownerId);
    return {
      id: members[0]?.id ?? cl.representative.id,
      title: cl.representative.title,
      keywords: cl.keywords,
      place: mostCommon(members.map((m) => m.address.trim()).filter(Boolean)) ?? null,
      categoryCode: mostCommon(members.map((m) => m.category_code)) ?? '',
      size: cl.size,
      persons: cl.persons,
      supports: cl.supports,
      recent: cl.recent,
      previous: cl.previous,
      growth: cl.growth,
      heat: cl.heat,
      firstAt: cl.firstAt.toISOString(),
      lastAt: cl.lastAt.toISOString(),
      responsibleUnit: owner ? { id: owner.owner_unit_id, name: owner.owner_name } : null,
      cases: members
        .slice()
        .reverse()
        .map((m) => ({
          id: m.id,
          caseNo: m.case_no,
          title: m.title,
          receivedAt: new Date(m.received_at).toISOString(),
          status: m.status,
          ownerUnitName: m.owner_name,
        })),
    };
  });
}

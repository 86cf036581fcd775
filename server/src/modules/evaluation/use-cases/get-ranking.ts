import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { today } from '../../cases/case-clock.js';
import { countUnits, evaluationSettings } from '../evaluation.repository.js';
import { RANKED_RATES, type Ranking, type RankingQuery } from '../evaluation.schemas.js';
import { type Ratio, rates } from '../metrics.js';
import { quarterToDate } from './get-figures.js';

type Ranked = (typeof RANKED_RATES)[number];

/** Competition ranking (1, 2, 2, 4): higher rate first; units with nothing due are not ranked. */
export function rankBy<T>(items: T[], rateOf: (t: T) => Ratio): Map<T, number | null> {
  const out = new Map<T, number | null>();
  const rated = items
    .filter((t) => rateOf(t).rate !== null)
    .sort((a, b) => rateOf(b).rate! - rateOf(a).rate!);
  rated.forEach((t, i) => {
    const prev = rated[i - 1];
    out.set(t, prev && rateOf(prev).rate === rateOf(t).rate ? out.get(prev)! : i + 1);
  });
  for (const t of items) if (!out.has(t)) out.set(t, null);
  return out;
}

/**
 * 三率排名: the towns (or departments) of the actor's district ranked by the three rates. Ranking
 * compares units with one another, so it belongs to whoever holds the office view over the whole
 * district; a town sees its own figures, not its neighbours'.
 */
export async function getRanking(ctx: Ctx, q: RankingQuery): Promise<Ranking> {
  const { db, actor } = ctx;
  if (!can(actor, 'dashboard.read')) throw new AppError('FORBIDDEN');
  const district = await db
    .selectFrom('org_units as u')
    .innerJoin('org_units as d', (j) => j.onRef('d.path', '@>', 'u.path'))
    .select(['d.id', 'd.name', 'd.path'])
    .where('u.id', '=', actor.unitId)
    .where('d.kind', '=', 'district')
    .executeTakeFirst();
  if (
    !district ||
    !can(actor, 'dashboard.read', { unitPath: district.path }) ||
    !can(actor, 'case.read', { unitPath: district.path })
  ) {
    throw new AppError('FORBIDDEN');
  }
  const includeConfidential = can(actor, 'case.read_confidential', { unitPath: district.path });
  const kinds = q.level === 'town' ? ['town'] : ['department'];
  const units = await db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('parent_id', '=', district.id)
    .where('kind', 'in', kinds)
    .where('is_active', '=', true)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  const { from, to } = q.from && q.to ? { from: q.from, to: q.to } : quarterToDate(today());
  const settings = await evaluationSettings(db);
  const counts = await countUnits(
    db,
    units.map((u) => u.id),
    { from, to },
    { includeConfidential },
  );
  const rows = units.map((u) => {
    const c = counts.get(u.id)!;
    const r = rates(c, { basicSatisfiedWeight: settings.basicSatisfiedWeight });
    return {
      unit: u,
      received: c.received,
      rates: Object.fromEntries(RANKED_RATES.map((k) => [k, r[k]])) as Record<Ranked, Ratio>,
    };
  });
  const ranks = Object.fromEntries(RANKED_RATES.map((k) => [k, rankBy(rows, (x) => x.rates[k])])) as Record<
    Ranked,
    Map<(typeof rows)[number], number | null>
  >;
  const order = ranks[q.by];
  return {
    district: { id: district.id, name: district.name },
    period: { from, to },
    level: q.level,
    by: q.by,
    basicSatisfiedWeight: settings.basicSatisfiedWeight,
    items: [...rows]
      .sort((a, b) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER))
      .map((x) => ({
        unit: { id: x.unit.id, name: x.unit.name },
        received: x.received,
        rates: x.rates,
        ranks: Object.fromEntries(RANKED_RATES.map((k) => [k, ranks[k].get(x) ?? null])) as Record<
          Ranked,
          number | null
        >,
      })),
  };
}

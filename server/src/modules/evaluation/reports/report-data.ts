/**
 * What a 月报 (monthly report of a unit) and a 季度通报 (quarterly bulletin ranking a district's
 * towns and departments) say, gathered from the same figures the 考核指标 page shows: a report is a
 * view of the record, never typed in.
 */
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { today } from '../../cases/case-clock.js';
import { findUnitPath } from '../../dashboard/dashboard.repository.js';
import { authorizeFigures, defaultFiguresUnit } from '../evaluation.policy.js';
import { countUnits, evaluationSettings } from '../evaluation.repository.js';
import type { Figures, Ranking } from '../evaluation.schemas.js';
import { type Counts, lastDayOfMonth, type Rates, rates } from '../metrics.js';
import { getFigures } from '../use-cases/get-figures.js';
import { getRanking } from '../use-cases/get-ranking.js';

export interface SubUnitFigures {
  unit: { id: string; name: string };
  counts: Counts;
  rates: Rates;
}

export interface MonthlyReportData {
  kind: 'monthly';
  unit: { id: string; name: string };
  /** YYYY-MM */
  month: string;
  period: { from: string; to: string };
  /** False while the month is still running: the report then counts up to today. */
  complete: boolean;
  figures: Figures;
  /** The units directly below, each with its subtree's figures for the month. */
  subUnits: SubUnitFigures[];
  generatedOn: string;
}

export interface BulletinData {
  kind: 'bulletin';
  district: { id: string; name: string };
  year: number;
  quarter: 1 | 2 | 3 | 4;
  period: { from: string; to: string };
  complete: boolean;
  figures: Figures;
  towns: Ranking;
  departments: Ranking;
  generatedOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The days of a month, cut at today for the running month; a month not yet begun is refused. */
function monthRange(month: string, asOf: string): { from: string; to: string; complete: boolean } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = `${y}-${pad(m)}-01`;
  const last = `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}`;
  if (from > asOf)
    throw new AppError('VALIDATION_FAILED', [{ path: 'query.month', message: '该月尚未开始' }]);
  return last <= asOf ? { from, to: last, complete: true } : { from, to: asOf, complete: false };
}

function quarterRange(
  year: number,
  quarter: number,
  asOf: string,
): { from: string; to: string; complete: boolean } {
  const firstMonth = (quarter - 1) * 3 + 1;
  const from = `${year}-${pad(firstMonth)}-01`;
  const last = `${year}-${pad(firstMonth + 2)}-${pad(lastDayOfMonth(year, firstMonth + 2))}`;
  if (from > asOf)
    throw new AppError('VALIDATION_FAILED', [{ path: 'query.quarter', message: '该季度尚未开始' }]);
  return last <= asOf ? { from, to: last, complete: true } : { from, to: asOf, complete: false };
}

/** 月报: a unit's figures for a month with 环比/同比, its units below, and the category shares. */
export async function monthlyReportData(
  ctx: Ctx,
  q: { unitId?: string | undefined; month: string },
): Promise<MonthlyReportData> {
  const { db, actor } = ctx;
  const unit = await findUnitPath(db, q.unitId ?? defaultFiguresUnit(actor));
  const { includeConfidential } = authorizeFigures(actor, unit);
  const asOf = today();
  const range = monthRange(q.month, asOf);
  const figures = await getFigures(ctx, { unitId: unit!.id, from: range.from, to: range.to });
  const children = await db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('parent_id', '=', unit!.id)
    .where('is_active', '=', true)
    .where('kind', '!=', 'grid')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  const settings = await evaluationSettings(db);
  const counts = await countUnits(
    db,
    children.map((c) => c.id),
    range,
    { includeConfidential },
  );
  return {
    kind: 'monthly',
    unit: { id: unit!.id, name: unit!.name },
    month: q.month,
    period: { from: range.from, to: range.to },
    complete: range.complete,
    figures,
    subUnits: children.map((c) => {
      const k = counts.get(c.id)!;
      return { unit: c, counts: k, rates: rates(k, { basicSatisfiedWeight: settings.basicSatisfiedWeight }) };
    }),
    generatedOn: asOf,
  };
}

/** 季度通报: the district's quarter and its towns and departments ranked by the three rates. */
export async function bulletinData(
  ctx: Ctx,
  q: { year: number; quarter: 1 | 2 | 3 | 4 },
): Promise<BulletinData> {
  const asOf = today();
  const range = quarterRange(q.year, q.quarter, asOf);
  const period = { from: range.from, to: range.to };
  // The ranking finds the actor's district and refuses those without the office view over it.
  const towns = await getRanking(ctx, { level: 'town', by: 'timelyAcceptance', ...period });
  const departments = await getRanking(ctx, { level: 'department', by: 'timelyAcceptance', ...period });
  const figures = await getFigures(ctx, { unitId: towns.district.id, ...period });
  return {
    kind: 'bulletin',
    district: towns.district,
    year: q.year,
    quarter: q.quarter,
    period,
    complete: range.complete,
    figures,
    towns,
    departments,
    generatedOn: asOf,
  };
}

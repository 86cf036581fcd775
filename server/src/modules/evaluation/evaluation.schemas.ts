import { z } from 'zod';
import { CHANNELS } from '../../../../common/src/cases.js';
import { diffDays, isISODate } from '../calendar/iso-date.js';

/** The longest period of one request: a year, so that 环比 and 同比 stay comparable periods. */
export const MAX_PERIOD_DAYS = 366;

const isoDate = z.string().refine(isISODate, 'dateFormat');

const periodFields = {
  /** First day of the period (Asia/Shanghai); with `to`, or neither: the current quarter to date. */
  from: isoDate.optional(),
  /** Last day of the period, inclusive. */
  to: isoDate.optional(),
};

type PeriodQuery = { from?: string | undefined; to?: string | undefined };

function checkPeriod(q: PeriodQuery, ctx: z.RefinementCtx): void {
  if (!q.from !== !q.to) {
    ctx.addIssue({ code: 'custom', path: [q.from ? 'to' : 'from'], message: 'periodNeedsBoth' });
    return;
  }
  if (!q.from || !q.to || !isISODate(q.from) || !isISODate(q.to)) return;
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'endBeforeStart' });
  else if (diffDays(q.from, q.to) >= MAX_PERIOD_DAYS)
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'periodOverYear' });
}

export const figuresQuery = z
  .object({
    /** The unit whose subtree is counted; defaults to the actor's own unit. */
    unitId: z.uuid().optional(),
    ...periodFields,
    /** First-level category code: the figures of that category only. */
    category: z
      .string()
      .regex(/^[0-9A-Za-z]{2}$/, 'firstLevelCategory')
      .optional(),
    channel: z.enum(CHANNELS).optional(),
  })
  .superRefine(checkPeriod);
export type FiguresQuery = z.infer<typeof figuresQuery>;

const count = z.number().int().min(0);

const ratio = z
  .object({
    numerator: z.number().min(0),
    denominator: count,
    rate: z.number().min(0).max(1).nullable().describe('numerator / denominator; null when nothing was due'),
  })
  .describe('A figure with its parts');

const change = z.object({
  previous: z.number().nullable(),
  change: z
    .number()
    .nullable()
    .describe('Counts: relative change; rates: difference in points of the fraction'),
});

export const RATE_NAMES = [
  'timelyAcceptance',
  'onTimeCompletion',
  'satisfaction',
  'participation',
  'oneTimeResolution',
  'repeat',
  'onTheSpot',
  'groupVisit',
] as const;

const COUNT_NAMES = [
  'received',
  'matters',
  'visitBatches',
  'visitPersons',
  'groupVisits',
  'groupPersons',
  'repeats',
  'delivered',
] as const;
export type CountName = (typeof COUNT_NAMES)[number];

const rateObject = <T extends z.ZodType>(t: T) =>
  z.object(Object.fromEntries(RATE_NAMES.map((n) => [n, t])) as Record<(typeof RATE_NAMES)[number], T>);
const countObject = <T extends z.ZodType>(t: T) =>
  z.object(Object.fromEntries(COUNT_NAMES.map((n) => [n, t])) as Record<CountName, T>);

const period = z.object({ from: z.string(), to: z.string() });

export const figures = z
  .object({
    unit: z.object({ id: z.uuid(), name: z.string() }),
    period,
    previousPeriod: period.describe('环比: the period of equal length just before'),
    lastYearPeriod: period.describe('同比: the same dates a year earlier'),
    filters: z.object({ category: z.string().nullable(), channel: z.string().nullable() }),
    basicSatisfiedWeight: z.number(),
    counts: countObject(count).describe('件次 received, 件 (not repeats), 批次 and 人次 of visits, …'),
    rates: rateObject(ratio),
    periodOnPeriod: z.object({ counts: countObject(change), rates: rateObject(change) }).describe('环比'),
    yearOnYear: z.object({ counts: countObject(change), rates: rateObject(change) }).describe('同比'),
    byCategory: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        received: count,
        share: ratio.describe('of 件次 received'),
      }),
    ),
  })
  .describe('考核指标: the evaluation figures of a unit subtree and period (docs/METRICS.md)');
export type Figures = z.infer<typeof figures>;

/** The three rates a ranking orders by (三率, DOMAIN.md §3.2). */
export const RANKED_RATES = ['timelyAcceptance', 'onTimeCompletion', 'satisfaction'] as const;

export const rankingQuery = z
  .object({
    /** Which units of the district are ranked: its towns (and streets) or its departments. */
    level: z.enum(['town', 'department']).default('town'),
    ...periodFields,
    /** The rate the list is ordered by; every item carries its rank in each of the three. */
    by: z.enum(RANKED_RATES).default('timelyAcceptance'),
  })
  .superRefine(checkPeriod);
export type RankingQuery = z.infer<typeof rankingQuery>;

export const ranking = z
  .object({
    district: z.object({ id: z.uuid(), name: z.string() }),
    period,
    level: z.enum(['town', 'department']),
    by: z.enum(RANKED_RATES),
    basicSatisfiedWeight: z.number(),
    items: z.array(
      z.object({
        unit: z.object({ id: z.uuid(), name: z.string() }),
        received: count,
        rates: z.object(
          Object.fromEntries(RANKED_RATES.map((n) => [n, ratio])) as Record<
            (typeof RANKED_RATES)[number],
            typeof ratio
          >,
        ),
        ranks: z
          .object(
            Object.fromEntries(RANKED_RATES.map((n) => [n, z.number().int().min(1).nullable()])) as Record<
              (typeof RANKED_RATES)[number],
              z.ZodNullable<z.ZodNumber>
            >,
          )
          .describe('1 = best; equal rates share a rank; null when the unit had nothing due'),
      }),
    ),
  })
  .describe('三率排名: the towns (or departments) of a district ranked by the three rates');
export type Ranking = z.infer<typeof ranking>;

const reportFormat = z.enum(['xlsx', 'docx']).default('xlsx');

export const monthlyReportQuery = z.object({
  /** The unit whose subtree the report covers; defaults to the actor's own unit. */
  unitId: z.uuid().optional(),
  /** YYYY-MM: the month reported (default: this month); the running month counts up to today. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'monthFormat')
    .optional(),
  format: reportFormat,
});

export const bulletinQuery = z.object({
  /** YYYY-Qn: the quarter reported (default: this quarter); the running quarter counts up to today. */
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/, 'quarterFormat')
    .optional(),
  format: reportFormat,
});

import { z } from 'zod';
import { CHANNELS } from '../../../../common/src/cases.js';
import { diffDays, isISODate } from '../calendar/iso-date.js';

/** The longest period of one request: a year, so that 环比 and 同比 stay comparable periods. */
export const MAX_PERIOD_DAYS = 366;

const isoDate = z.string().refine(isISODate, 'dateFormat');

export const figuresQuery = z
  .object({
    /** The unit whose subtree is counted; defaults to the actor's own unit. */
    unitId: z.uuid().optional(),
    /** First day of the period (Asia/Shanghai); with `to`, or neither: the current quarter to date. */
    from: isoDate.optional(),
    /** Last day of the period, inclusive. */
    to: isoDate.optional(),
    /** First-level category code: the figures of that category only. */
    category: z
      .string()
      .regex(/^[0-9A-Za-z]{2}$/, 'firstLevelCategory')
      .optional(),
    channel: z.enum(CHANNELS).optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.from !== !q.to) {
      ctx.addIssue({ code: 'custom', path: [q.from ? 'to' : 'from'], message: 'periodNeedsBoth' });
      return;
    }
    if (!q.from || !q.to || !isISODate(q.from) || !isISODate(q.to)) return;
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'endBeforeStart' });
    else if (diffDays(q.from, q.to) >= MAX_PERIOD_DAYS)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'rangeTooLong' });
  });
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

const RATE_NAMES = [
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

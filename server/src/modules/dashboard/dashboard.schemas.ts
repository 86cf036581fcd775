import { z } from 'zod';
import { CHANNELS } from '../../../../common/src/cases.js';
import { diffDays, isISODate } from '../calendar/iso-date.js';
import { STATUS_GROUPS } from './status-groups.js';

/** The longest period one request may cover: three years of months keeps the answer small. */
export const MAX_RANGE_DAYS = 3 * 366;

const isoDate = z.string().refine(isISODate, 'dateFormat');

export const areaQuery = z
  .object({
    /** First day counted (Asia/Shanghai receipt date); defaults to the first of the month eleven months ago. */
    from: isoDate.optional(),
    /** Last day counted, inclusive; defaults to today. */
    to: isoDate.optional(),
    /** Narrows the figures to cases owned within this unit's subtree (as the case list's unitId). */
    unitId: z.uuid().optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.from || !q.to || !isISODate(q.from) || !isISODate(q.to)) return;
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'endBeforeStart' });
    else if (diffDays(q.from, q.to) > MAX_RANGE_DAYS)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'rangeTooLong' });
  });
export type AreaQuery = z.infer<typeof areaQuery>;

const count = z.number().int().min(0);

export const areaFigures = z
  .object({
    from: z.string(),
    to: z.string(),
    asOf: z.string().describe('Today (Asia/Shanghai): the date deadline colours are read on'),
    unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    received: count.describe('Cases received in the period'),
    openNow: count.describe('Open cases now, whenever received'),
    byMonth: z.array(z.object({ month: z.string().describe('YYYY-MM'), count })),
    byCategory: z.array(
      z.object({
        code: z.string().describe('First-level category code'),
        name: z.string(),
        nameEn: z.string().nullable(),
        count,
      }),
    ),
    byColour: z
      .object({ red: count, yellow: count, green: count, none: count })
      .describe('Open cases now by the colour of their nearest deadline (none: no running clock)'),
    byChannel: z.array(z.object({ channel: z.enum(CHANNELS), count })),
    byStatusGroup: z.array(z.object({ group: z.enum(STATUS_GROUPS), count })),
  })
  .describe('辖区概况: figures of the cases in the jurisdiction');
export type AreaFigures = z.infer<typeof areaFigures>;

export const myReportsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const myReports = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      caseNo: z.string(),
      title: z.string(),
      status: z.string(),
      statusLabel: z.object({ zh: z.string(), en: z.string() }),
      receivedAt: z.string(),
      address: z.string(),
      hasLocation: z.boolean(),
      attachmentCount: z.number().int(),
    }),
  ),
});

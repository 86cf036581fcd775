import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import { authorize, can } from '../../policy/policy.js';
import { recordAdminEvent } from '../audit/admin-events.js';
import { invalidateCalendar, today, workCalendar } from '../cases/case-clock.js';
import { addYear } from './calendar.repository.js';
import { deadlineProfileRoutes } from './deadline-profiles.routes.js';
import { BUILTIN_PROFILES } from './deadline-rules.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dateFormat');

/**
 * The holiday calendar as an administrator maintains it: each year's State Council notice is
 * entered when published (usually in November). Years without a notice are listed as missing, so
 * nobody relies on a guessed calendar.
 */
export async function calendarRoutes(fastify: FastifyInstance, deps: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { ctxOf } = deps;
  const tags = ['calendar'];

  app.get(
    '/api/calendar/years',
    {
      schema: {
        tags,
        summary: '节假日安排 Loaded years, their notices and the years still missing',
        response: {
          200: z.object({
            years: z.array(
              z.object({
                year: z.number().int(),
                notice: z.string(),
                loadedAt: z.string(),
                days: z.array(
                  z.object({
                    date: z.string(),
                    kind: z.enum(['holiday', 'makeup_workday']),
                    name: z.string(),
                  }),
                ),
              }),
            ),
            missing: z.array(z.number().int()),
            profiles: z.array(z.object({ code: z.string(), name: z.string(), version: z.number().int() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      if (!can(ctx.actor, 'org.read')) throw new AppError('FORBIDDEN');
      const [years, days] = await Promise.all([
        ctx.db.selectFrom('calendar_years').selectAll().orderBy('year').execute(),
        ctx.db.selectFrom('holiday_calendar').select(['day', 'kind', 'name']).orderBy('day').execute(),
      ]);
      const thisYear = Number(today().slice(0, 4));
      const loaded = new Set(years.map((y) => y.year));
      return {
        years: years.map((y) => ({
          year: y.year,
          notice: y.notice,
          loadedAt: y.loaded_at.toISOString(),
          days: days
            .filter((d) => d.day.startsWith(String(y.year)))
            .map((d) => ({ date: d.day, kind: d.kind, name: d.name })),
        })),
        // Deadlines reach into next year from autumn on: its notice is needed before it starts.
        missing: [thisYear, thisYear + 1].filter((y) => !loaded.has(y)),
        profiles: Object.values(BUILTIN_PROFILES).map((p) => ({
          code: p.code,
          name: p.name,
          version: p.version,
        })),
      };
    },
  );

  app.put(
    '/api/calendar/years/:year',
    {
      schema: {
        tags,
        summary: '录入年度节假日安排 Enter (or replace) a year from the State Council notice',
        params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        body: z.object({
          notice: z.string().trim().min(4).max(200),
          days: z
            .array(
              z.object({
                date: isoDate,
                kind: z.enum(['holiday', 'makeup_workday']),
                name: z.string().trim().min(1).max(50),
              }),
            )
            .max(60),
        }),
        response: { 200: z.object({ year: z.number().int(), days: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      authorize(ctx.actor, 'calendar.manage');
      const { year } = req.params;
      const entries = req.body.days.map((d) => ({ ...d, notice: req.body.notice }));
      try {
        await ctx.db.transaction().execute(async (trx) => {
          await addYear(trx, year, req.body.notice, entries);
          await recordAdminEvent(trx, {
            actor: ctx.actor,
            type: 'calendar.year_loaded',
            entityType: 'calendar',
            entityId: ctx.actor.unitId,
            payload: { year, notice: req.body.notice, days: entries.length },
            requestId: ctx.requestId,
          });
        });
      } catch (err) {
        if (err instanceof AppError) throw err;
        // The calendar refuses inconsistent notices (a day outside the year, a make-up day on a weekday…).
        throw new AppError('VALIDATION_FAILED', [{ path: 'body.days', message: (err as Error).message }]);
      }
      invalidateCalendar();
      await workCalendar(ctx.db);
      return { year, days: entries.length };
    },
  );

  await deadlineProfileRoutes(fastify, deps);
}

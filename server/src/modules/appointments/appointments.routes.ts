import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { TokenBuckets } from '../open311/rate-limit.js';
import {
  attendBody,
  bookBody,
  cancelBookingBody,
  cancelSessionBody,
  directoryQuery,
  sessionBody,
  sessionsQuery,
} from './appointments.schemas.js';
import { book, cancelBooking, publicSchedule, workstationDirectory } from './use-cases/book.js';
import {
  cancelSession,
  listSessions,
  publishSession,
  recordAttendance,
  sessionDetail,
} from './use-cases/sessions.js';

const idParams = z.object({ id: z.uuid() });

/**
 * 预约接访: the schedule staff publish (/api/reception-sessions) and the public side in the portal
 * (/api/portal/…: the schedule, booking and cancelling, the 我来办工作室 directory).
 */
export async function appointmentRoutes(fastify: FastifyInstance, { ctxOf, database, config }: RouteDeps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['appointments'];

  app.get(
    '/api/reception-sessions',
    {
      schema: {
        tags,
        summary: '接访场次 Sessions held in my jurisdiction, from now on',
        querystring: sessionsQuery,
      },
    },
    async (req) => listSessions(ctxOf(req), req.query),
  );
  app.post(
    '/api/reception-sessions',
    { schema: { tags, summary: '发布接访场次 Publish a reception session', body: sessionBody } },
    async (req, reply) => reply.status(201).send(await publishSession(ctxOf(req), req.body)),
  );
  app.get(
    '/api/reception-sessions/:id',
    { schema: { tags, summary: '场次与预约 A session and its bookings (phones masked)', params: idParams } },
    async (req) => sessionDetail(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/reception-sessions/:id/cancel',
    {
      schema: {
        tags,
        summary: '取消场次 Cancel a session; its bookings are cancelled and told by SMS',
        params: idParams,
        body: cancelSessionBody,
      },
    },
    async (req) => cancelSession(ctxOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/appointments/:id/attendance',
    {
      schema: {
        tags,
        summary: '到场登记 Record whether the citizen came, and the case registered',
        params: idParams,
        body: attendBody,
      },
    },
    async (req) => recordAttendance(ctxOf(req), req.params.id, req.body),
  );

  // Public: the portal's pages. Rate limited per address like the rest of the portal.
  const db = database.db;
  const buckets = { read: new TokenBuckets(30), book: new TokenBuckets(5) };
  const limit = (bucket: TokenBuckets) => async (req: FastifyRequest) => {
    if (!bucket.take(req.ip)) {
      throw new AppError('RATE_LIMITED', undefined, {
        zh: '您所在网络的操作过于频繁，请一分钟后再试',
        en: 'Too many requests from your network; try again in a minute',
      });
    }
  };
  const pub = { config: { public: true }, bodyLimit: 16 * 1024 } as const;
  const deps = (req: FastifyRequest) => ({ db, config, requestId: String(req.id) });

  app.get(
    '/api/portal/reception-sessions',
    { ...pub, onRequest: limit(buckets.read), schema: { tags, summary: '接访安排 The published schedule' } },
    async () => publicSchedule(db),
  );
  app.post(
    '/api/portal/appointments',
    {
      ...pub,
      onRequest: limit(buckets.book),
      schema: { tags, summary: '预约接访 Book a place (phone proved by an SMS code)', body: bookBody },
    },
    async (req, reply) => reply.status(201).send(await book(deps(req), req.body)),
  );
  app.post(
    '/api/portal/appointments/cancel',
    {
      ...pub,
      onRequest: limit(buckets.book),
      schema: { tags, summary: '取消预约 Cancel with the booking code and phone', body: cancelBookingBody },
    },
    async (req) => cancelBooking(deps(req), req.body),
  );
  app.get(
    '/api/portal/workstations',
    {
      ...pub,
      onRequest: limit(buckets.read),
      schema: { tags, summary: '我来办工作室 Workstation directory', querystring: directoryQuery },
    },
    async (req) => workstationDirectory(db, req.query),
  );
}

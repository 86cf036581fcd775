import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { listPublicServices } from '../open311/open311.repository.js';
import { TokenBuckets } from '../open311/rate-limit.js';
import { createCaptcha } from './captcha.js';
import {
  CONSENT_VERSION,
  confirmReceiptBody,
  petitionBody,
  rateBody,
  requestReviewBody,
  smsCodeBody,
  trackBody,
} from './portal.schemas.js';
import { confirmReceiptOnline, rateOnline, requestReviewOnline } from './use-cases/answer-back.js';
import { sendSmsCode } from './use-cases/send-sms-code.js';
import { RECEIVING_KINDS, submitPetition } from './use-cases/submit-petition.js';
import { authenticateTracking, trackPetition } from './use-cases/track-petition.js';

/** Largest accepted body: the longest form (facts 5000 + demands 2000 characters) fits easily. */
const BODY_LIMIT = 64 * 1024;

/**
 * 网上信访 for citizens, under /api/portal. Public (no staff session, so no CSRF token either): a
 * submission is vouched for by the CAPTCHA and the SMS code, everything about a case by its tracking
 * code and query password. Each address is rate limited; the tracking credentials are throttled.
 */
export async function portalRoutes(fastify: FastifyInstance, { database, config }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['portal'];
  const perAddress = {
    captcha: new TokenBuckets(30),
    sms: new TokenBuckets(3),
    submit: new TokenBuckets(3),
    track: new TokenBuckets(20),
  };
  const limit = (bucket: TokenBuckets) => async (req: FastifyRequest) => {
    if (!bucket.take(req.ip)) {
      throw new AppError('RATE_LIMITED', undefined, {
        zh: '您所在网络的操作过于频繁，请一分钟后再试',
        en: 'Too many requests from your network; try again in a minute',
      });
    }
  };
  const deps = (req: FastifyRequest) => ({ db, config, requestId: String(req.id), ip: req.ip });
  const common = { config: { public: true }, bodyLimit: BODY_LIMIT } as const;

  app.get(
    '/api/portal/options',
    { ...common, onRequest: limit(perAddress.track), schema: { tags, summary: '表单选项 Form options' } },
    async () => {
      const [services, units] = await Promise.all([
        listPublicServices(db),
        db
          .selectFrom('org_units')
          .select(['id', 'parent_id as parentId', 'kind', 'name'])
          .where('is_active', '=', true)
          .where('kind', 'in', [...RECEIVING_KINDS])
          .orderBy('depth')
          .orderBy('sort_order')
          .orderBy('name')
          .execute(),
      ]);
      return {
        consentVersion: CONSENT_VERSION,
        categories: services.map((s) => ({ code: s.code, name: s.name, group: s.group_name })),
        units,
      };
    },
  );

  app.post(
    '/api/portal/captcha',
    { ...common, onRequest: limit(perAddress.captcha), schema: { tags, summary: '图形验证码 CAPTCHA' } },
    async () => {
      const c = createCaptcha(config.sessionSecret);
      return { token: c.token, svg: c.svg, expiresAt: c.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/portal/sms-code',
    {
      ...common,
      onRequest: limit(perAddress.sms),
      schema: { tags, summary: '短信验证码 SMS code', body: smsCodeBody },
    },
    async (req) => sendSmsCode(deps(req), req.body),
  );

  app.post(
    '/api/portal/petitions',
    {
      ...common,
      onRequest: limit(perAddress.submit),
      schema: { tags, summary: '提交诉求 Submit', body: petitionBody },
    },
    async (req, reply) => {
      const { trackingCode, queryPassword } = await submitPetition(deps(req), req.body);
      // Shown once: only a hash of the password is kept.
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ trackingCode, queryPassword });
    },
  );

  app.post(
    '/api/portal/track',
    {
      ...common,
      onRequest: limit(perAddress.track),
      schema: { tags, summary: '查询进度 Track', body: trackBody },
    },
    async (req, reply) => {
      const { caseId } = await authenticateTracking(db, req.body);
      reply.header('cache-control', 'no-store');
      return trackPetition(db, config, caseId);
    },
  );

  app.post(
    '/api/portal/track/confirm-receipt',
    {
      ...common,
      onRequest: limit(perAddress.track),
      schema: { tags, summary: '电子签收 Confirm receipt', body: confirmReceiptBody },
    },
    async (req) => {
      const { caseId } = await authenticateTracking(db, req.body);
      await confirmReceiptOnline(deps(req), caseId, req.body.note);
      return trackPetition(db, config, caseId);
    },
  );

  app.post(
    '/api/portal/track/rate',
    { ...common, onRequest: limit(perAddress.track), schema: { tags, summary: '评价 Rate', body: rateBody } },
    async (req) => {
      const { caseId } = await authenticateTracking(db, req.body);
      await rateOnline(deps(req), caseId, req.body.satisfaction, req.body.comment);
      return trackPetition(db, config, caseId);
    },
  );

  app.post(
    '/api/portal/track/request-review',
    {
      ...common,
      onRequest: limit(perAddress.track),
      schema: { tags, summary: '申请复查 Request review', body: requestReviewBody },
    },
    async (req) => {
      const { caseId } = await authenticateTracking(db, req.body);
      await requestReviewOnline(deps(req), caseId, req.body.reasons);
      return trackPetition(db, config, caseId);
    },
  );
}

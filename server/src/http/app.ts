import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { ERROR_CODES, type ErrorEnvelope } from '../../../common/src/errors.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { packageRoot, packageVersion } from '../lib/paths.js';
import type { Actor } from '../policy/actor.js';
import { registerAuthHook } from './auth-hook.js';
import type { Ctx } from './context.js';
import { AppError } from './errors.js';
import { requestLang } from './lang.js';
import { registerRoutes } from './routes.js';
import { localizeValidation } from './validation.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    session?: { tokenHash: string; csrfToken: string };
  }
  interface FastifyContextConfig {
    /** A route anyone may call without signing in. */
    public?: boolean;
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
}

export type App = FastifyInstance & { withTypeProvider(): FastifyInstance };

/** Builds the HTTP application: one Fastify instance serving the API and the built web app. */
export async function buildApp(deps: AppDeps, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const { config, database } = deps;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            // Query strings can carry phone or ID numbers typed into a search: log the path only.
            serializers: {
              req: (req) => ({ method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip }),
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : crypto.randomUUID();
    },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('preHandler', async (req) => {
    if (req.actor) req.log = req.log.child({ userId: req.actor.userId });
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const lang = requestLang(req);
    const send = (code: keyof typeof ERROR_CODES, details?: unknown, message?: string) => {
      const body: ErrorEnvelope = {
        error: { code, message: message ?? ERROR_CODES[code][lang], requestId: String(req.id) },
      };
      if (details !== undefined) body.error.details = details;
      return reply.status(ERROR_CODES[code].status).send(body);
    };
    if (err instanceof AppError) {
      return send(err.code, err.details, err.messages?.[lang]);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = localizeValidation(err.validation, lang, err.validationContext);
      const names = fields.map((f) => f.path).join(lang === 'en' ? ', ' : '、');
      const message = lang === 'en' ? `Some fields are invalid: ${names}` : `以下内容有误，请检查：${names}`;
      return send('VALIDATION_FAILED', fields, message);
    }
    if (err.statusCode === 413) return send('PAYLOAD_TOO_LARGE');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return send('MALFORMED_REQUEST');
    req.log.error({ err }, 'unhandled error');
    return send('INTERNAL');
  });

  await app.register(fastifyCookie, { secret: config.sessionSecret });
  // Per-kind size limits are checked while storing; this is only the outer bound (video, 500 MB).
  await app.register(fastifyMultipart, { limits: { fileSize: 500 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Laiban 来办 API',
        version: packageVersion(),
        description:
          '信访与矛盾纠纷多元化解平台接口。Sign in with POST /api/auth/login (session cookie + X-CSRF-Token for writes) or send `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'laiban_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  registerAuthHook(app, database.db, config);

  const ctxOf = (req: { actor?: Actor; id: string; ip: string }): Ctx => {
    if (!req.actor) throw new AppError('UNAUTHENTICATED');
    return { db: database.db, config, actor: req.actor, requestId: String(req.id), ip: req.ip };
  };
  await app.register(async (api) => registerRoutes(api, { ...deps, ctxOf }));

  const webDir = path.join(packageRoot(), 'dist', 'web');
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    const isApi = req.url.startsWith('/api/') || req.url === '/api';
    if (!isApi && hasWeb && req.method === 'GET') {
      // Client-side routes (/cases/123, /admin/users …) all load the single-page app.
      const file = req.url.split('?')[0] ?? '/';
      if (file !== '/' && fs.existsSync(path.join(webDir, file)) && !file.includes('..')) {
        return reply.sendFile(file.slice(1));
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    const lang = requestLang(req);
    return reply.status(404).send({
      error: {
        code: 'ROUTE_NOT_FOUND',
        message: ERROR_CODES.ROUTE_NOT_FOUND[lang],
        requestId: String(req.id),
      },
    } satisfies ErrorEnvelope);
  });

  return app;
}

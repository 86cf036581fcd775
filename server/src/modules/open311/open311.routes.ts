import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { sha256Hex } from '../../lib/crypto.js';
import { type Open311Client, Open311Error } from './open311.errors.js';
import { presentRequest, presentService, presentServiceDefinition } from './open311.presenter.js';
import {
  findClientByKeyHash,
  findDistrictByCode,
  listPublicServices,
  listRequests,
  type RequestFilter,
} from './open311.repository.js';
import { TokenBuckets } from './rate-limit.js';
import { submitOpen311Request } from './use-cases/submit-request.js';
import { toXml, type XmlNode, type XmlValue } from './xml.js';

type Format = 'json' | 'xml';
const FORMATS = new Set<string>(['json', 'xml']);
const PREFIX = '/open311/v2';
/** When this endpoint's description last changed (discovery `changeset`). */
const CHANGESET = '2026-03-01T00:00:00Z';
const REQUESTS_MAX = 1000;
const DEFAULT_DAYS = 90;
const FORM_LIMIT = 64 * 1024;

const formatOf = (req: FastifyRequest): Format =>
  (req.params as { format?: string } | undefined)?.format === 'xml' || /\.xml(\?|$)/.test(req.url)
    ? 'xml'
    : 'json';

/**
 * One answer in the requested format. JSON is the spec's array/object; XML wraps lists in their
 * plural root (<services><service>…), as the spec's examples do.
 */
function send(reply: FastifyReply, format: Format, status: number, json: unknown, xml: () => string) {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(xml());
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(json));
}

function sendErrors(reply: FastifyReply, format: Format, status: number, descriptions: string[]) {
  const errors = descriptions.map((description) => ({ code: status, description }));
  return send(reply, format, status, errors, () => toXml('errors', { error: errors }));
}

function requireFormat(req: FastifyRequest): Format {
  const f = (req.params as { format?: string }).format;
  if (!f || !FORMATS.has(f)) throw new Open311Error(404, ['format: 仅支持 .json 和 .xml']);
  return f as Format;
}

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2: discovery, services,
 * service definitions, and requests (POST with a client's api_key; GET public). Outside /api: no
 * session, no CSRF, the spec's own error format. Rate limited per client key and per address.
 */
export async function open311Routes(fastify: FastifyInstance, deps: RouteDeps): Promise<void> {
  await fastify.register(
    async (app) => {
      const { config, database } = deps;
      const db = database.db;
      const perKey = new TokenBuckets(config.open311RatePerMinute);
      const perAddress = new TokenBuckets(config.open311RatePerMinute);
      // Reads are cheap and public; they get ten times the rate, counted apart from submissions.
      const readsPerAddress = new TokenBuckets(config.open311RatePerMinute * 10);

      app.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: FORM_LIMIT },
        (_req, body, done) => {
          // Keys are kept literally ("attribute[demands]"); a repeated key keeps its first value.
          const form: Record<string, string> = {};
          for (const [k, v] of new URLSearchParams(body as string)) if (!(k in form)) form[k] = v;
          done(null, form);
        },
      );

      app.setErrorHandler((err: FastifyError | Open311Error | AppError, req, reply) => {
        const format = formatOf(req);
        if (err instanceof Open311Error) return sendErrors(reply, format, err.status, err.descriptions);
        if (err instanceof AppError) {
          if (err.code === 'VALIDATION_FAILED' && Array.isArray(err.details)) {
            const d = err.details as { path?: string; message?: string }[];
            return sendErrors(
              reply,
              format,
              400,
              d.map((x) => `${String(x.path ?? '').replace(/^body\./, '')}: ${x.message ?? ''}`),
            );
          }
          const status = err.status === 404 ? 404 : err.status === 403 ? 403 : err.status < 500 ? 400 : 500;
          if (status === 500) req.log.error({ err }, 'open311 failed');
          return sendErrors(reply, format, status, [err.code]);
        }
        if ((err as FastifyError).statusCode === 413)
          return sendErrors(reply, format, 400, ['request: 提交的内容过大']);
        if ((err as FastifyError).statusCode === 415)
          return sendErrors(reply, format, 400, ['request: 请使用 application/x-www-form-urlencoded 提交']);
        if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500)
          return sendErrors(reply, format, 400, ['request: 请求格式不正确']);
        req.log.error({ err }, 'open311 failed');
        return sendErrors(reply, format, 500, ['internal error']);
      });
      app.setNotFoundHandler((req, reply) => sendErrors(reply, formatOf(req), 404, ['no such endpoint']));

      const limitReads = async (req: FastifyRequest) => {
        if (!readsPerAddress.take(req.ip))
          throw new Open311Error(429, ['rate limit: 请求过于频繁，请稍后再试']);
      };

      app.get('/discovery.:format', { schema: { hide: true }, onRequest: limitReads }, async (req, reply) => {
        const format = requireFormat(req);
        const base = `${req.protocol}://${req.host}${PREFIX}`;
        const body = {
          changeset: CHANGESET,
          contact: '请联系本地信访部门 / Contact the local petition office',
          key_service: '接口密钥由系统管理员签发 / api_key issued by the system administrator',
          endpoints: [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url: base,
              changeset: CHANGESET,
              type: 'production',
              formats: ['text/xml', 'application/json'],
            },
          ],
        };
        return send(reply, format, 200, body, () =>
          toXml('discovery', {
            ...body,
            endpoints: { endpoint: body.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) },
          }),
        );
      });

      app.get('/services.:format', { schema: { hide: true }, onRequest: limitReads }, async (req, reply) => {
        const format = requireFormat(req);
        const services = (await listPublicServices(db)).map(presentService);
        return send(reply, format, 200, services, () => toXml('services', { service: services }));
      });

      app.get(
        '/services/:code.:format',
        { schema: { hide: true }, onRequest: limitReads },
        async (req, reply) => {
          const format = requireFormat(req);
          const { code } = req.params as { code: string };
          const [service] = /^\d{4}$/.test(code) ? await listPublicServices(db, code) : [];
          if (!service) throw new Open311Error(404, [`service_code: 服务代码 ${code} 不存在`]);
          const def = presentServiceDefinition(service);
          return send(reply, format, 200, def, () =>
            toXml('service_definition', {
              service_code: def.service_code,
              attributes: {
                attribute: def.attributes.map(
                  (a): XmlNode => ({
                    ...a,
                    ...('values' in a && a.values ? { values: { value: a.values } } : {}),
                  }),
                ),
              },
            }),
          );
        },
      );

      app.post('/requests.:format', { schema: { hide: true }, bodyLimit: FORM_LIMIT }, async (req, reply) => {
        const format = requireFormat(req);
        if (!perAddress.take(req.ip)) throw new Open311Error(429, ['rate limit: 提交过于频繁，请稍后再试']);
        const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string>;
        const client = await clientFor(form.api_key);
        if (!perKey.take(client.id))
          throw new Open311Error(429, ['rate limit: 该接口密钥提交过于频繁，请稍后再试']);
        const { caseNo } = await submitOpen311Request(
          { db, config, requestId: String(req.id), ip: req.ip },
          client,
          form,
        );
        const body = [
          {
            service_request_id: caseNo,
            service_notice: '已登记，将在15日内告知是否受理。请凭编号查询办理进展。',
            account_id: null,
          },
        ];
        return send(reply, format, 201, body, () => toXml('service_requests', { request: body }));
      });

      app.get('/requests.:format', { schema: { hide: true }, onRequest: limitReads }, async (req, reply) => {
        const format = requireFormat(req);
        const filter = await requestFilter(req.query as Record<string, unknown>);
        const items = (await listRequests(db, filter)).map(presentRequest);
        return send(reply, format, 200, items, () =>
          toXml('service_requests', { request: items as XmlValue[] }),
        );
      });

      app.get(
        '/requests/:id.:format',
        { schema: { hide: true }, onRequest: limitReads },
        async (req, reply) => {
          const format = requireFormat(req);
          const { id } = req.params as { id: string };
          const rows = /^[A-Za-z0-9-]{1,40}$/.test(id) ? await listRequests(db, { ids: [id], limit: 1 }) : [];
          if (!rows.length) throw new Open311Error(404, [`service_request_id: ${id} 不存在`]);
          const items = rows.map(presentRequest);
          return send(reply, format, 200, items, () =>
            toXml('service_requests', { request: items as XmlValue[] }),
          );
        },
      );

      async function clientFor(apiKey: string | undefined): Promise<Open311Client> {
        const row =
          apiKey && apiKey.length <= 200 ? await findClientByKeyHash(db, sha256Hex(apiKey)) : undefined;
        if (!row || row.revoked_at || !row.unit_active || !row.user_active) {
          throw new Open311Error(403, ['api_key: 接口密钥无效或已吊销']);
        }
        const now = new Date();
        if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
          await db
            .updateTable('open311_clients')
            .set({ last_used_at: now })
            .where('id', '=', row.id)
            .execute();
        }
        return {
          id: row.id,
          name: row.name,
          unitId: row.unit_id,
          unitPath: row.unit_path,
          userId: row.user_id,
          username: row.username,
          displayName: row.display_name,
        };
      }

      /** The spec's filters; without ids or dates, the last 90 days; never more than 1000 requests. */
      async function requestFilter(q: Record<string, unknown>): Promise<RequestFilter> {
        const s = (k: string) =>
          typeof q[k] === 'string' && (q[k] as string).trim() ? (q[k] as string).trim() : undefined;
        const problems: string[] = [];
        const filter: RequestFilter = { limit: REQUESTS_MAX };
        const jurisdiction = s('jurisdiction_id');
        if (jurisdiction) {
          const district = await findDistrictByCode(db, jurisdiction);
          if (!district) throw new Open311Error(404, [`jurisdiction_id: 辖区 ${jurisdiction} 不存在`]);
          filter.districtPath = district.path;
        }
        const ids = s('service_request_id');
        if (ids) {
          const list = ids
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean);
          if (list.length > REQUESTS_MAX || list.some((x) => !/^[A-Za-z0-9-]{1,40}$/.test(x)))
            problems.push('service_request_id: 编号格式不正确');
          filter.ids = list;
          // The spec: with ids given, the other filters do not apply.
          if (problems.length) throw new Open311Error(400, problems);
          return filter;
        }
        filter.serviceCode = s('service_code');
        for (const k of ['start_date', 'end_date'] as const) {
          const v = s(k);
          if (v === undefined) continue;
          const d = new Date(v);
          if (Number.isNaN(d.getTime()))
            problems.push(`${k}: 日期时间格式不正确（W3C，如 2026-03-01T00:00:00Z）`);
          else filter[k === 'start_date' ? 'start' : 'end'] = d;
        }
        const status = s('status');
        if (status) {
          const wanted = new Set(status.split(',').map((x) => x.trim()));
          if ([...wanted].some((x) => x !== 'open' && x !== 'closed'))
            problems.push('status: 应为 open 或 closed');
          else if (wanted.size === 1) filter.open = wanted.has('open');
        }
        if (problems.length) throw new Open311Error(400, problems);
        if (!filter.start && !filter.end) filter.start = new Date(Date.now() - DEFAULT_DAYS * 86_400_000);
        return filter;
      }
    },
    { prefix: PREFIX },
  );
}

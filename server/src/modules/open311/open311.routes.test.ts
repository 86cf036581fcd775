import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app.js';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import { testApp } from '../../test/test-app.js';
import { testConfig, testDatabase } from '../../test/test-db.js';
import { TokenBuckets } from './rate-limit.js';
import { escapeXml, toXml } from './xml.js';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function post(app: FastifyInstance, format: 'json' | 'xml', fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(fields),
  });
}

let seq = 0;
/** A district with a division code, a community workstation, and an Open311 client posting to it. */
async function setup() {
  const d = await makeDistrict();
  const { db } = await testDatabase();
  const code =
    `5101${String(Date.now() % 1e8).padStart(8, '0')}`.slice(0, 10) + String(seq++ % 100).padStart(2, '0');
  await db.updateTable('org_units').set({ division_code: code }).where('id', '=', d.district.id).execute();
  const admin = await signInAs(d.admin);
  const issued = await admin.post('/api/open311-clients', { name: '市民热线App', unitId: d.communityA1.id });
  expect(issued.status).toBe(201);
  return { d, admin, code, apiKey: issued.body.apiKey as string, clientId: issued.body.id as string };
}

const citizen = (apiKey: string, over: Record<string, string> = {}) => ({
  api_key: apiKey,
  service_code: '0107',
  lat: '30.6598',
  long: '104.0657',
  address_string: '甲一村戏台院东侧',
  description: '村口排水沟堵塞，下雨天积水严重。',
  first_name: '三',
  last_name: '张',
  phone: '13812345678',
  email: 'zhangsan@example.com',
  'attribute[demands]': '请尽快疏通排水沟',
  ...over,
});

describe('Open311 GeoReport v2', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp();
  });

  it('serves discovery in JSON and XML', async () => {
    const json = await app.inject({ method: 'GET', url: '/open311/v2/discovery.json' });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.json()).toMatchObject({
      changeset: expect.any(String),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: expect.stringMatching(/\/open311\/v2$/),
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
    const xml = await app.inject({ method: 'GET', url: '/open311/v2/discovery.xml' });
    expect(xml.headers['content-type']).toMatch(/^text\/xml/);
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery><changeset>/);
    expect(xml.body).toContain(
      '<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>',
    );
    expect(xml.body).toContain(
      '<formats><format>text/xml</format><format>application/json</format></formats>',
    );
  });

  it('lists the public leaf categories as services, grouped by their top-level category', async () => {
    const res = await app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    const services = res.json() as Record<string, unknown>[];
    expect(services.find((s) => s.service_code === '0107')).toEqual({
      service_code: '0107',
      service_name: '市政道路桥梁排水设施',
      description: '市政道路桥梁排水设施（Municipal roads, bridges and drainage）',
      metadata: true,
      type: 'realtime',
      keywords: '城乡建设,市政道路桥梁排水设施',
      group: '城乡建设',
    });
    expect(services.every((s) => /^\d{4}$/.test(String(s.service_code)))).toBe(true);
    const xml = (await app.inject({ method: 'GET', url: '/open311/v2/services.xml' })).body;
    expect(xml).toContain(
      '<service><service_code>0107</service_code><service_name>市政道路桥梁排水设施</service_name>',
    );
    expect(xml).toMatch(
      /<metadata>true<\/metadata><type>realtime<\/type>.*<group>城乡建设<\/group><\/service>/,
    );
  });

  it('describes a service with its attributes, and answers an unknown one with 404 in the spec’s error format', async () => {
    const def = (await app.inject({ method: 'GET', url: '/open311/v2/services/0107.json' })).json();
    expect(def.service_code).toBe('0107');
    expect(def.attributes[0]).toEqual({
      variable: true,
      code: 'demands',
      datatype: 'text',
      required: true,
      datatype_description: '不超过2000字',
      order: 1,
      description: '您的诉求（希望如何解决）',
    });
    expect(def.attributes.find((a: { code: string }) => a.code === 'nature').values).toContainEqual({
      key: 'accusation',
      name: '检举控告',
    });
    const xml = (await app.inject({ method: 'GET', url: '/open311/v2/services/0107.xml' })).body;
    expect(xml).toContain(
      '<service_definition><service_code>0107</service_code><attributes><attribute><variable>true</variable><code>demands</code>',
    );
    expect(xml).toContain('<values><value><key>suggestion</key><name>');
    const missing = await app.inject({ method: 'GET', url: '/open311/v2/services/9999.json' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: 'service_code: 服务代码 9999 不存在' }]);
    const missingXml = await app.inject({ method: 'GET', url: '/open311/v2/services/9999.xml' });
    expect(missingXml.body).toContain(
      '<errors><error><code>404</code><description>service_code: 服务代码 9999 不存在</description></error></errors>',
    );
  });

  it('creates a case from a form-encoded POST: online channel, the client’s unit queue, the text kept as text', async () => {
    const { d, apiKey } = await setup();
    const html = '<script>alert("x")</script><b>排水沟</b> & 积水';
    const res = await post(app, 'json', citizen(apiKey, { description: html }));
    expect(res.statusCode).toBe(201);
    const [created] = res.json();
    expect(created).toEqual({
      service_request_id: expect.stringMatching(/^XF\d{11}$/),
      service_notice: expect.any(String),
      account_id: null,
    });
    // The community workstation finds it in its own intake queue.
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const queue = await ws.get('/api/cases?mine=true');
    const item = queue.body.items.find((c: { caseNo: string }) => c.caseNo === created.service_request_id);
    expect(item).toBeTruthy();
    const detail = (await ws.get(`/api/cases/${item.id}`)).body;
    expect(detail).toMatchObject({
      channel: 'online',
      status: 'registered',
      facts: html,
      categoryCode: '0107',
    });
    expect(detail.sourceRef).toMatch(/^open311:/);
    expect(JSON.stringify(detail)).toContain('Open311：市民热线App');
    expect(detail.petitioners?.[0] ?? detail.parties?.[0]).toMatchObject({ name: '张三' });
    // Another town's clerk does not see it.
    expect((await (await signInAs(d.clerkB)).get(`/api/cases/${item.id}`)).status).toBe(404);
    const { db } = await testDatabase();
    const row = await db
      .selectFrom('cases')
      .select(['facts', 'latitude', 'longitude', 'address'])
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ facts: html, latitude: 30.6598, longitude: 104.0657, address: '甲一村戏台院东侧' });
  });

  it('answers a POST in XML as the spec’s example does', async () => {
    const { apiKey } = await setup();
    const res = await post(app, 'xml', citizen(apiKey));
    expect(res.statusCode).toBe(201);
    expect(res.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>XF\d{11}<\/service_request_id><service_notice>[^<]+<\/service_notice><account_id\/><\/request><\/service_requests>$/,
    );
  });

  it('refuses a missing, wrong or revoked api_key with 403 and writes nothing', async () => {
    const { admin, apiKey, clientId } = await setup();
    const { db } = await testDatabase();
    const before = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const wrong = await post(app, 'json', citizen('o311_not-a-key'));
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual([{ code: 403, description: 'api_key: 接口密钥无效或已吊销' }]);
    const { api_key: _, ...noKey } = citizen(apiKey);
    expect((await post(app, 'xml', noKey)).body).toContain('<errors><error><code>403</code>');
    expect((await admin.delete(`/api/open311-clients/${clientId}`)).status).toBe(200);
    expect((await post(app, 'json', citizen(apiKey))).statusCode).toBe(403);
    const after = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('names every bad field with 400: unknown service, missing description, location and demands', async () => {
    const { apiKey, code } = await setup();
    const res = await post(
      app,
      'json',
      citizen(apiKey, {
        service_code: '9999',
        description: '',
        address_string: '',
        lat: '',
        long: '',
        phone: '12345',
        'attribute[demands]': '',
        jurisdiction_id: '999999999999',
      }),
    );
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { code: number; description: string }[]).map((e) => [
      e.code,
      e.description.split(':')[0],
    ]);
    expect(fields).toEqual([
      [400, 'service_code'],
      [400, 'jurisdiction_id'],
      [400, 'description'],
      [400, 'address_string'],
      [400, 'phone'],
      [400, 'attribute[demands]'],
    ]);
    const tooLong = await post(
      app,
      'json',
      citizen(apiKey, { description: '长'.repeat(5001), jurisdiction_id: code }),
    );
    expect(tooLong.json()).toEqual([{ code: 400, description: 'description: 不得超过5000字' }]);
    // The right jurisdiction is accepted.
    expect((await post(app, 'json', citizen(apiKey, { jurisdiction_id: code }))).statusCode).toBe(201);
  });

  it('lists requests with the spec’s filters and shows one by id, without personal data', async () => {
    const { apiKey, code } = await setup();
    const a = (await post(app, 'json', citizen(apiKey))).json()[0].service_request_id as string;
    const b = (
      await post(app, 'json', citizen(apiKey, { service_code: '0201', address_string: '幸福小区3栋' }))
    ).json()[0].service_request_id as string;
    const one = await app.inject({ method: 'GET', url: `/open311/v2/requests/${a}.json` });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual([
      {
        service_request_id: a,
        status: 'open',
        status_notes: '已登记，等待受理审查',
        service_name: '市政道路桥梁排水设施',
        service_code: '0107',
        description: null,
        agency_responsible: '甲一村',
        service_notice: null,
        requested_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
        updated_datetime: expect.any(String),
        expected_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T23:59:59\+08:00$/),
        address: '甲一村戏台院东侧',
        address_id: null,
        zipcode: null,
        lat: 30.6598,
        long: 104.0657,
        media_url: null,
      },
    ]);
    expect(one.body).not.toMatch(/张三|13812345678|zhangsan/);
    const xml = (await app.inject({ method: 'GET', url: `/open311/v2/requests/${a}.xml` })).body;
    expect(xml).toContain(
      `<service_requests><request><service_request_id>${a}</service_request_id><status>open</status>`,
    );
    expect(xml).toContain('<description/>');

    const ids = (q: string) =>
      app
        .inject({ method: 'GET', url: `/open311/v2/requests.json?${q}` })
        .then((r) => (r.json() as { service_request_id: string }[]).map((x) => x.service_request_id));
    expect((await ids(`service_request_id=${a},${b}`)).sort()).toEqual([a, b].sort());
    expect(await ids(`jurisdiction_id=${code}&service_code=0201`)).toEqual([b]);
    expect(await ids(`jurisdiction_id=${code}&status=open`)).toEqual(expect.arrayContaining([a, b]));
    expect(await ids(`jurisdiction_id=${code}&status=closed`)).toEqual([]);
    expect(await ids(`jurisdiction_id=${code}&end_date=2020-01-01T00:00:00Z`)).toEqual([]);
    expect(
      await ids(`jurisdiction_id=${code}&start_date=${new Date(Date.now() - 3_600_000).toISOString()}`),
    ).toEqual(expect.arrayContaining([a, b]));
    const bad = await app.inject({
      method: 'GET',
      url: '/open311/v2/requests.json?start_date=yesterday&status=pending',
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { description: string }[]).map((e) => e.description.split(':')[0])).toEqual([
      'start_date',
      'status',
    ]);
    expect(
      (await app.inject({ method: 'GET', url: '/open311/v2/requests.json?jurisdiction_id=000000000000' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/open311/v2/requests/XF20990000000.json' })).statusCode,
    ).toBe(404);
  });

  it('limits submissions per client key and per address', async () => {
    const { apiKey } = await setup();
    const limited = await buildApp(
      { config: testConfig({ OPEN311_RATE_PER_MINUTE: '2' }), database: await testDatabase() },
      { logger: false },
    );
    expect((await post(limited, 'json', citizen(apiKey))).statusCode).toBe(201);
    expect((await post(limited, 'json', citizen(apiKey))).statusCode).toBe(201);
    const third = await post(limited, 'json', citizen(apiKey));
    expect(third.statusCode).toBe(429);
    expect(third.json()[0].code).toBe(429);
    await limited.close();
    const buckets = new TokenBuckets(2);
    expect([buckets.take('k', 0), buckets.take('k', 0), buckets.take('k', 0)]).toEqual([true, true, false]);
    expect(buckets.take('k', 30_000)).toBe(true); // one token back after half a minute
    expect(buckets.take('other', 0)).toBe(true);
  });
});

describe('Open311 clients (admin)', () => {
  it('issues a key shown once, lists clients without it, and is for administrators only', async () => {
    const { admin, apiKey, clientId, d } = await setup();
    expect(apiKey).toMatch(/^o311_/);
    const list = await admin.get('/api/open311-clients');
    const row = list.body.items.find((c: { id: string }) => c.id === clientId);
    expect(row).toMatchObject({ name: '市民热线App', unit: { id: d.communityA1.id }, revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(apiKey);
    const clerk = await signInAs(d.clerkA);
    expect((await clerk.get('/api/open311-clients')).status).toBe(403);
    expect((await clerk.post('/api/open311-clients', { name: 'x', unitId: d.communityA1.id })).status).toBe(
      403,
    );
    const other = await signInAs((await makeDistrict()).admin);
    expect((await other.delete(`/api/open311-clients/${clientId}`)).status).toBe(404);
    const foreign = await other.post('/api/open311-clients', { name: 'x', unitId: d.communityA1.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].path).toBe('body.unitId');
  });
});

describe('XML writer', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml('<a href="x">&\'\u0001')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(toXml('r', { a: ['1', '2'], b: null, c: { d: true } })).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<r><a>1</a><a>2</a><b/><c><d>true</d></c></r>',
    );
  });
});

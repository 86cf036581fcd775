import { beforeAll, describe, expect, it } from 'vitest';
import { makeDistrict, makeUser, signInAs } from '../test/factories.js';
import { clientFor, testApp } from '../test/test-app.js';

/**
 * Shared checks over every route the OpenAPI document lists, so a route added later is covered
 * without anyone remembering to: anonymous calls answer 401, cookie writes without the CSRF token
 * answer 403, and a signed-in user without any role is refused everywhere.
 */
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  // The citizen portal: vouched for by CAPTCHA + SMS code, or by tracking code + query password.
  'GET /api/portal/options',
  'POST /api/portal/captcha',
  'POST /api/portal/sms-code',
  'POST /api/portal/petitions',
  'POST /api/portal/track',
  'POST /api/portal/track/confirm-receipt',
  'POST /api/portal/track/rate',
  'POST /api/portal/track/request-review',
  'GET /api/portal/reception-sessions',
  'POST /api/portal/appointments',
  'POST /api/portal/appointments/cancel',
  'GET /api/portal/workstations',
]);

interface Route {
  method: string;
  url: string;
  key: string;
}

async function allRoutes(): Promise<Route[]> {
  const app = await testApp();
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      routes.push({ method: method.toUpperCase(), url, key: `${method.toUpperCase()} ${path}` });
    }
  }
  return routes;
}

describe('every route', () => {
  let routes: Route[];
  beforeAll(async () => {
    routes = await allRoutes();
  });

  it('is listed in the OpenAPI document, including the admin and auth routes', () => {
    const keys = routes.map((r) => r.key);
    for (const k of [
      'GET /api/health',
      'POST /api/auth/login',
      'GET /api/org-units',
      'POST /api/users',
      'DELETE /api/api-tokens/{id}',
    ]) {
      expect(keys).toContain(k);
    }
  });

  it('answers 401 UNAUTHENTICATED without a session, except the public ones', async () => {
    const anon = clientFor(await testApp());
    for (const r of routes) {
      if (PUBLIC.has(r.key)) continue;
      const res = await anon.request(
        r.method,
        r.url,
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      expect({ route: r.key, status: res.status, code: res.body?.error?.code }).toEqual({
        route: r.key,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const { admin } = await makeDistrict();
    const signedIn = await signInAs(admin);
    const app = await testApp();
    const login = await app.inject({ method: 'GET', url: '/api/auth/me', headers: {} });
    expect(login.statusCode).toBe(401);
    for (const r of routes) {
      if (r.method === 'GET' || PUBLIC.has(r.key)) continue;
      const res = await signedIn.request(r.method, r.url, r.method === 'DELETE' ? undefined : {}, {
        'x-csrf-token': 'wrong',
      });
      expect({ route: r.key, status: res.status, code: res.body?.error?.code }).toEqual({
        route: r.key,
        status: 403,
        code: 'CSRF_FAILED',
      });
    }
  });

  it('gives a user without roles nothing: lists are empty or forbidden, ids are not found', async () => {
    const { townA } = await makeDistrict();
    const nobody = await signInAs(await makeUser(townA, []));
    for (const r of routes) {
      if (PUBLIC.has(r.key) || r.key.startsWith('POST /api/auth') || r.key === 'GET /api/auth/me') continue;
      const res = await nobody.request(
        r.method,
        r.url,
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      if (r.method === 'GET' && !r.url.includes('00000000-')) {
        // A list either refuses or shows nothing.
        const ok = res.status === 403 || (res.status === 200 && (res.body.items?.length ?? 0) === 0);
        expect({ route: r.key, ok, status: res.status }).toEqual({
          route: r.key,
          ok: true,
          status: res.status,
        });
      } else {
        expect({ route: r.key, refused: [400, 403, 404].includes(res.status) }).toEqual({
          route: r.key,
          refused: true,
        });
      }
    }
  });

  it('answers unknown API paths with the error envelope', async () => {
    const res = await clientFor(await testApp()).get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(res.body.error.requestId).toBeTruthy();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import { type Client, testApp } from '../../test/test-app.js';

let d: Awaited<ReturnType<typeof makeDistrict>>;
let admin: Client;

beforeAll(async () => {
  d = await makeDistrict();
  admin = await signInAs(d.admin);
});

async function bearer(token: string, url = '/api/auth/me') {
  const app = await testApp();
  const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: res.json() };
}

describe('API tokens', () => {
  it('issues a token once; it acts with the service user’s scope without CSRF; revoking ends it', async () => {
    const service = await makeUser(d.townA, [{ role: 'petition_clerk' }]);
    const res = await admin.post('/api/api-tokens', {
      userId: service.id,
      name: '12345 平台对接',
      expiresInDays: 30,
    });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^lb_/);
    expect(res.body.prefix).toBe(res.body.token.slice(0, 8));
    const me = await bearer(res.body.token);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(service.username);
    expect(me.body.csrfToken).toBeNull();
    const units = await bearer(res.body.token, '/api/org-units');
    expect(units.body.items.map((u: { id: string }) => u.id)).not.toContain(d.townB.id);

    const list = await admin.get('/api/api-tokens');
    const listed = list.body.items.find((t: { id: string }) => t.id === res.body.id);
    expect(listed).toMatchObject({ name: '12345 平台对接', revokedAt: null });
    expect(listed.token).toBeUndefined();

    expect((await admin.delete(`/api/api-tokens/${res.body.id}`)).status).toBe(200);
    expect((await bearer(res.body.token)).status).toBe(401);
  });

  it('rejects an unknown token, and tokens for users outside the admin scope', async () => {
    expect((await bearer('lb_not-a-real-token')).status).toBe(401);
    const stranger = await makeUser((await makeDistrict()).townA, []);
    const res = await admin.post('/api/api-tokens', { userId: stranger.id, name: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.userId');
  });

  it('is forbidden to non-admins and hides other districts’ tokens', async () => {
    const clerk = await signInAs(d.clerkA);
    expect((await clerk.get('/api/api-tokens')).status).toBe(403);
    const service = await makeUser(d.townA, []);
    const t = await admin.post('/api/api-tokens', { userId: service.id, name: 'y' });
    const other = await signInAs((await makeDistrict()).admin);
    expect((await other.delete(`/api/api-tokens/${t.body.id}`)).status).toBe(404);
    expect((await other.get('/api/api-tokens')).body.items).toEqual([]);
  });
});

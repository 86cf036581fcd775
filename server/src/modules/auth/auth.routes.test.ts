import { describe, expect, it } from 'vitest';
import { makeDistrict, makeUser, signInAs, TEST_PASSWORD } from '../../test/factories.js';
import { clientFor, testApp } from '../../test/test-app.js';
import { testDatabase } from '../../test/test-db.js';

async function attempt(username: string, password: string, lang = 'zh-CN') {
  const app = await testApp();
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    headers: { 'accept-language': lang },
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

describe('POST /api/auth/login', () => {
  it('signs in with an HttpOnly cookie and returns the user, roles and a CSRF token', async () => {
    const { clerkA, townA } = await makeDistrict();
    const res = await attempt(clerkA.username, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.unit).toMatchObject({ id: townA.id, kind: 'town' });
    expect(res.body.roles).toEqual([{ role: 'petition_clerk', unitId: townA.id, unitName: townA.name }]);
    expect(res.body.csrfToken).toMatch(/.{20,}/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/laiban_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('accepts the username in any letter case', async () => {
    const { clerkA } = await makeDistrict();
    expect((await attempt(clerkA.username.toUpperCase(), TEST_PASSWORD)).status).toBe(200);
  });

  it('rejects a wrong password in Chinese, or English when asked', async () => {
    const { clerkA } = await makeDistrict();
    const zh = await attempt(clerkA.username, 'wrong-password-1');
    expect(zh.status).toBe(401);
    expect(zh.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    const en = await attempt(clerkA.username, 'wrong-password-1', 'en');
    expect(en.body.error.message).toBe('Wrong username or password');
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await attempt('nobody-here', 'whatever-123');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(res.body.error.details).toBeUndefined();
  });

  it('locks the account at the 6th attempt after 5 failures, even with the right password, and records it', async () => {
    const { clerkA } = await makeDistrict();
    const unknown = await attempt('no-such-user-anywhere', 'wrong-password-0');
    for (let i = 0; i < 5; i++) {
      const r = await attempt(clerkA.username, `wrong-password-${i}`);
      expect(r.status).toBe(401);
      // Indistinguishable from an unknown username.
      expect({ ...r.body.error, requestId: '' }).toEqual({ ...unknown.body.error, requestId: '' });
    }
    const sixth = await attempt(clerkA.username, TEST_PASSWORD);
    expect(sixth.status).toBe(423);
    expect(sixth.body.error.code).toBe('ACCOUNT_LOCKED');
    const lockedUntil = new Date(sixth.body.error.details.lockedUntil).getTime();
    expect(lockedUntil - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(lockedUntil - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const { db } = await testDatabase();
    const events = await db
      .selectFrom('auth_events')
      .select('event')
      .where('user_id', '=', clerkA.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.event)).toEqual([
      ...Array(5).fill('login.failed'),
      'login.locked',
      'login.refused_locked',
    ]);
  });

  it('lets the user in again once the lock has run out', async () => {
    const { clerkA } = await makeDistrict();
    for (let i = 0; i < 5; i++) await attempt(clerkA.username, 'wrong-password-x');
    const { db } = await testDatabase();
    await db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', clerkA.id)
      .execute();
    expect((await attempt(clerkA.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('refuses a disabled account', async () => {
    const { townA } = await makeDistrict();
    const user = await makeUser(townA, [{ role: 'petition_clerk' }]);
    const { db } = await testDatabase();
    await db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute();
    const res = await attempt(user.username, TEST_PASSWORD);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ACCOUNT_DISABLED');
  });

  it('names each missing field and rejects malformed JSON', async () => {
    const app = await testApp();
    const missing = await clientFor(app).post('/api/auth/login', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    expect(missing.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.password',
      'body.username',
    ]);
    expect(missing.body.error.message).toContain('body.username');
    const broken = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a",',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('MALFORMED_REQUEST');
  });
});

describe('sessions', () => {
  it('GET /api/auth/me returns the signed-in user; logout ends the session', async () => {
    const { clerkA } = await makeDistrict();
    const client = await signInAs(clerkA);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(clerkA.username);
    expect(me.body.permissions).toContain('org.read');
    expect(me.body.permissions).not.toContain('org.manage');
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    const after = await client.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('expires a session idle for longer than the idle timeout', async () => {
    const { clerkA } = await makeDistrict();
    const client = await signInAs(clerkA);
    const { db } = await testDatabase();
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('user_id', '=', clerkA.id)
      .execute();
    const res = await client.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_EXPIRED');
    expect((await client.get('/api/auth/me')).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('keeps a session alive while it is used within the idle timeout', async () => {
    const { clerkA } = await makeDistrict();
    const client = await signInAs(clerkA);
    const { db } = await testDatabase();
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 29 * 60_000) })
      .where('user_id', '=', clerkA.id)
      .execute();
    expect((await client.get('/api/auth/me')).status).toBe(200);
    const s = await db
      .selectFrom('sessions')
      .select('last_seen_at')
      .where('user_id', '=', clerkA.id)
      .executeTakeFirst();
    expect(Date.now() - (s?.last_seen_at.getTime() ?? 0)).toBeLessThan(60_000);
  });
});

describe('POST /api/auth/password', () => {
  it('changes the password; the old one stops working', async () => {
    const { clerkA } = await makeDistrict();
    const client = await signInAs(clerkA);
    const res = await client.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Brand-new-pass-77',
    });
    expect(res.status).toBe(200);
    expect((await attempt(clerkA.username, TEST_PASSWORD)).status).toBe(401);
    expect((await attempt(clerkA.username, 'Brand-new-pass-77')).status).toBe(200);
  });

  it('refuses a weak new password and a wrong current password', async () => {
    const { clerkA } = await makeDistrict();
    const client = await signInAs(clerkA);
    const weak = await client.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short1',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('PASSWORD_POLICY');
    const wrong = await client.post('/api/auth/password', {
      currentPassword: 'not-the-password-1',
      newPassword: 'Brand-new-pass-77',
    });
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');
  });

  it('a user with a temporary password can do nothing else until it is changed', async () => {
    const { townA } = await makeDistrict();
    const user = await makeUser(townA, [{ role: 'petition_clerk' }]);
    const { db } = await testDatabase();
    await db.updateTable('users').set({ must_change_password: true }).where('id', '=', user.id).execute();
    const client = await signInAs(user);
    expect((await client.get('/api/org-units')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await client.get('/api/auth/me')).body.mustChangePassword).toBe(true);
    await client.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Brand-new-pass-77',
    });
    expect((await client.get('/api/org-units')).status).toBe(200);
  });
});

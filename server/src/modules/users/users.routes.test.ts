import { beforeAll, describe, expect, it } from 'vitest';
import { makeDistrict, makeUser, signInAs, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, clientFor, testApp } from '../../test/test-app.js';
import { testDatabase } from '../../test/test-db.js';

let d: Awaited<ReturnType<typeof makeDistrict>>;
let admin: Client;
let clerkA: Client;
let otherAdmin: Client;

beforeAll(async () => {
  d = await makeDistrict();
  admin = await signInAs(d.admin);
  clerkA = await signInAs(d.clerkA);
  otherAdmin = await signInAs((await makeDistrict()).admin);
});

const newUser = (over: Record<string, unknown> = {}) => ({
  username: `Zhang${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`,
  displayName: '张三',
  unitId: d.communityA1.id,
  password: 'Initial-pass-2026',
  roles: [{ role: 'workstation_staff', unitId: d.communityA1.id }],
  ...over,
});

describe('GET /api/users', () => {
  it('lists users of the subtree only, with roles, filters and paging', async () => {
    const all = await admin.get('/api/users');
    const ids = all.body.items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([d.admin.id, d.clerkA.id, d.clerkB.id, d.gridWorker.id]));
    const town = await clerkA.get('/api/users');
    expect(town.body.items.map((u: { id: string }) => u.id).sort()).toEqual(
      [d.clerkA.id, d.gridWorker.id].sort(),
    );
    const byRole = await admin.get('/api/users?role=grid_worker');
    expect(byRole.body.items.map((u: { id: string }) => u.id)).toEqual([d.gridWorker.id]);
    expect(byRole.body.items[0].roles).toEqual([
      { role: 'grid_worker', unitId: d.gridA1.id, unitName: '第一网格' },
    ]);
    const byUnit = await admin.get(`/api/users?unitId=${d.townB.id}`);
    expect(byUnit.body.items.map((u: { id: string }) => u.id)).toEqual([d.clerkB.id]);
    const paged = await admin.get('/api/users?pageSize=1');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBeGreaterThanOrEqual(4);
  });

  it('is forbidden to a grid worker, who may not read users', async () => {
    const grid = await signInAs(d.gridWorker);
    expect((await grid.get('/api/users')).status).toBe(403);
  });
});

describe('GET /api/users/:id', () => {
  it('shows a user in scope and answers 404 outside it', async () => {
    const res = await clerkA.get(`/api/users/${d.gridWorker.id}`);
    expect(res.status).toBe(200);
    expect(res.body.abilities).toEqual({ update: false, manageRoles: false, resetPassword: false });
    expect((await clerkA.get(`/api/users/${d.clerkB.id}`)).status).toBe(404);
    expect((await otherAdmin.get(`/api/users/${d.clerkA.id}`)).status).toBe(404);
  });
});

describe('POST /api/users', () => {
  it('creates a user who must change the password at first sign-in', async () => {
    const body = newUser();
    const res = await admin.post('/api/users', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: body.username.toLowerCase(),
      mustChangePassword: true,
      unit: { id: d.communityA1.id },
    });
    const app = await testApp();
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: body.username, password: body.password },
    });
    expect(login.json().mustChangePassword).toBe(true);
  });

  it('refuses a taken username, a weak password, and units outside the admin scope — naming the field', async () => {
    const body = newUser();
    await admin.post('/api/users', body);
    expect(
      (await admin.post('/api/users', { ...body, username: body.username.toUpperCase() })).body.error.code,
    ).toBe('USERNAME_TAKEN');
    expect((await admin.post('/api/users', newUser({ password: 'abc' }))).body.error.code).toBe(
      'PASSWORD_POLICY',
    );
    const foreign = (await makeDistrict()).townA;
    const res = await admin.post('/api/users', newUser({ roles: [{ role: 'leader', unitId: foreign.id }] }));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'body.roles.0.unitId', message: '单位不存在或不在您的管辖范围内' },
    ]);
  });

  it('is forbidden to a clerk', async () => {
    expect((await clerkA.post('/api/users', newUser())).status).toBe(403);
  });
});

describe('changing users', () => {
  it('PATCH renames and disables; a disabled user is signed out at once', async () => {
    const u = await makeUser(d.townA, [{ role: 'petition_clerk' }]);
    const session = await signInAs(u);
    const res = await admin.patch(`/api/users/${u.id}`, { displayName: '李四', isActive: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: '李四', isActive: false });
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect((await otherAdmin.patch(`/api/users/${u.id}`, { displayName: 'x' })).status).toBe(404);
  });

  it('an admin cannot disable their own account', async () => {
    expect((await admin.patch(`/api/users/${d.admin.id}`, { isActive: false })).status).toBe(403);
  });

  it('PUT roles replaces the grants the admin manages and keeps the others', async () => {
    const townAdmin = await makeUser(d.townA, [{ role: 'system_admin' }]);
    const u = await makeUser(d.townA, [{ role: 'petition_clerk' }, { role: 'leader', unit: d.district }]);
    const asTownAdmin = await signInAs(townAdmin);
    const res = await asTownAdmin.put(`/api/users/${u.id}/roles`, {
      roles: [{ role: 'mediator', unitId: d.communityA1.id }],
    });
    expect(res.status).toBe(200);
    const { db } = await testDatabase();
    const roles = await db
      .selectFrom('user_roles')
      .select(['role', 'unit_id'])
      .where('user_id', '=', u.id)
      .execute();
    expect(roles.map((r) => `${r.role}@${r.unit_id}`).sort()).toEqual(
      [`leader@${d.district.id}`, `mediator@${d.communityA1.id}`].sort(),
    );
  });

  it('reset-password forces a change and signs the user out; unlock clears a lock-out', async () => {
    const u = await makeUser(d.townA, [{ role: 'petition_clerk' }]);
    const session = await signInAs(u);
    expect(
      (await admin.post(`/api/users/${u.id}/reset-password`, { newPassword: 'Reset-pass-2026' })).status,
    ).toBe(200);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    const app = await testApp();
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: 'Reset-pass-2026' },
    });
    expect(login.json().mustChangePassword).toBe(true);

    const locked = await makeUser(d.townA, []);
    for (let i = 0; i < 5; i++) {
      await clientFor(app).post('/api/auth/login', { username: locked.username, password: 'nope-nope-1' });
    }
    const list = await admin.get(`/api/users/${locked.id}`);
    expect(list.body.isLocked).toBe(true);
    expect((await admin.post(`/api/users/${locked.id}/unlock`)).status).toBe(200);
    expect(
      (await clientFor(app).post('/api/auth/login', { username: locked.username, password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('only admins of the subtree reset passwords', async () => {
    expect(
      (await clerkA.post(`/api/users/${d.gridWorker.id}/reset-password`, { newPassword: 'Reset-pass-2026' }))
        .status,
    ).toBe(403);
    expect((await otherAdmin.post(`/api/users/${d.gridWorker.id}/unlock`)).status).toBe(404);
  });
});

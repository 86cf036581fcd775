import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import type { Client } from '../../test/test-app.js';
import { testDatabase } from '../../test/test-db.js';
import { DEFAULT_TAXONOMY } from './taxonomy.data.js';

/**
 * /api/categories. The category list is shared by every test file (on PostgreSQL, by every worker),
 * so writes here touch only categories this file creates, with names unique to the run, and
 * afterAll deletes them. Anonymous calls (401) and missing CSRF tokens are covered for every route
 * by http/routes.security.test.ts.
 */
const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
const created: string[] = [];

let d: Awaited<ReturnType<typeof makeDistrict>>;
let admin: Client;
let clerk: Client;
let townAdmin: Client;
let nobody: Client;

interface Node {
  code: string;
  name: string;
  isActive: boolean;
  children?: Node[];
}

async function addLeaf(parentCode: string, name: string): Promise<string> {
  const res = await admin.post('/api/categories', { parentCode, name });
  expect(res.status).toBe(201);
  created.push(res.body.code);
  return res.body.code;
}

function findIn(items: Node[], code: string): Node | undefined {
  for (const g of items) {
    if (g.code === code) return g;
    const leaf = g.children?.find((c) => c.code === code);
    if (leaf) return leaf;
  }
  return undefined;
}

beforeAll(async () => {
  d = await makeDistrict();
  admin = await signInAs(d.admin);
  clerk = await signInAs(d.clerkA);
  townAdmin = await signInAs(await makeUser(d.townA, [{ role: 'system_admin' }]));
  nobody = await signInAs(await makeUser(d.townA, []));
});

afterAll(async () => {
  const { db } = await testDatabase();
  const t = db.withTables<{ categories: { set_id: string; code: string } }>();
  const leaves = created.filter((c) => c.length === 4);
  const tops = created.filter((c) => c.length === 2);
  if (leaves.length)
    await t
      .deleteFrom('categories')
      .where('set_id', '=', 'default-2026')
      .where('code', 'in', leaves)
      .execute();
  if (tops.length)
    await t.deleteFrom('categories').where('set_id', '=', 'default-2026').where('code', 'in', tops).execute();
});

describe('GET /api/categories', () => {
  it('gives a clerk the active set as a tree of 21 groups and 155 leaves', async () => {
    const res = await clerk.get('/api/categories');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ setId: 'default-2026', version: 1, abilities: { manage: false } });
    const seeded = (res.body.items as Node[]).filter((g) => Number(g.code) <= 21);
    expect(seeded.map((g) => g.code)).toEqual(
      Array.from({ length: 21 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    const leafCodes = seeded.flatMap((g) => (g.children ?? []).map((l) => l.code));
    const seededLeaves = DEFAULT_TAXONOMY.flatMap((t) => t.leaves.map((l) => l.code));
    expect(seededLeaves).toHaveLength(155);
    expect(leafCodes).toEqual(expect.arrayContaining(seededLeaves));
    expect(res.body.items[0]).toMatchObject({
      code: '01',
      name: '城乡建设',
      nameEn: 'Urban-rural construction',
    });
    expect(findIn(res.body.items, '1603')).toMatchObject({
      flags: ['J'],
      defaultNature: 'accusation',
      isPublic: true,
    });
    expect((await admin.get('/api/categories')).body.abilities.manage).toBe(true);
  });

  it('leaves inactive categories out unless includeInactive=true', async () => {
    const code = await addLeaf('21', `停用${run}`);
    expect((await admin.put(`/api/categories/${code}`, { isActive: false })).status).toBe(200);
    expect(findIn((await clerk.get('/api/categories')).body.items, code)).toBeUndefined();
    const all = await clerk.get('/api/categories?includeInactive=true');
    expect(findIn(all.body.items, code)).toMatchObject({ code, isActive: false });
  });

  it('rejects a bad query with the field named', async () => {
    const res = await clerk.get('/api/categories?includeInactive=maybe');
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((x: { path: string }) => x.path)).toEqual([
      'querystring.includeInactive',
    ]);
  });

  it('refuses a signed-in user without any role', async () => {
    const res = await nobody.get('/api/categories');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});

describe('PUT /api/categories/:code', () => {
  it('lets a system administrator rename a leaf, and the tree shows it', async () => {
    const code = await addLeaf('20', `原名${run}`);
    const res = await admin.put(`/api/categories/${code}`, {
      name: `新名${run}`,
      flags: ['M'],
      isPublic: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code,
      setId: 'default-2026',
      parentCode: '20',
      level: 2,
      name: `新名${run}`,
      flags: ['M'],
      isPublic: false,
    });
    expect(findIn((await clerk.get('/api/categories')).body.items, code)).toMatchObject({
      name: `新名${run}`,
    });
    const { db } = await testDatabase();
    const events = await db
      .selectFrom('admin_events')
      .select(['type', 'actor_id'])
      .where('entity_type', '=', 'category')
      .where('actor_id', '=', d.admin.id)
      .execute();
    expect(events.map((e) => e.type)).toContain('category.updated');
  });

  it('forbids a clerk and a town administrator, and changes nothing', async () => {
    const res = await clerk.put('/api/categories/0101', { name: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await townAdmin.put('/api/categories/0101', { name: 'x' })).status).toBe(403);
    expect(findIn((await clerk.get('/api/categories')).body.items, '0101')?.name).toBe('城乡规划与规划许可');
  });

  it('rejects an invalid body naming each field, and leaf hints on a top level', async () => {
    const res = await admin.put('/api/categories/0101', {
      name: '',
      flags: ['X'],
      defaultNature: 'complaint',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((x: { path: string }) => x.path).sort()).toEqual([
      'body.defaultNature',
      'body.flags.0',
      'body.name',
    ]);
    const top = await admin.put('/api/categories/01', { flags: ['M'] });
    expect(top.status).toBe(400);
    expect(top.body.error.details.map((x: { path: string }) => x.path)).toEqual(['body.flags']);
  });

  it('answers 404 for a code the active set lacks, and 400 for a malformed code', async () => {
    const res = await admin.put('/api/categories/9901', { name: 'x' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    const bad = await admin.put('/api/categories/abc', { name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((x: { path: string }) => x.path)).toEqual(['params.code']);
  });
});

describe('POST /api/categories', () => {
  it('adds a leaf with the next free code of the group, and a new top level', async () => {
    const res = await admin.post('/api/categories', { parentCode: '15', name: `新线索${run}`, flags: ['J'] });
    expect(res.status).toBe(201);
    created.push(res.body.code);
    expect(res.body).toMatchObject({
      parentCode: '15',
      level: 2,
      flags: ['J'],
      defaultNature: 'accusation',
      nationalCategory: '政法',
      isActive: true,
    });
    expect(Number(res.body.code.slice(2))).toBeGreaterThan(10);
    const top = await admin.post('/api/categories', { name: `新大类${run}`, nameEn: 'New group' });
    expect(top.status).toBe(201);
    created.push(top.body.code);
    expect(top.body).toMatchObject({ level: 1, parentCode: null, flags: [], defaultNature: null });
    expect(Number(top.body.code)).toBeGreaterThan(21);
    expect(findIn((await clerk.get('/api/categories')).body.items, top.body.code)).toMatchObject({
      children: [],
    });
  });

  it('refuses a name a sibling has, an invalid body, and an unknown group', async () => {
    const dup = await admin.post('/api/categories', { parentCode: '01', name: '拖欠工程款' });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details.map((x: { path: string }) => x.path)).toEqual(['body.name']);
    const invalid = await admin.post('/api/categories', { parentCode: '0101', name: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((x: { path: string }) => x.path).sort()).toEqual([
      'body.name',
      'body.parentCode',
    ]);
    expect((await admin.post('/api/categories', { parentCode: '98', name: `x${run}` })).status).toBe(404);
  });

  it('forbids a clerk and a town administrator', async () => {
    expect((await clerk.post('/api/categories', { parentCode: '21', name: `x${run}` })).status).toBe(403);
    expect((await townAdmin.post('/api/categories', { parentCode: '21', name: `x${run}` })).status).toBe(403);
    const names = findIn((await clerk.get('/api/categories')).body.items, '21')?.children?.map((c) => c.name);
    expect(names).not.toContain(`x${run}`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { makeDistrict, makeUser, type TestUser } from '../../test/factories.js';
import { testConfig, testDatabase } from '../../test/test-db.js';
import { loadActor } from '../auth/auth.repository.js';
import { findActiveCategory, findCategory } from './taxonomy.repository.js';
import { getCategoryTree } from './use-cases/get-category-tree.js';
import { createCategory, updateCategory } from './use-cases/manage-categories.js';

/**
 * The taxonomy use cases and the intake lookup against the migrated database. The category list
 * is shared by every test file of the worker (and on PostgreSQL by all workers), so these tests
 * change only categories they create themselves, with names unique to this run, and delete them
 * afterwards.
 */
const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
const created: string[] = [];

let d: Awaited<ReturnType<typeof makeDistrict>>;
let admin: Ctx;
let clerk: Ctx;
let townAdmin: Ctx;
let nobody: Ctx;

async function ctxFor(user: TestUser): Promise<Ctx> {
  const { db } = await testDatabase();
  const actor = await loadActor(db, user.id, 'session');
  if (!actor) throw new Error('no actor');
  return { db, config: testConfig(), actor, requestId: `test-${run}` };
}

async function expectAppError(p: Promise<unknown>, code: string, path?: string): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (path) expect((err as AppError).details).toEqual([expect.objectContaining({ path })]);
}

async function add(input: Parameters<typeof createCategory>[1]): Promise<string> {
  const code = await createCategory(admin, input);
  created.push(code);
  return code;
}

beforeAll(async () => {
  d = await makeDistrict();
  admin = await ctxFor(d.admin);
  clerk = await ctxFor(d.clerkA);
  townAdmin = await ctxFor(await makeUser(d.townA, [{ role: 'system_admin' }]));
  nobody = await ctxFor(await makeUser(d.townA, []));
});

afterAll(async () => {
  const { db } = await testDatabase();
  const t = db.withTables<{ categories: { set_id: string; code: string; level: number } }>();
  // Leaves before their top levels (foreign key).
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

describe('getCategoryTree', () => {
  it('gives any staff role the active set as 21 groups with their leaves, and says who may manage', async () => {
    const tree = await getCategoryTree(clerk, { includeInactive: false });
    expect(tree).toMatchObject({ setId: 'default-2026', version: 1, abilities: { manage: false } });
    const seeded = tree.items.filter((g) => Number(g.code) <= 21);
    expect(seeded).toHaveLength(21);
    expect(seeded.find((g) => g.code === '04')?.children.slice(0, 1)).toEqual([
      {
        code: '0401',
        name: '土地承包经营权与流转',
        nameEn: 'Land contracting rights and transfers',
        nationalCategory: '农村农业',
        flags: ['M', 'L'],
        defaultNature: 'claim',
        isPublic: true,
        isActive: true,
      },
    ]);
    expect(seeded.find((g) => g.code === '20')?.children.filter((l) => Number(l.code) <= 2013)).toHaveLength(
      13,
    );
    expect((await getCategoryTree(admin, { includeInactive: false })).abilities.manage).toBe(true);
    expect((await getCategoryTree(townAdmin, { includeInactive: false })).abilities.manage).toBe(false);
  });

  it('refuses a user without any role', async () => {
    await expectAppError(getCategoryTree(nobody, { includeInactive: false }), 'FORBIDDEN');
  });
});

describe('findActiveCategory (intake)', () => {
  it('returns an active leaf of the active set with its flags and suggested nature', async () => {
    const { db } = await testDatabase();
    expect(await findActiveCategory(db, '1601')).toEqual({
      setId: 'default-2026',
      code: '1601',
      name: '党员干部违纪（含违反中央八项规定精神）',
      nameEn: 'Party discipline violations (incl. the eight-point rules)',
      parentCode: '16',
      parentName: '纪检监察',
      nationalCategory: '纪检监察',
      flags: ['J'],
      defaultNature: 'accusation',
      isPublic: true,
    });
    expect((await findActiveCategory(db, '1805'))?.defaultNature).toBe('suggestion');
  });

  it('refuses a top-level code, an unknown code, an inactive leaf and a leaf of an inactive group', async () => {
    const { db } = await testDatabase();
    expect(await findActiveCategory(db, '04')).toBeUndefined();
    expect(await findActiveCategory(db, '0499')).toBeUndefined();
    expect(await findActiveCategory(db, 'x')).toBeUndefined();
    const leaf = await add({ parentCode: '21', name: `停用事项${run}` });
    expect(await findActiveCategory(db, leaf)).toBeDefined();
    await updateCategory(admin, leaf, { isActive: false });
    expect(await findActiveCategory(db, leaf)).toBeUndefined();
    const group = await add({ name: `停用大类${run}` });
    const child = await add({ parentCode: group, name: '子项' });
    expect(await findActiveCategory(db, child)).toBeDefined();
    await updateCategory(admin, group, { isActive: false });
    expect(await findActiveCategory(db, child)).toBeUndefined();
    // Also works inside a transaction, as intake will call it.
    await db.transaction().execute(async (trx) => {
      expect((await findActiveCategory(trx, '0401'))?.code).toBe('0401');
    });
  });
});

describe('createCategory', () => {
  it('adds a leaf with the next code of its group, defaults from its parent and flags, and an admin event', async () => {
    const code = await add({ parentCode: '21', name: `新增事项${run}`, flags: ['J'] });
    expect(code).toMatch(/^21\d\d$/);
    expect(Number(code.slice(2))).toBeGreaterThan(6);
    const { db } = await testDatabase();
    const row = await findCategory(db, 'default-2026', code);
    expect(row).toMatchObject({
      parent_code: '21',
      level: 2,
      national_category: '其他',
      flags: ['J'],
      default_nature: 'accusation',
      is_public: true,
      is_active: true,
    });
    const events = await db
      .selectFrom('admin_events')
      .selectAll()
      .where('entity_id', '=', row?.id ?? '')
      .execute();
    expect(events.map((e) => [e.type, e.entity_type, e.actor_id])).toEqual([
      ['category.created', 'category', d.admin.id],
    ]);
    expect(events[0]?.payload).toMatchObject({ setId: 'default-2026', code, parentCode: '21' });
  });

  it('adds a top level after the highest one, and gives concurrent additions distinct codes', async () => {
    const top = await add({ name: `新大类${run}`, nameEn: 'New group' });
    expect(Number(top)).toBeGreaterThan(21);
    const codes = await Promise.all([
      add({ parentCode: top, name: '甲' }),
      add({ parentCode: top, name: '乙' }),
      add({ parentCode: top, name: '丙' }),
    ]);
    expect([...codes].sort()).toEqual([`${top}01`, `${top}02`, `${top}03`]);
  });

  it('refuses hints on a top level, a sibling name twice, and an unknown parent', async () => {
    await expectAppError(
      createCategory(admin, { name: `带标记大类${run}`, flags: ['M'] }),
      'VALIDATION_FAILED',
      'body.flags',
    );
    await expectAppError(
      createCategory(admin, { parentCode: '01', name: '拖欠工程款' }),
      'VALIDATION_FAILED',
      'body.name',
    );
    await expectAppError(createCategory(admin, { parentCode: '98', name: `无上级${run}` }), 'NOT_FOUND');
  });

  it('is for administrators of a whole tree only', async () => {
    await expectAppError(createCategory(clerk, { parentCode: '21', name: `x${run}` }), 'FORBIDDEN');
    await expectAppError(createCategory(townAdmin, { parentCode: '21', name: `x${run}` }), 'FORBIDDEN');
  });
});

describe('updateCategory', () => {
  it('renames a leaf, changes its hints, and records only what changed', async () => {
    const code = await add({ parentCode: '20', name: `改名前${run}` });
    await updateCategory(admin, code, {
      name: `改名后${run}`,
      nameEn: 'Renamed',
      flags: ['J', 'M', 'J'],
      defaultNature: 'accusation',
      isPublic: false,
      isActive: true,
    });
    const { db } = await testDatabase();
    const row = await findCategory(db, 'default-2026', code);
    expect(row).toMatchObject({
      name: `改名后${run}`,
      name_en: 'Renamed',
      flags: ['M', 'J'],
      default_nature: 'accusation',
      is_public: false,
    });
    const events = await db
      .selectFrom('admin_events')
      .select(['type', 'payload'])
      .where('entity_id', '=', row?.id ?? '')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['category.created', 'category.updated']);
    expect(events[1]?.payload).toEqual({
      setId: 'default-2026',
      code,
      before: { name: `改名前${run}`, name_en: null, flags: [], default_nature: 'claim', is_public: true },
      changes: {
        name: `改名后${run}`,
        name_en: 'Renamed',
        flags: ['M', 'J'],
        default_nature: 'accusation',
        is_public: false,
      },
    });
    // Nothing new: no write, no event.
    await updateCategory(admin, code, { name: `改名后${run}`, isActive: true });
    expect(
      await db
        .selectFrom('admin_events')
        .select('id')
        .where('entity_id', '=', row?.id ?? '')
        .execute(),
    ).toHaveLength(2);
  });

  it('answers NOT_FOUND for a code the active set lacks and refuses leaf hints on a top level', async () => {
    await expectAppError(updateCategory(admin, '9901', { name: 'x' }), 'NOT_FOUND');
    await expectAppError(
      updateCategory(admin, '01', { defaultNature: 'claim' }),
      'VALIDATION_FAILED',
      'body.defaultNature',
    );
    await expectAppError(
      updateCategory(admin, '0101', { name: '违法建设（违章搭建）' }),
      'VALIDATION_FAILED',
      'body.name',
    );
  });

  it('forbids a clerk and a town administrator, changing nothing', async () => {
    await expectAppError(updateCategory(clerk, '0101', { name: 'x' }), 'FORBIDDEN');
    await expectAppError(updateCategory(townAdmin, '0101', { name: 'x' }), 'FORBIDDEN');
    const { db } = await testDatabase();
    expect((await findCategory(db, 'default-2026', '0101'))?.name).toBe('城乡规划与规划许可');
  });
});

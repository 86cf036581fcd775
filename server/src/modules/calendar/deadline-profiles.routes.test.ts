import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmd, expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import type { Client } from '../../test/test-app.js';
import { testDatabase } from '../../test/test-db.js';
import { today } from '../cases/case-clock.js';
import { addDays } from './iso-date.js';

/**
 * /api/deadline-profiles. Profile versions are installation-wide, so this file publishes versions of
 * the 昌邑 profile only (no other test uses it), and afterAll removes them. Anonymous calls and
 * missing CSRF tokens are covered for every route by http/routes.security.test.ts.
 */
interface Version {
  version: number;
  isInForce: boolean;
  isBuiltin: boolean;
  note: string | null;
  rules: { code: string; period: number; extensionCapDays: number }[];
}
interface Profile {
  code: string;
  versions: Version[];
}

let d: Awaited<ReturnType<typeof makeDistrict>>;
let admin: Client;
let clerk: Client;
let townAdmin: Client;

const changyi = async (c: Client): Promise<Profile> => {
  const res = await c.get('/api/deadline-profiles');
  expect(res.status).toBe(200);
  return (res.body.profiles as Profile[]).find((p) => p.code === 'changyi')!;
};
const handle = (v: Version) => v.rules.find((r) => r.code === 'D_HANDLE')!;

/** A version body with only D_HANDLE changed, as the page sends it. */
const body = (over: Record<string, unknown> = {}, handleOver: Record<string, unknown> = {}) => ({
  validFrom: today(),
  note: '测试：缩短答复期限',
  warnRatio: 0.25,
  warnDays: 2,
  rules: [
    {
      code: 'D_HANDLE',
      period: 10,
      unit: 'calendar_days',
      rollForward: true,
      pausable: false,
      extensionCapDays: 30,
      ...handleOver,
    },
  ],
  ...over,
});

async function storedChangyiVersions(): Promise<number[]> {
  const { db } = await testDatabase();
  const rows = await db
    .selectFrom('deadline_profiles')
    .select('version')
    .where('code', '=', 'changyi')
    .execute();
  return rows.map((r) => r.version);
}

beforeAll(async () => {
  d = await makeDistrict();
  admin = await signInAs(d.admin);
  clerk = await signInAs(d.clerkA);
  townAdmin = await signInAs(await makeUser(d.townA, [{ role: 'system_admin' }]));
});

afterAll(async () => {
  const { db } = await testDatabase();
  await db.deleteFrom('deadline_profiles').where('code', '=', 'changyi').execute();
});

describe('GET /api/deadline-profiles', () => {
  it('shows a clerk the presets with their rules and the version in force, without write abilities', async () => {
    const res = await clerk.get('/api/deadline-profiles');
    expect(res.status).toBe(200);
    const codes = (res.body.profiles as Profile[]).map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['national-2022', 'changyi', 'dalian-zhongshan']));
    const national = (res.body.profiles as Profile[]).find((p) => p.code === 'national-2022')!;
    expect(national.versions[0]).toMatchObject({ version: 1, isBuiltin: true, isInForce: true });
    expect(handle(national.versions[0]!)).toMatchObject({ period: 60, extensionCapDays: 30 });
    expect(res.body.abilities).toEqual({ publish: false, assign: false });
    expect((await admin.get('/api/deadline-profiles')).body.abilities).toEqual({
      publish: true,
      assign: true,
    });
  });
});

describe('POST /api/deadline-profiles/:code/versions', () => {
  it('refuses a clerk and a town administrator, and answers 404 for an unknown profile', async () => {
    expect((await clerk.post('/api/deadline-profiles/changyi/versions', body())).status).toBe(403);
    // A town's administrator must not change the deadlines of the whole installation.
    expect((await townAdmin.post('/api/deadline-profiles/changyi/versions', body())).status).toBe(403);
    expect((await admin.post('/api/deadline-profiles/nowhere/versions', body())).status).toBe(404);
    expect(await storedChangyiVersions()).toEqual([]);
  });

  it('names every field that breaks a statutory limit or the date rule, and writes nothing', async () => {
    const res = await admin.post('/api/deadline-profiles/changyi/versions', {
      ...body({ validFrom: addDays(today(), -1) }, { period: 90, extensionCapDays: 45 }),
      rules: [
        body().rules[0]!,
        {
          code: 'D_OBJECTION',
          period: 5,
          unit: 'calendar_days',
          rollForward: true,
          pausable: false,
          extensionCapDays: 0,
        },
        {
          code: 'D_REVIEW_WINDOW',
          period: 20,
          unit: 'calendar_days',
          rollForward: true,
          pausable: false,
          extensionCapDays: 0,
        },
        {
          code: 'D_FOLLOW_UP',
          period: 10,
          unit: 'working_days',
          rollForward: true,
          pausable: true,
          extensionCapDays: 0,
        },
        {
          code: 'D_NO_SUCH_RULE',
          period: 5,
          unit: 'calendar_days',
          rollForward: true,
          pausable: false,
          extensionCapDays: 0,
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const details = res.body.error.details as { path: string; message: string }[];
    expect(details.map((x) => x.path)).toEqual([
      'body.validFrom',
      'body.rules.1.unit',
      'body.rules.2.period',
      'body.rules.3.pausable',
      'body.rules.4.code',
    ]);
    expect(details[0]!.message).toBe('生效日期不得早于今天');
    expect(details[2]!.message).toContain('申请人的法定申请期限为30日');

    const tooLong = await admin.post(
      '/api/deadline-profiles/changyi/versions',
      body({}, { period: 90, extensionCapDays: 45 }),
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details).toEqual([
      { path: 'body.rules.0.period', message: expect.stringContaining('不得长于法定期限60日') },
      { path: 'body.rules.0.extensionCapDays', message: expect.stringContaining('延期不得超过法定的30日') },
    ]);
    // The schema itself: a note is required and a ratio is a share, not a percentage.
    const schema = await admin.post(
      '/api/deadline-profiles/changyi/versions',
      body({ note: '', warnRatio: 20 }),
    );
    expect(schema.status).toBe(400);
    expect((schema.body.error.details as { path: string }[]).map((x) => x.path).sort()).toEqual([
      'body.note',
      'body.warnRatio',
    ]);
    expect(await storedChangyiVersions()).toEqual([]);
  });

  it('publishes version 2 with its admin event; new clocks of a 昌邑 unit use it, version 1 stays as it was', async () => {
    const before = await changyi(admin);
    expect(before.versions.map((v) => v.version)).toEqual([1]);

    const res = await admin.post('/api/deadline-profiles/changyi/versions', body());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ code: 'changyi', version: 2, validFrom: today() });

    const after = await changyi(clerk);
    expect(after.versions.map((v) => [v.version, v.isInForce, v.isBuiltin])).toEqual([
      [1, false, true],
      [2, true, false],
    ]);
    expect(handle(after.versions[0]!).period).toBe(15);
    expect(handle(after.versions[1]!).period).toBe(10);
    expect(after.versions[1]!.note).toBe('测试：缩短答复期限');

    const { db } = await testDatabase();
    const event = await db
      .selectFrom('admin_events')
      .select(['type', 'entity_type', 'payload', 'actor_id'])
      .where('type', '=', 'deadline_profile.version_published')
      .where('actor_id', '=', d.admin.id)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      entity_type: 'deadline_profile',
      payload: { code: 'changyi', version: 2 },
    });
    // Stored versions are never edited in place.
    await expect(
      db.updateTable('deadline_profiles').set({ name: 'x' }).where('code', '=', 'changyi').execute(),
    ).rejects.toThrow(/append-only/);

    // The town uses 昌邑 from now on: a case accepted there gets the 10-day handling period at once.
    expect(
      (await admin.put(`/api/deadline-profiles/units/${d.townA.id}`, { profileCode: 'changyi' })).status,
    ).toBe(200);
    const created = await expectOk(await clerk.post('/api/cases', intake()), 201);
    const id = created.id as string;
    await expectOk(await cmd(clerk, id, 'accept', { note: '受理' }));
    const rows = await db
      .selectFrom('case_deadlines')
      .select(['profile_code', 'profile_version', 'period'])
      .where('case_id', '=', id)
      .where('code', '=', 'D_HANDLE')
      .execute();
    expect(rows).toEqual([{ profile_code: 'changyi', profile_version: 2, period: 10 }]);
  });
});

describe('PUT /api/deadline-profiles/units/:unitId', () => {
  it('sets and clears a unit profile with admin events; 404 outside the jurisdiction, 403 for a clerk', async () => {
    const other = await makeDistrict();
    expect(
      (await admin.put(`/api/deadline-profiles/units/${other.townB.id}`, { profileCode: 'changyi' })).status,
    ).toBe(404);
    expect(
      (await clerk.put(`/api/deadline-profiles/units/${d.townA.id}`, { profileCode: 'changyi' })).status,
    ).toBe(403);
    const unknown = await admin.put(`/api/deadline-profiles/units/${d.townB.id}`, { profileCode: 'nowhere' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'body.profileCode', message: '没有这个期限配置' }]);

    expect(
      (await admin.put(`/api/deadline-profiles/units/${d.townB.id}`, { profileCode: 'dalian-zhongshan' }))
        .status,
    ).toBe(200);
    const listed = (await clerk.get('/api/deadline-profiles')).body.assignments as { unitId: string }[];
    // The clerk of 甲镇 sees only units inside 甲镇; the administrator sees 乙镇 too.
    expect(listed.map((a) => a.unitId)).not.toContain(d.townB.id);
    const all = (await admin.get('/api/deadline-profiles')).body.assignments as {
      unitId: string;
      profileCode: string;
    }[];
    expect(all).toContainEqual(
      expect.objectContaining({ unitId: d.townB.id, profileCode: 'dalian-zhongshan' }),
    );

    expect(
      (await admin.put(`/api/deadline-profiles/units/${d.townB.id}`, { profileCode: null })).status,
    ).toBe(200);
    const { db } = await testDatabase();
    const events = await db
      .selectFrom('admin_events')
      .select(['payload'])
      .where('type', '=', 'deadline_profile.assigned')
      .where('entity_id', '=', d.townB.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.payload)).toEqual([
      { before: null, after: 'dalian-zhongshan' },
      { before: 'dalian-zhongshan', after: null },
    ]);
  });
});

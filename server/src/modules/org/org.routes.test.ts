import { beforeAll, describe, expect, it } from 'vitest';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../test/factories.js';
import type { Client } from '../../test/test-app.js';
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

describe('GET /api/org-units', () => {
  it('lists the whole district for its admin, and only the own town for a town clerk', async () => {
    const all = await admin.get('/api/org-units');
    expect(all.status).toBe(200);
    expect(all.body.items.map((u: { name: string }) => u.name).sort()).toEqual(
      [d.district.name, '甲镇', '乙镇', '甲一村', '第一网格', '住建委'].sort(),
    );
    const town = await clerkA.get('/api/org-units');
    expect(town.body.items.map((u: { id: string }) => u.id).sort()).toEqual(
      [d.townA.id, d.communityA1.id, d.gridA1.id].sort(),
    );
    expect(town.body.total).toBe(3);
  });

  it('filters by parent and kind, searches by name, and pages', async () => {
    const children = await admin.get(`/api/org-units?parentId=${d.district.id}&kind=town`);
    expect(children.body.items.map((u: { name: string }) => u.name).sort()).toEqual(['乙镇', '甲镇']);
    const search = await admin.get('/api/org-units?q=网格');
    expect(search.body.items).toHaveLength(1);
    const page2 = await admin.get('/api/org-units?pageSize=2&page=2');
    expect(page2.body.items).toHaveLength(2);
    expect(page2.body.total).toBe(6);
  });

  it('rejects a bad query with the field named', async () => {
    const res = await admin.get('/api/org-units?parentId=not-a-uuid&pageSize=0');
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((x: { path: string }) => x.path).sort()).toEqual([
      'querystring.pageSize',
      'querystring.parentId',
    ]);
  });
});

describe('GET /api/org-units/:id', () => {
  it('shows a unit with its ancestors and what the viewer may do', async () => {
    const res = await admin.get(`/api/org-units/${d.gridA1.id}`);
    expect(res.status).toBe(200);
    expect(res.body.ancestors.map((a: { name: string }) => a.name)).toEqual([
      d.district.name,
      '甲镇',
      '甲一村',
    ]);
    expect(res.body.abilities).toEqual({ update: true, createChild: true, manageWorkstation: false });
    const asClerk = await clerkA.get(`/api/org-units/${d.communityA1.id}`);
    expect(asClerk.body.abilities).toEqual({ update: false, createChild: false, manageWorkstation: false });
  });

  it('answers 404 for a unit outside the jurisdiction (another town, another district)', async () => {
    expect((await clerkA.get(`/api/org-units/${d.townB.id}`)).status).toBe(404);
    expect((await clerkA.get(`/api/org-units/${d.district.id}`)).status).toBe(404);
    const res = await otherAdmin.get(`/api/org-units/${d.townA.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('POST /api/org-units', () => {
  it('creates a community under a town and records who did it', async () => {
    const res = await admin.post('/api/org-units', {
      parentId: d.townA.id,
      kind: 'community',
      name: '新建社区',
      divisionCode: `9${String(Date.now()).slice(-11)}`,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '新建社区', kind: 'community', parentId: d.townA.id, depth: 2 });
    const { db } = await testDatabase();
    const ev = await db.selectFrom('admin_events').selectAll().where('entity_id', '=', res.body.id).execute();
    expect(ev.map((e) => [e.type, e.actor_id])).toEqual([['org_unit.created', d.admin.id]]);
    // The new unit is inside the town clerk's subtree at once.
    expect((await clerkA.get(`/api/org-units/${res.body.id}`)).status).toBe(200);
  });

  it('refuses a kind that cannot sit under the parent, and a taken division code, writing nothing', async () => {
    const bad = await admin.post('/api/org-units', {
      parentId: d.district.id,
      kind: 'grid',
      name: '错层网格',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_PARENT_UNIT');
    const code = `8${String(Date.now()).slice(-11)}`;
    expect(
      (
        await admin.post('/api/org-units', {
          parentId: d.townB.id,
          kind: 'community',
          name: '甲',
          divisionCode: code,
        })
      ).status,
    ).toBe(201);
    const dup = await admin.post('/api/org-units', {
      parentId: d.townB.id,
      kind: 'community',
      name: '乙',
      divisionCode: code,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('UNIT_CODE_TAKEN');
    const names = (await admin.get(`/api/org-units?parentId=${d.townB.id}`)).body.items.map(
      (u: { name: string }) => u.name,
    );
    expect(names).not.toContain('乙');
  });

  it('validates every field and names each one', async () => {
    const res = await admin.post('/api/org-units', {
      parentId: d.townA.id,
      kind: 'planet',
      name: '',
      divisionCode: '12',
    });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(
      res.body.error.details.map((x: { path: string; message: string }) => [x.path, x.message]),
    );
    expect(Object.keys(byPath).sort()).toEqual(['body.divisionCode', 'body.kind', 'body.name']);
    expect(byPath['body.divisionCode']).toBe('行政区划代码应为12位数字');
  });

  it('forbids a clerk (readable parent) and hides an out-of-scope parent as 404', async () => {
    const forbidden = await clerkA.post('/api/org-units', {
      parentId: d.townA.id,
      kind: 'community',
      name: 'x',
    });
    expect(forbidden.status).toBe(403);
    const hidden = await otherAdmin.post('/api/org-units', {
      parentId: d.townA.id,
      kind: 'community',
      name: 'x',
    });
    expect(hidden.status).toBe(404);
  });
});

describe('PATCH /api/org-units/:id', () => {
  it('renames a unit, and will not deactivate one with active sub-units', async () => {
    const town = await makeUnit(d.district, 'town', '丙镇');
    await makeUnit(town, 'community', '丙一村');
    const renamed = await admin.patch(`/api/org-units/${town.id}`, { name: '丙镇（新）', sortOrder: 3 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '丙镇（新）', sortOrder: 3 });
    const refused = await admin.patch(`/api/org-units/${town.id}`, { isActive: false });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('UNIT_HAS_CHILDREN');
  });

  it('is 404 out of scope and 403 for a reader', async () => {
    expect((await otherAdmin.patch(`/api/org-units/${d.townA.id}`, { name: 'x' })).status).toBe(404);
    expect((await clerkA.patch(`/api/org-units/${d.townA.id}`, { name: 'x' })).status).toBe(403);
    expect((await admin.get(`/api/org-units/${d.townA.id}`)).body.name).toBe('甲镇');
  });
});

describe('workstations and duty rosters', () => {
  it('sets up a 我来办工作室 on a community with a weekly roster', async () => {
    const res = await admin.put(`/api/org-units/${d.communityA1.id}/workstation`, {
      name: '甲一村我来办工作室',
      publicPhone: '010-69901234',
      address: '甲镇甲一村村委会',
      openingHours: '周一至周五 8:30-17:30',
    });
    expect(res.status).toBe(200);
    expect(res.body.isWorkstation).toBe(true);
    expect(res.body.workstation).toMatchObject({ publicPhone: '010-69901234', isPublished: true });
    const roster = await admin.put(`/api/org-units/${d.communityA1.id}/duty-roster`, {
      entries: [
        {
          weekday: 3,
          startTime: '09:00',
          endTime: '11:30',
          staffName: '村党支部书记',
          staffTitle: '书记接待日',
        },
        { weekday: 1, startTime: '08:30', endTime: '17:30', staffName: '值班干部', userId: d.clerkA.id },
      ],
    });
    expect(roster.status).toBe(200);
    expect(
      roster.body.entries.map((e: { weekday: number; startTime: string }) => [e.weekday, e.startTime]),
    ).toEqual([
      [1, '08:30'],
      [3, '09:00'],
    ]);
    const detail = await clerkA.get(`/api/org-units/${d.communityA1.id}`);
    expect(detail.body.dutyRoster).toHaveLength(2);
  });

  it('refuses a workstation on a town and a roster with end before start', async () => {
    const town = await admin.put(`/api/org-units/${d.townA.id}/workstation`, {
      name: 'x',
      publicPhone: '13800138000',
      address: 'x',
      openingHours: 'x',
    });
    expect(town.body.error.code).toBe('WORKSTATION_NOT_ALLOWED');
    const bad = await admin.put(`/api/org-units/${d.communityA1.id}/duty-roster`, {
      entries: [{ weekday: 8, startTime: '12:00', endTime: '09:00', staffName: '' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((x: { path: string }) => x.path).sort()).toEqual([
      'body.entries.0.endTime',
      'body.entries.0.staffName',
      'body.entries.0.weekday',
    ]);
  });

  it('will not put staff from another district on the roster', async () => {
    const stranger = await makeUser((await makeDistrict()).townA, []);
    const res = await admin.put(`/api/org-units/${d.communityA1.id}/duty-roster`, {
      entries: [{ weekday: 2, startTime: '09:00', endTime: '10:00', staffName: 'x', userId: stranger.id }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.entries.0.userId');
  });

  it('removes a workstation; outsiders get 404', async () => {
    const c = await makeUnit(d.townB, 'community', '乙一村');
    await admin.put(`/api/org-units/${c.id}/workstation`, {
      name: 'w',
      publicPhone: '13800138000',
      address: 'a',
      openingHours: 'h',
    });
    expect((await otherAdmin.delete(`/api/org-units/${c.id}/workstation`)).status).toBe(404);
    expect((await admin.delete(`/api/org-units/${c.id}/workstation`)).status).toBe(200);
    expect((await admin.get(`/api/org-units/${c.id}`)).body.workstation).toBeNull();
    expect((await admin.delete(`/api/org-units/${c.id}/workstation`)).status).toBe(404);
  });
});

describe('GET /api/org-units/directory', () => {
  it('lets a village or town user choose any unit of the district to send a case to, and nothing of another district', async () => {
    const res = await clerkA.get('/api/org-units/directory?kind=department');
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { id: string }) => u.id)).toContain(d.department.id);
    const all = await clerkA.get('/api/org-units/directory');
    expect(all.body.items.map((u: { id: string }) => u.id)).toContain(d.townB.id);
    expect(Object.keys(all.body.items[0]).sort()).toEqual(['depth', 'id', 'kind', 'name', 'parentId']);
    const other = await otherAdmin.get('/api/org-units/directory');
    expect(other.body.items.map((u: { id: string }) => u.id)).not.toContain(d.townA.id);
  });
});

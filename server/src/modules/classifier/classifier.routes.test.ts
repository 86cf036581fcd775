import { afterAll, describe, expect, it } from 'vitest';
import { cmd, expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../test/factories.js';
import { testDb } from '../../test/story-helpers.js';
import { upsertRoute } from './classifier.repository.js';
import { trainModel } from './use-cases/train-model.js';

const parking = {
  title: '小区停车位被外来车辆长期占用',
  facts: '我们小区的地面停车位经常被外来车辆占用，业主回家没有地方停车，物业不管。',
  demands: '请求规范小区停车管理',
};

describe('POST /api/classifier/suggest', () => {
  it('suggests category, leaf and the unit of the routing table, with confidence and model version', async () => {
    const d = await makeDistrict();
    const db = await testDb();
    const housing = await makeUnit(d.district, 'department', '住建委');
    const city = await makeUnit(d.district, 'department', '城管委');
    await upsertRoute(db, d.district.id, '01', city.id);
    await upsertRoute(db, d.district.id, '02', housing.id);
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));

    const s = await expectOk(await ws.post('/api/classifier/suggest', parking));
    expect(s.modelVersion).toBe('shipped-1');
    expect(s.category).toEqual({ code: '02', name: '住房与物业' });
    expect((s.alternatives as { code: string }[])[0]?.code).toBe('01');
    expect(s.confidence).toBeGreaterThan(0.5);
    // 城乡建设 in the national list covers our 02 住房与物业: the text names 小区停车与车位.
    expect(s.leaf).toEqual({ code: '0209', name: '小区停车与车位' });
    // The leaf's own top level (02) is routed to 住建委, ahead of the model's class 01.
    expect(s.unit).toEqual({ id: housing.id, name: '住建委' });
    expect((s.alternatives as unknown[]).length).toBe(3);

    // A town may keep its own table: the nearest scope wins.
    await upsertRoute(db, d.townA.id, '02', city.id);
    expect((await ws.post('/api/classifier/suggest', parking)).body.unit.id).toBe(city.id);
    // Another district's table is never used.
    const other = await makeDistrict();
    const wsOther = await signInAs(await makeUser(other.communityA1, [{ role: 'workstation_staff' }]));
    expect((await wsOther.post('/api/classifier/suggest', parking)).body.unit).toBeNull();
  });

  it('refuses users who do not register cases, and empty text', async () => {
    const d = await makeDistrict();
    const admin = await signInAs(d.admin);
    expect((await admin.post('/api/classifier/suggest', parking)).status).toBe(403);
    const grid = await signInAs(d.gridWorker);
    expect((await grid.post('/api/classifier/suggest', parking)).status).toBe(200);
    expect((await grid.post('/api/classifier/suggest', { title: '', facts: '' })).status).toBe(400);
  });
});

describe('POST /api/cases/:id/category-suggestion', () => {
  it('records accepted and corrected suggestions once, within the jurisdiction only', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const kept = await expectOk(
      await ws.post('/api/cases', intake({ ...parking, categoryCode: '0209' })),
      201,
    );
    const corrected = await expectOk(
      await ws.post('/api/cases', intake({ ...parking, categoryCode: '2004' })),
      201,
    );

    const a = await expectOk(await ws.post(`/api/cases/${kept.id}/category-suggestion`));
    expect(a).toMatchObject({
      outcome: 'accepted',
      suggestedCode: '02',
      suggestedLeafCode: '0209',
      chosenCode: '0209',
    });
    const b = await expectOk(await ws.post(`/api/cases/${corrected.id}/category-suggestion`));
    expect(b).toMatchObject({ outcome: 'corrected', chosenCode: '2004', modelVersion: 'shipped-1' });
    // Another leaf under the suggested top level counts as accepted.
    const under02 = await expectOk(
      await ws.post('/api/cases', intake({ ...parking, categoryCode: '0201' })),
      201,
    );
    expect((await ws.post(`/api/cases/${under02.id}/category-suggestion`)).body.outcome).toBe('accepted');
    // Recorded once: a retry returns the first record.
    expect((await ws.post(`/api/cases/${kept.id}/category-suggestion`)).body).toEqual(a);

    // Town B's clerk cannot see town A's case: 404, nothing recorded.
    const clerkB = await signInAs(d.clerkB);
    expect((await clerkB.post(`/api/cases/${kept.id}/category-suggestion`)).status).toBe(404);
  });

  it('never reveals an accusation referred to discipline inspection to the receiving village', async () => {
    const d = await makeDistrict();
    const discipline = await makeUnit(d.district, 'discipline', '纪委监委');
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const c = await expectOk(await ws.post('/api/cases', intake({ nature: 'accusation' })), 201);
    await expectOk(
      await cmd(ws, c.id as string, 'refer-discipline', {
        toUnitId: discipline.id,
        reason: '反映公职人员问题',
      }),
    );
    const res = await ws.post(`/api/cases/${c.id}/category-suggestion`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('戏台');
  });
});

describe('laiban model train', () => {
  afterAll(async () => {
    // Other test files in this worker expect the shipped model.
    await (await testDb()).updateTable('classifier_models').set({ is_active: false }).execute();
  });

  it('retrains from the platform cases and corrections, stores a new version and names it on suggestions', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const neighbours = [
      '邻居家狗半夜狂叫扰民',
      '邻居装修占用公共楼道',
      '邻居家漏水到我家不肯维修',
      '邻居在楼道堆放杂物',
    ];
    for (let i = 0; i < 24; i++) {
      const title = neighbours[i % neighbours.length] ?? '';
      const c = await expectOk(
        await ws.post(
          '/api/cases',
          intake({ title, facts: `${title}，多次协商无果。`, categoryCode: '2004' }),
        ),
        201,
      );
      await expectOk(await ws.post(`/api/cases/${c.id}/category-suggestion`));
    }
    const db = await testDb();
    const r = await trainModel(db, { force: true });
    expect(r.activated).toBe(true);
    expect(r.corrections).toBeGreaterThanOrEqual(24);
    expect(r.warmStartFrom).toBe('shipped-1');

    const s = await expectOk(
      await ws.post('/api/classifier/suggest', {
        title: '邻居家狗叫',
        facts: '邻居家的狗每天夜里叫',
        demands: '',
      }),
    );
    expect(s.modelVersion).toBe(r.version);
    expect(s.category).toEqual({ code: '20', name: '民间纠纷' });
    const leader = await signInAs(await makeUser(d.district, [{ role: 'leader' }]));
    const models = await expectOk(await leader.get('/api/classifier/models'));
    expect(models.active).toBe(r.version);
  });
});

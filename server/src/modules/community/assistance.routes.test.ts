import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../test/factories.js';
import { addDays } from '../calendar/iso-date.js';
import { today } from '../cases/case-clock.js';

describe('帮扶救助 (S10)', () => {
  it('an assistance record linked to the case, visible only to the workstation, the offices above and the department responsible', async () => {
    const d = await makeDistrict();
    const mzj = await makeUnit(d.district, 'department', '民政局');
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const worker = await signInAs(d.gridWorker);

    // The grid worker finds the family; the case is reported from the grid.
    const found = await expectOk(
      await worker.post('/api/cases', {
        ...intake({ channel: 'grid', petitioners: [], categoryCode: '0905' }),
        title: '自闭症儿童家庭无力照护',
        unitId: d.gridA1.id,
      }),
      201,
    );
    expect((await worker.post('/api/community/assistance', {})).status).toBe(400);
    // The grid worker reports, but keeps no assistance records, not even for the own grid.
    const refused = await worker.post('/api/community/assistance', {
      unitId: d.gridA1.id,
      household: '3组李家',
      situation: 'x',
      hardships: ['care'],
      reviewOn: addDays(today(), 30),
    });
    expect(refused.status).toBe(403);

    const created = await expectOk(
      await ws.post('/api/community/assistance', {
        unitId: d.communityA1.id,
        household: '3组李家',
        situation: '父母务工，自闭症女儿无人照护',
        hardships: ['care', 'basic_living'],
        measures: '镇协调民政局，安置区儿童福利院',
        responsibleUnitId: mzj.id,
        reviewOn: today(),
        caseIds: [found.id],
      }),
      201,
    );
    const id = created.id as string;
    const view = (await ws.get(`/api/community/assistance/${id}`)).body;
    expect(view).toMatchObject({
      household: '3组李家',
      responsibleUnit: { id: mzj.id, name: '民政局' },
      isReviewDue: true,
      canManage: true,
      hiddenCases: 0,
    });
    expect(view.cases.map((c: { id: string }) => c.id)).toEqual([found.id]);
    expect(
      (await ws.get('/api/community/assistance?due=true')).body.items.map((r: { id: string }) => r.id),
    ).toContain(id);

    // The town's office reads it; 民政局 (responsible) reads it but may not change it, and does not
    // see the village's case (counted, not named).
    const clerkA = await signInAs(d.clerkA);
    expect((await clerkA.get(`/api/community/assistance/${id}`)).status).toBe(200);
    const civil = await signInAs(await makeUser(mzj, [{ role: 'department_handler' }]));
    const seenByCivil = (await civil.get(`/api/community/assistance/${id}`)).body;
    expect(seenByCivil).toMatchObject({ canManage: false, cases: [], hiddenCases: 1 });
    expect((await civil.patch(`/api/community/assistance/${id}`, { status: 'closed' })).status).toBe(403);

    // Nobody else sees it at all: the grid worker who found the family, another town, another department.
    const zjw = await signInAs(await makeUser(d.department, [{ role: 'department_handler' }]));
    const clerkB = await signInAs(d.clerkB);
    for (const other of [worker, clerkB, zjw]) {
      const r = await other.get(`/api/community/assistance/${id}`);
      expect(r.status).toBe(404);
      const list = await other.get('/api/community/assistance');
      if (list.status === 200) expect(list.body.items).toHaveLength(0);
      else expect(list.status).toBe(403);
    }
    expect((await clerkB.patch(`/api/community/assistance/${id}`, { status: 'closed' })).status).toBe(404);

    // Dynamic review: the next date moves on, the record is no longer due.
    const reviewed = await expectOk(
      await ws.patch(`/api/community/assistance/${id}`, {
        reviewOn: addDays(today(), 90),
        measures: '已入住儿童福利院，每季度回访',
      }),
    );
    expect(reviewed).toMatchObject({ isReviewDue: false, measures: '已入住儿童福利院，每季度回访' });
    // A case out of the workstation's reach cannot be linked.
    const other = await expectOk(await clerkB.post('/api/cases', intake({ unitId: d.townB.id })), 201);
    expect((await ws.post(`/api/community/assistance/${id}/cases`, { caseId: other.id })).status).toBe(400);
  }, 120_000);
});

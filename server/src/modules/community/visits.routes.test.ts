import { describe, expect, it } from 'vitest';
import { expectOk } from '../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import { testDb } from '../../test/story-helpers.js';

describe('visits and patrols', () => {
  it('S9: a patrol’s hidden danger becomes a grid case in one step; coverage per grid and cadre follows', async () => {
    const d = await makeDistrict();
    const clerkA = await signInAs(d.clerkA);
    const worker = await signInAs(d.gridWorker);
    await expectOk(await clerkA.put(`/api/community/grids/${d.gridA1.id}`, { households: 40 }), 204);
    await expectOk(
      await clerkA.put('/api/community/visit-plans', {
        unitId: d.gridA1.id,
        cadreUserId: d.gridWorker.id,
        timesPerWeek: 2,
      }),
      204,
    );

    const home = await expectOk(
      await worker.post('/api/community/visits', {
        kind: 'home_visit',
        household: '3组王家',
        needs: '老人独居，希望有人定期探望',
        followUp: '已联系好邻居志愿者',
      }),
      201,
    );
    expect(home.case).toBeNull();

    // Refused as a whole: nothing is recorded and no case is made.
    const db = await testDb();
    const before = await db
      .selectFrom('visits')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const noFinding = await worker.post('/api/community/visits', {
      kind: 'patrol',
      case: { title: 'x', facts: 'x', demands: 'x', categoryCode: '1401', address: 'x' },
    });
    expect(noFinding.status).toBe(400);
    const badCase = await worker.post('/api/community/visits', {
      kind: 'patrol',
      finding: 'hazard',
      case: {
        title: '路灯损坏',
        facts: '路灯不亮',
        demands: '维修',
        categoryCode: '1401',
        address: '1栋',
        riskColour: 'red',
      },
    });
    expect(badCase.status).toBe(400);
    expect(JSON.stringify(badCase.body.error.details)).toContain('body.case.riskReason');
    expect((await worker.post('/api/community/visits', { kind: 'home_visit' })).status).toBe(400);
    const after = await db
      .selectFrom('visits')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const patrol = await expectOk(
      await worker.post('/api/community/visits', {
        kind: 'patrol',
        needs: '1栋北侧消防通道被私家车堵塞',
        route: [
          { lng: 116.1, lat: 39.7 },
          { lng: 116.101, lat: 39.701 },
          { lng: 116.102, lat: 39.7015 },
        ],
        finding: 'hazard',
        case: {
          title: '消防通道被堵',
          facts: '1栋北侧消防通道被私家车和杂物堵塞，消防车无法通行。',
          demands: '清理通道，设置禁停标识',
          categoryCode: '1401',
          address: '1栋北侧',
          riskColour: 'yellow',
          riskReason: '消防安全隐患',
        },
      }),
      201,
    );
    const made = patrol.case as { id: string; caseNo: string };
    const c = (await worker.get(`/api/cases/${made.id}`)).body;
    expect(c).toMatchObject({ channel: 'grid', latitude: 39.7015, longitude: 116.102, riskColour: 'yellow' });
    // The community above the grid handles what the grid worker found.
    expect(c.ownerUnit.id).toBe(d.communityA1.id);
    const mine = (await worker.get('/api/dashboard/my-reports')).body.items;
    expect(mine.map((r: { id: string }) => r.id)).toContain(made.id);

    const list = (await clerkA.get('/api/community/visits')).body.items;
    expect(list.map((v: { kind: string; routePoints: number }) => `${v.kind}:${v.routePoints}`)).toEqual([
      'patrol:3',
      'home_visit:0',
    ]);
    expect(list[0].case.caseNo).toBe(made.caseNo);

    const cov = (await worker.get('/api/community/visits/coverage')).body;
    expect(cov.byGrid).toEqual([
      expect.objectContaining({
        id: d.gridA1.id,
        homeVisits: 1,
        householdsVisited: 1,
        householdCoverage: 1 / 40,
        patrols: 1,
        findings: 1,
        cases: 1,
      }),
    ]);
    // Twice a week over the default 28 days: 8 visits planned, 1 made.
    expect(cov.byCadre).toEqual([
      expect.objectContaining({
        id: d.gridWorker.id,
        homeVisits: 1,
        patrols: 1,
        planned: 8,
        planCoverage: 1 / 8,
        cases: 1,
      }),
    ]);

    // The other town sees none of it and may not record in this grid; a mediator has no view.
    const clerkB = await signInAs(d.clerkB);
    expect((await clerkB.get('/api/community/visits')).body.items).toHaveLength(0);
    expect((await clerkB.get('/api/community/visits/coverage')).body.byGrid).toHaveLength(0);
    expect((await clerkB.post('/api/community/visits', { kind: 'patrol', unitId: d.gridA1.id })).status).toBe(
      404,
    );
    expect(
      (
        await clerkB.put('/api/community/visit-plans', {
          unitId: d.gridA1.id,
          cadreUserId: d.gridWorker.id,
          timesPerWeek: 1,
        })
      ).status,
    ).toBe(404);
    const mediator = await signInAs(await makeUser(d.district, [{ role: 'mediator' }]));
    expect((await mediator.get('/api/community/visits/coverage')).status).toBe(403);
  }, 120_000);
});

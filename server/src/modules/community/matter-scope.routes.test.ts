import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import { expectChainIntact } from '../../test/story-helpers.js';

describe('三事分流 (matter scope)', () => {
  it('every case gets its category’s default; a clerk reclassifies it with a reason, on the record', async () => {
    const d = await makeDistrict();
    const clerkA = await signInAs(d.clerkA);
    const reg = async (categoryCode: string) =>
      (await expectOk(await clerkA.post('/api/cases', intake({ categoryCode })), 201)).id as string;
    const village = await reg('0107'); // 城乡建设: the community handles it
    const marriage = await reg('2001'); // 民间纠纷: the residents, with guidance
    const land = await reg('0302'); // 征地拆迁: government
    const property = await reg('0201'); // a leaf's own default before its first level's
    const scopeOf = async (id: string) => (await clerkA.get(`/api/community/cases/${id}/matter-scope`)).body;

    expect(await scopeOf(village)).toMatchObject({
      scope: 'small',
      isDefault: true,
      routing: { handledBy: 'community', commands: ['accept', 'start-handling'] },
      canChange: true,
    });
    expect((await scopeOf(marriage)).scope).toBe('private');
    expect((await scopeOf(land)).routing.handledBy).toBe('department');
    expect((await scopeOf(property)).scope).toBe('private');

    // The village matter turns out to need the housing department: a big matter.
    const before = await scopeOf(village);
    const stale = await clerkA.post(`/api/community/cases/${village}/matter-scope`, {
      version: before.version - 1 || 99,
      scope: 'big',
      reason: '需住建部门审批',
    });
    expect(stale.status).toBe(409);
    expect(
      (
        await clerkA.post(`/api/community/cases/${village}/matter-scope`, {
          version: before.version,
          scope: 'small',
          reason: '不变',
        })
      ).status,
    ).toBe(400);
    const set = await expectOk(
      await clerkA.post(`/api/community/cases/${village}/matter-scope`, {
        version: before.version,
        scope: 'big',
        reason: '需住建部门审批',
      }),
    );
    expect(set.version).toBe(before.version + 1);
    expect(await scopeOf(village)).toMatchObject({ scope: 'big', isDefault: false, defaultScope: 'small' });
    const events = (await clerkA.get(`/api/cases/${village}/events`)).body.items as {
      type: string;
      payload: unknown;
    }[];
    expect(events.at(-1)).toMatchObject({
      type: 'case.matter_scope_set',
      payload: { from: 'small', to: 'big', reason: '需住建部门审批' },
    });
    // Only this case's chain: other test files on the same database break chains on purpose.
    await expectChainIntact([village]);

    // The grid worker may not classify; the other town does not see the case at all.
    const worker = await signInAs(d.gridWorker);
    const seen = await worker.get(`/api/community/cases/${village}/matter-scope`);
    if (seen.status === 200) {
      expect(seen.body.canChange).toBe(false);
      const r = await worker.post(`/api/community/cases/${village}/matter-scope`, {
        version: seen.body.version,
        scope: 'small',
        reason: 'x',
      });
      expect(r.status).toBe(403);
    } else {
      expect(seen.status).toBe(404);
    }
    const clerkB = await signInAs(d.clerkB);
    expect((await clerkB.get(`/api/community/cases/${village}/matter-scope`)).status).toBe(404);
    expect(
      (
        await clerkB.post(`/api/community/cases/${village}/matter-scope`, {
          version: 2,
          scope: 'small',
          reason: 'x',
        })
      ).status,
    ).toBe(404);

    // Figures: received by scope in the area, one reclassified; the other town counts none of it.
    const figures = (await clerkA.get('/api/community/matter-scope/figures')).body;
    const by = (s: string) => figures.byScope.find((x: { scope: string }) => x.scope === s);
    expect(by('big')).toMatchObject({ received: 2, open: 2, reclassified: 1 });
    expect(by('small').received).toBe(0);
    expect(by('private').received).toBe(2);
    expect(figures.total).toBe(4);
    expect((await clerkB.get('/api/community/matter-scope/figures')).body.total).toBe(0);
    const mediator = await signInAs(await makeUser(d.district, [{ role: 'mediator' }]));
    expect((await mediator.get('/api/community/matter-scope/figures')).status).toBe(403);
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { cmd, expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../test/factories.js';
import { testConfig, testDatabase } from '../../test/test-db.js';
import { today } from './case-clock.js';
import { runSupervisionSweep } from './timers.js';

describe('to-do queue filters and helpers', () => {
  it('mine=true lists what my units own or have an open task on, not everything I may read', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const kept = (await expectOk(await ws.post('/api/cases', intake({ title: '留在村里' })), 201))
      .id as string;
    const escalated = (await expectOk(await ws.post('/api/cases', intake({ title: '提级到镇' })), 201))
      .id as string;
    await expectOk(await cmd(ws, escalated, 'accept'));
    await expectOk(await cmd(ws, escalated, 'escalate', { reason: '村级无法解决' }));
    const mine = await ws.get('/api/cases?mine=true&open=true');
    const ids = mine.body.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(kept);
    expect(ids).not.toContain(escalated);
    const all = await ws.get('/api/cases?open=true');
    expect(all.body.items.map((x: { id: string }) => x.id)).toContain(escalated);
    // The department summoned by the town finds the case in its own queue through its task.
    const town = await signInAs(d.clerkA);
    await expectOk(
      await cmd(town, escalated, 'whistle', {
        tasks: [{ unitId: d.department.id, role: 'co', task: '现场核查' }],
      }),
    );
    const dept = await signInAs(await makeUser(d.department, [{ role: 'department_handler' }]));
    const deptQueue = await dept.get('/api/cases?mine=true');
    expect(deptQueue.body.items.map((x: { id: string }) => x.id)).toEqual([escalated]);
  });

  it('supervised=true lists cases with an open supervision order addressed to my units', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const late = (
      await expectOk(
        await ws.post(
          '/api/cases',
          intake({ receivedAt: new Date(Date.now() - 25 * 86_400_000).toISOString() }),
        ),
        201,
      )
    ).id as string;
    const fresh = (await expectOk(await ws.post('/api/cases', intake()), 201)).id as string;
    const { db } = await testDatabase();
    await runSupervisionSweep(db, testConfig(), undefined, d.district.path);
    const res = await ws.get('/api/cases?supervised=true');
    const ids = res.body.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(late);
    expect(ids).not.toContain(fresh);
    const detail = await ws.get(`/api/cases/${late}`);
    expect(detail.body.supervision[0].abilities).toEqual({ reply: true });
    expect(detail.body.abilities.addAttachment).toBe(true);
  });

  it('offers as approvers the leaders whose area holds the handling unit', async () => {
    const d = await makeDistrict();
    const townLeader = await makeUser(d.townA, [{ role: 'leader' }]);
    const otherTownLeader = await makeUser(d.townB, [{ role: 'leader' }]);
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const id = (await expectOk(await ws.post('/api/cases', intake()), 201)).id as string;
    const res = await ws.get(`/api/cases/${id}/approvers`);
    const ids = res.body.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(townLeader.id);
    expect(ids).not.toContain(otherTownLeader.id);
    expect((await (await signInAs(d.clerkB)).get(`/api/cases/${id}/approvers`)).status).toBe(404);
  });

  it('closes the tasks still open when the reply is delivered, and says which', async () => {
    const d = await makeDistrict();
    const other = await makeUnit(d.district, 'department', '城管委');
    const town = await signInAs(d.clerkA);
    const id = (await expectOk(await town.post('/api/cases', intake({ unitId: d.townA.id })), 201))
      .id as string;
    await expectOk(await cmd(town, id, 'accept'));
    await expectOk(
      await cmd(town, id, 'whistle', {
        tasks: [
          { unitId: d.department.id, role: 'co', task: '核查' },
          { unitId: other.id, role: 'co', task: '清理' },
        ],
      }),
    );
    await expectOk(
      await cmd(town, id, 'issue-opinion', { outcome: 'support', text: '已处理。', legalBasis: '第32条' }),
    );
    const delivered = await expectOk(
      await cmd(town, id, 'deliver', { method: 'in_person', deliveredOn: today(), proof: '送达回证' }),
    );
    expect((delivered.assignments as { status: string }[]).map((a) => a.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);
    const events = await town.get(`/api/cases/${id}/events`);
    expect(events.body.items.at(-1).payload.closedTasks.sort()).toEqual([d.department.id, other.id].sort());
  });
});

describe('to-do queue paging', () => {
  it('pages through all of my open cases by due date, none twice, none missed', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const ids: string[] = [];
    for (let i = 0; i < 13; i++) {
      const receivedAt = new Date(Date.now() - i * 86_400_000).toISOString();
      ids.push((await expectOk(await ws.post('/api/cases', intake({ receivedAt })), 201)).id as string);
    }
    const seen: { id: string; dueOn: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await ws.get(
        `/api/cases?mine=true&open=true&sort=due&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.map((x) => x.id).sort()).toEqual([...ids].sort());
    const dues = seen.map((x) => x.dueOn);
    expect(dues).toEqual([...dues].sort());
  });

  it('pages the same through owned cases and tasks as the general filtered list does', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const town = await signInAs(d.clerkA);
    const dept = await signInAs(await makeUser(d.department, [{ role: 'department_handler' }]));
    const expected: string[] = [];
    for (let i = 0; i < 3; i++) {
      const receivedAt = new Date(Date.now() - (2 * i + 1) * 86_400_000).toISOString();
      expected.push(
        (await expectOk(await dept.post('/api/cases', intake({ receivedAt })), 201)).id as string,
      );
    }
    for (let i = 0; i < 2; i++) {
      const receivedAt = new Date(Date.now() - 2 * i * 86_400_000).toISOString();
      const id = (await expectOk(await ws.post('/api/cases', intake({ receivedAt })), 201)).id as string;
      await expectOk(await cmd(ws, id, 'accept'));
      await expectOk(await cmd(ws, id, 'escalate', { reason: '村级无法解决' }));
      await expectOk(
        await cmd(town, id, 'whistle', {
          tasks: [{ unitId: d.department.id, role: 'co', task: '现场核查' }],
        }),
      );
      expected.push(id);
    }
    const pages = async (extra: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await dept.get(
          `/api/cases?mine=true&open=true&sort=due&limit=2${extra}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((x: { id: string }) => x.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };
    const fast = await pages('');
    // A filter that keeps everything sends the same question down the general query.
    const general = await pages('&receivedFrom=2000-01-01');
    expect([...fast].sort()).toEqual([...expected].sort());
    expect(fast).toEqual(general);
  });
});

import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs, type TestUser } from '../../../test/factories.js';
import {
  daysAgo,
  detail,
  eventTypes,
  expectChainIntact,
  expectCreated,
  expectError,
  type Json,
  person,
  receivedDaysAgo,
  replyAndDeliver,
  run,
  STORY,
  testDb,
} from '../../../test/story-helpers.js';
import type { Client } from '../../../test/test-app.js';
import { addDays } from '../../calendar/iso-date.js';
import { invalidateProfiles, workCalendar } from '../../cases/case-clock.js';
import { addRoster, mech, records } from '../mechanisms.test-helpers.js';

/** A district on the Changyi profile (5-day window, at least 5 experts) with its expert panels. */
async function changyi() {
  const d = await makeDistrict();
  await (await testDb())
    .updateTable('org_units')
    .set({ deadline_profile: 'changyi' })
    .where('id', '=', d.district.id)
    .execute();
  invalidateProfiles();
  const landBureau = await makeUnit(d.district, 'department', '自然资源局');
  const admin = await signInAs(d.admin);
  const experts: Record<string, { id: string; user: TestUser }> = {};
  const add = async (
    key: string,
    owner: typeof d.townA,
    level: 'town' | 'city',
    identity: string,
    extra: { workUnitId?: string; name?: string } = {},
  ) => {
    const user = await makeUser(owner, [{ role: 'expert' }]);
    const id = await addRoster(admin, owner, {
      kind: 'expert',
      name: extra.name ?? `专家${key}`,
      identity,
      level,
      userId: user.id,
      ...(extra.workUnitId && { workUnitId: extra.workUnitId }),
      expertise: '土地征收补偿',
    });
    experts[key] = { id, user };
  };
  await add('甲1', d.townA, 'town', 'legal_adviser');
  await add('甲2', d.townA, 'town', 'local_elder');
  // Works for the town government that replied: must stand aside.
  await add('甲3', d.townA, 'town', 'department_head', { workUnitId: d.townA.id });
  await add('市1', d.district, 'city', 'npc_deputy');
  await add('市2', d.district, 'city', 'cppcc_member');
  await add('市3', d.district, 'city', 'lawyer', { workUnitId: landBureau.id });
  // Shares the petitioner's name: must stand aside.
  await add('市4', d.district, 'city', 'department_head', { name: '褚女士' });
  await add('乙1', d.townB, 'town', 'lawyer');
  const office = await signInAs(d.clerkA);
  return { d, office, experts };
}

async function repliedCase(office: Client, deliveredOn: string) {
  const created = await expectCreated(
    await office.post(
      '/api/cases',
      intake({
        receivedAt: receivedDaysAgo(12),
        petitioners: [person('褚女士')],
        title: '征地补偿标准异议',
        facts: '村民承包地被征收，认为青苗补偿标准偏低。',
        demands: '按新标准补偿青苗费',
        reasons: '邻村补偿标准更高',
        categoryCode: '0201',
      }),
    ),
  );
  const id = created.id as string;
  await run(office, id, 'accept');
  await replyAndDeliver(office, id, deliveredOn);
  return id;
}

/** S4 专家评审 (Changyi practice). */
describe('S4 expert review of a reply', STORY, () => {
  it('lets the petitioner choose 5 unlinked experts within 5 days; the panel upholds the reply', async () => {
    const { office, experts } = await changyi();
    const id = await repliedCase(office, daysAgo(4));
    const e = (k: string) => experts[k]?.id as string;

    // 点单式: own town first, then the city pool, then other towns; linked experts show why.
    const cands = (await expectOk(await office.get(`/api/cases/${id}/mechanisms/expert-candidates`))) as Json;
    expect(cands.minimum).toBe(5);
    // Five days after delivery, rolled forward over rest days.
    expect(cands.windowLastDay >= addDays(daysAgo(4), 5)).toBe(true);
    const byId = new Map((cands.items as Json[]).map((c) => [c.id, c]));
    expect(byId.get(e('甲1'))).toMatchObject({ group: 'own_town', recusal: null });
    expect(byId.get(e('市1'))).toMatchObject({ group: 'city_pool', recusal: null });
    expect(byId.get(e('乙1'))).toMatchObject({ group: 'other_town', recusal: null });
    expect(byId.get(e('甲3'))?.recusal).toMatch(/办理\/答复单位/);
    expect(byId.get(e('市4'))?.recusal).toMatch(/当事人/);
    expect((cands.items as Json[]).map((c) => c.group)).toEqual([
      'own_town',
      'own_town',
      'own_town',
      'city_pool',
      'city_pool',
      'city_pool',
      'city_pool',
      'other_town',
    ]);

    const ask = async (ids: string[]) =>
      office.post(`/api/cases/${id}/mechanisms/expert-review`, {
        version: (await detail(office, id)).version,
        requestedOn: daysAgo(0),
        reasons: '对青苗补偿标准的答复不满意',
        expertRosterIds: ids,
      });
    const tooFew = expectError(
      await ask([e('甲1'), e('甲2'), e('市1'), e('市2')]),
      409,
      'EXPERT_PANEL_TOO_SMALL',
    );
    expect(tooFew.message).toBe('评审专家应不少于5名，当前仅选择4名');
    const recused = expectError(
      await ask([e('甲1'), e('甲3'), e('市1'), e('市2'), e('市4')]),
      409,
      'EXPERT_RECUSED',
    );
    expect(recused.message).toContain('专家甲3（所在单位为本案办理/答复单位');
    expect(recused.message).toContain('褚女士（本案当事人');
    expect(recused.details.map((r: Json) => r.rosterId).sort()).toEqual([e('甲3'), e('市4')].sort());
    expect((await detail(office, id)).status).toBe('delivered');

    const panel = ['甲1', '甲2', '市1', '市2', '市3'];
    const asked = await expectOk(await ask(panel.map(e)), 201);
    const reviewId = asked.mechanismId as string;
    expect((await detail(office, id)).status).toBe('expert_review');
    // Experts with an account give their own opinion; the office may not write it for them.
    const [pending] = await records(office, id);
    const onBehalf = expectError(
      await office.post(`/api/cases/${id}/mechanisms/${reviewId}/opinions`, {
        memberId: pending?.members[0].id,
        legality: '代录',
        reasonableness: '代录',
        upholdsReply: true,
        opinion: '代录',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(onBehalf.details[0].message).toBe('该专家有系统账号，应由本人提交评审意见');

    // Each expert sees the case read-only through the review, and records an opinion.
    const conclude = (upheld: boolean) =>
      detail(office, id).then((c) =>
        office.post(`/api/cases/${id}/mechanisms/${reviewId}/conclude-review`, {
          version: c.version,
          upheld,
          opinion: '原答复认定事实清楚，适用标准正确，予以维持，并补充说明补偿标准依据。',
        }),
      );
    for (const [i, k] of panel.entries()) {
      const expert = await signInAs(experts[k]?.user as TestUser);
      expect((await expert.get(`/api/cases/${id}`)).status).toBe(404);
      const view = (await expectOk(
        await expert.get(`/api/cases/${id}/mechanisms/${reviewId}/member-view`),
      )) as Json;
      expect(view).toMatchObject({ title: '征地补偿标准异议', status: 'expert_review' });
      expect(view.opinion.text).toContain('予以支持');
      expect(JSON.stringify(view)).not.toContain('褚女士');
      expectError(
        await expert.post(`/api/cases/${id}/mechanisms/${reviewId}/conclude-review`, {
          version: 99,
          upheld: true,
          opinion: '越权',
        }),
        404,
        'NOT_FOUND',
      );
      if (i === 2) expectError(await conclude(true), 400, 'VALIDATION_FAILED');
      await mech(expert, `/api/cases/${id}/mechanisms/${reviewId}/opinions`, {
        legality: '程序合法，依据《土地管理法》及省定标准。',
        reasonableness: '补偿标准与本镇同期项目一致，合理。',
        upholdsReply: true,
        opinion: '维持原答复，建议补充说明标准来源。',
      });
    }
    // A roster expert not on this panel cannot add an opinion.
    const outsider = await signInAs(experts['乙1']?.user as TestUser);
    expectError(
      await outsider.post(`/api/cases/${id}/mechanisms/${reviewId}/opinions`, {
        legality: 'x',
        reasonableness: 'x',
        upholdsReply: false,
        opinion: 'x',
      }),
      404,
      'NOT_FOUND',
    );

    await expectOk(await conclude(true));
    expect((await detail(office, id)).status).toBe('delivered');
    const [review] = await records(office, id);
    expect(review).toMatchObject({ kind: 'expert_review', status: 'concluded', outcome: 'upheld' });
    expect(review?.details).toMatchObject({ upholding: 5, panelSize: 5 });
    expect(review?.members.every((m: Json) => m.opinion?.upholdsReply === true)).toBe(true);

    // She accepts the panel's opinion; the case closes.
    expect((await run(office, id, 'close', { basis: 'petitioner_satisfied' })).status).toBe('closed');
    expect((await eventTypes(office, id)).slice(-9)).toEqual([
      'case.delivered',
      'case.expert_review_requested',
      'case.expert_opinion_recorded',
      'case.expert_opinion_recorded',
      'case.expert_opinion_recorded',
      'case.expert_opinion_recorded',
      'case.expert_opinion_recorded',
      'case.expert_review_concluded',
      'case.closed',
    ]);
    await expectChainIntact([id]);
  });

  it('refuses an application on day 6 with a message naming the window', async () => {
    const { office, experts } = await changyi();
    // Day 6 after delivery; when day 5 was a rest day the window rolled forward to the next
    // workday, so deliver early enough that the window's last day was a workday.
    const cal = await workCalendar(await testDb());
    let n = 6;
    while (!cal.isWorkday(addDays(daysAgo(n), 5))) n++;
    const id = await repliedCase(office, daysAgo(n));
    const res = await office.post(`/api/cases/${id}/mechanisms/expert-review`, {
      version: (await detail(office, id)).version,
      requestedOn: daysAgo(0),
      reasons: '不服答复',
      expertRosterIds: ['甲1', '甲2', '市1', '市2', '市3'].map((k) => experts[k]?.id),
    });
    const err = expectError(res, 409, 'OUT_OF_WINDOW');
    expect(err.message).toContain('专家评审申请应在收到答复之日起5日内提出');
    expect(err.message).toContain(`${daysAgo(n)}送达，截至${addDays(daysAgo(n), 5)}`);
    expect((await detail(office, id)).status).toBe('delivered');
    expect(await records(office, id)).toEqual([]);
  });
});

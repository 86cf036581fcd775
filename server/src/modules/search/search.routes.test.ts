import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUnit, makeUser, signInAs } from '../../test/factories.js';
import {
  expectCreated,
  expectError,
  type Json,
  person,
  run,
  STORY,
  testDb,
} from '../../test/story-helpers.js';
import { addDays } from '../calendar/iso-date.js';
import { today } from '../cases/case-clock.js';
import { reindexSearch } from './reindex.js';

const hitText = (segs: { text: string; hit: boolean }[]) =>
  segs
    .filter((s) => s.hit)
    .map((s) => s.text)
    .join('|');

const search = async (client: Awaited<ReturnType<typeof signInAs>>, q: string, extra = '') =>
  (await expectOk(await client.get(`/api/search/cases?q=${encodeURIComponent(q)}${extra}`))) as Json;

describe('GET /api/search/cases', STORY, () => {
  it('finds cases by Chinese words of title, facts and replies, highlights them, and stays in the jurisdiction', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const clerkB = await signInAs(d.clerkB);
    const nobody = await signInAs(await makeUser(d.townA, []));
    const pigeons = await expectCreated(
      await ws.post(
        '/api/cases',
        intake({
          title: '楼顶鸽子粪污染',
          facts: '邻居在楼顶养鸽子，鸽子粪落满阳台，气味难闻。',
          demands: '清理鸽子粪并限制养鸽',
          address: '甲一村幸福小区3栋',
          categoryCode: '1003',
        }),
      ),
    );
    const wages = await expectCreated(
      await ws.post(
        '/api/cases',
        intake({
          title: '工地拖欠工资',
          facts: '在村东工地做工三个月，老板拖欠工资两万元。',
          demands: '支付工资',
          address: '甲一村东工地',
        }),
      ),
    );
    const other = await expectCreated(
      await clerkB.post(
        '/api/cases',
        intake({ unitId: d.townB.id, title: '乙镇鸽子粪', facts: '乙镇也有鸽子粪问题。', address: '乙镇' }),
      ),
    );

    // A domain word (user dictionary) is one token: 鸽子粪 finds the pigeon case only.
    const r = await search(ws, '鸽子粪');
    expect(r.terms).toEqual(['鸽子粪', '鸽子粪']);
    expect(r.items.map((x: Json) => x.id)).toEqual([pigeons.id]);
    expect(hitText(r.items[0].highlights.title)).toBe('鸽子粪');
    expect(r.items[0].highlights.field).toBe('facts');
    expect(hitText(r.items[0].highlights.snippet)).toBe('鸽子粪');
    expect(r.items[0].ownerUnit.id).toBe(d.communityA1.id);

    // 拖欠工资 is kept whole in the index and found from a longer sentence (all words must occur).
    expect((await search(ws, '老板拖欠工资')).items.map((x: Json) => x.id)).toEqual([wages.id]);
    expect((await search(ws, '老板拖欠鸽子粪')).items).toEqual([]);

    // A substring of the address (pg_trgm), even mid-word.
    expect((await search(ws, '幸福小区3')).items.map((x: Json) => x.id)).toEqual([pigeons.id]);

    // Jurisdiction: the other town's case is not found by the village, its own clerk finds it.
    expect((await search(clerkB, '鸽子粪')).items.map((x: Json) => x.id)).toEqual([other.id]);
    // No role: refused.
    expect((await nobody.get(`/api/search/cases?q=${encodeURIComponent('鸽子粪')}`)).status).toBe(403);

    // Filters combine with the text.
    expect((await search(ws, '鸽子粪', '&categoryCode=10')).items).toHaveLength(1);
    expect((await search(ws, '鸽子粪', '&categoryCode=01')).items).toHaveLength(0);
    expect((await search(ws, '鸽子粪', '&open=false')).items).toHaveLength(0);
    expect((await search(ws, '鸽子粪', `&from=${addDays(today(), 1)}`)).items).toHaveLength(0);

    // The reply is indexed in the transaction that records it.
    await run(ws, wages.id as string, 'accept');
    await run(ws, wages.id as string, 'issue-opinion', {
      outcome: 'support',
      text: '经协调，劳务公司已承诺十日内结清欠款。',
      legalBasis: '《保障农民工工资支付条例》',
    });
    const reply = await search(ws, '劳务公司结清');
    expect(reply.items.map((x: Json) => x.id)).toEqual([wages.id]);
    expect(reply.items[0].highlights.field).toBe('opinion');

    // Sorted by date, newest first.
    const both = await search(ws, '甲一村', '&sort=date');
    expect(both.items.map((x: Json) => x.id)).toEqual([wages.id, pigeons.id]);

    expectError(await ws.get('/api/search/cases?q='), 400, 'VALIDATION_FAILED');
  });

  it('never reveals a sealed accusation to the accused side, in search or in suggestions', async () => {
    const d = await makeDistrict();
    const discipline = await makeUnit(d.district, 'discipline', '纪委监委');
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const districtClerk = await signInAs(await makeUser(d.district, [{ role: 'petition_clerk' }]));
    const inspector = await signInAs(await makeUser(discipline, [{ role: 'discipline_inspector' }]));
    const reporter = person('王五');
    const accusation = {
      channel: 'visit',
      nature: 'accusation',
      categoryCode: '1603',
      petitioners: [reporter],
      title: '村会计侵占集体资金',
      facts: '村会计李某多次将集体土地租金转入个人账户，数额约十二万元。',
      demands: '查处李某，追回集体资金',
      address: '甲一村村委会',
    };
    const sealed = await expectCreated(await ws.post('/api/cases', intake(accusation)));
    expect(sealed.referredToDiscipline).toBe(true);

    for (const who of [ws, districtClerk]) {
      expect((await search(who, '侵占集体资金')).items).toEqual([]);
      const dup = await expectOk(
        await who.post('/api/search/duplicates', {
          persons: [{ idNumber: reporter.idNumber }],
          title: accusation.title,
          facts: accusation.facts,
          demands: accusation.demands,
          address: accusation.address,
        }),
      );
      expect(dup.items).toEqual([]);
      expectError(await who.get(`/api/search/cases/${sealed.id}/duplicates`), 404, 'NOT_FOUND');
    }
    expect((await search(inspector, '侵占集体资金')).items.map((x: Json) => x.id)).toEqual([sealed.id]);
  });
});

describe('POST /api/search/duplicates', STORY, () => {
  it('proposes earlier cases of the same person, address or text with reasons, in scope only', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const clerkB = await signInAs(d.clerkB);
    const resident = person('孙八');
    const noise = {
      title: '广场舞噪音扰民',
      facts: '每晚九点后文化广场的广场舞音响声音很大，严重影响休息。',
      demands: '限制广场舞音量和时间',
      address: '甲一村文化广场',
    };
    const first = await expectCreated(
      await ws.post('/api/cases', intake({ ...noise, petitioners: [resident], categoryCode: '1003' })),
    );
    // The same person about something else: shown for the person only.
    const unrelated = await expectCreated(
      await ws.post(
        '/api/cases',
        intake({
          petitioners: [resident],
          title: '低保申请未批',
          facts: '家中困难申请低保半年未批。',
          demands: '尽快审批低保',
          address: '甲一村5组',
          categoryCode: '0107',
        }),
      ),
    );
    // A neighbour about the same noise: similar text at the same place.
    const neighbour = await expectCreated(
      await ws.post(
        '/api/cases',
        intake({
          ...noise,
          petitioners: [person('周九')],
          title: '文化广场广场舞太吵',
          facts: '文化广场每晚广场舞音响声音很大，影响老人和孩子休息。',
        }),
      ),
    );
    // The same complaint in the other town is out of the village's jurisdiction.
    await expectCreated(await clerkB.post('/api/cases', intake({ ...noise, unitId: d.townB.id })));

    const res = await expectOk(
      await ws.post('/api/search/duplicates', {
        persons: [{ idNumber: resident.idNumber }],
        ...noise,
        facts: '文化广场的广场舞每晚九点后还在放音响，声音很大，影响休息。',
        categoryCode: '1003',
      }),
    );
    const items = res.items as Json[];
    const byId = new Map(items.map((x) => [x.id, x]));
    expect(items).toHaveLength(3);
    expect(items[0]!.id).toBe(first.id);
    expect(byId.get(first.id)!.reasons.map((r: Json) => r.code)).toEqual([
      'same_person',
      'same_address',
      'similar_text',
    ]);
    expect(byId.get(first.id)!.canLinkAsRepeat).toBe(true);
    expect(byId.get(unrelated.id)!.reasons).toEqual([{ code: 'same_person' }]);
    expect(byId.get(neighbour.id)!.reasons.map((r: Json) => r.code)).toEqual([
      'same_address',
      'similar_text',
    ]);
    for (const x of items) expect(x.ownerUnit.id).toBe(d.communityA1.id);

    // Nothing in common: nothing proposed.
    const none = await expectOk(
      await ws.post('/api/search/duplicates', {
        persons: [{ phone: '13900000001' }],
        title: '桥梁护栏松动',
        facts: '村北小桥护栏松动，存在安全隐患。',
        demands: '加固护栏',
        address: '村北小桥',
      }),
    );
    expect(none.items).toEqual([]);

    // For a registered case (a portal intake, say): earlier cases only, never itself.
    const ofFirst = await expectOk(await ws.get(`/api/search/cases/${first.id}/duplicates`));
    expect(ofFirst.items).toEqual([]);
    const ofNeighbour = await expectOk(await ws.get(`/api/search/cases/${neighbour.id}/duplicates`));
    expect((ofNeighbour.items as Json[]).map((x) => x.id)).toEqual([first.id]);
    expectError(await clerkB.get(`/api/search/cases/${first.id}/duplicates`), 404, 'NOT_FOUND');
  });
});

describe('reindexSearch', STORY, () => {
  it('fills the search column of cases written without it', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const c = await expectCreated(
      await ws.post('/api/cases', intake({ title: '井盖丢失', facts: '村口井盖丢失，夜间有人掉进去。' })),
    );
    const db = await testDb();
    await db
      .updateTable('cases')
      .set({ search_vector: null })
      .where('id', '=', c.id as string)
      .execute();
    expect((await search(ws, '夜间')).items).toEqual([]);
    expect(await reindexSearch(db, { batch: 1 })).toBeGreaterThanOrEqual(1);
    expect((await search(ws, '夜间')).items.map((x: Json) => x.id)).toEqual([c.id]);
  });
});

import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import {
  detail,
  expectChainIntact,
  expectCreated,
  type Json,
  person,
  run,
  STORY,
} from '../../test/story-helpers.js';
import { addDays } from '../calendar/iso-date.js';
import { today } from '../cases/case-clock.js';

/**
 * S7 at intake: a resident files the same complaint again within a week; while the clerk types,
 * the earlier open case is proposed with its reasons; the clerk links the new one as a repeat; it
 * joins the open case's handling and counts in the repeat-petition rate. A neighbour's different
 * complaint is confirmed as new and counts as a first petition.
 */
describe('repeat petition detected at intake, linked and counted', STORY, () => {
  it('proposes the open case, links the repeat, and the repeat rate counts it', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const leader = await signInAs(await makeUser(d.communityA1, [{ role: 'leader' }]));
    const resident = person('吴十');
    const first = await expectCreated(
      await ws.post(
        '/api/cases',
        intake({
          petitioners: [resident],
          title: '幸福小区地下车库长期积水',
          facts: '幸福小区地下车库一到下雨就积水，深的地方没过脚踝，车辆进出困难，物业一直不处理。',
          demands: '督促物业排水并修复排水沟',
          address: '甲一村幸福小区地下车库',
          categoryCode: '1003',
        }),
      ),
    );
    await run(ws, first.id as string, 'accept');

    // The second visit, reworded; the form asks for candidates before saving.
    const second = {
      petitioners: [resident],
      title: '再次反映幸福小区车库积水',
      facts: '上周反映的幸福小区地下车库积水问题至今没有处理，下雨后车库积水没过脚踝，物业不管。',
      demands: '尽快排水',
      address: '甲一村幸福小区地下车库',
      categoryCode: '1003',
    };
    const proposed = await expectOk(
      await ws.post('/api/search/duplicates', {
        persons: [{ idNumber: resident.idNumber, phone: resident.phone }],
        title: second.title,
        facts: second.facts,
        demands: second.demands,
        address: second.address,
        categoryCode: second.categoryCode,
      }),
    );
    const top = (proposed.items as Json[])[0]!;
    expect(top).toMatchObject({ id: first.id, caseNo: first.caseNo, isOpen: true, canLinkAsRepeat: true });
    expect(top.reasons.map((r: Json) => r.code)).toEqual(['same_person', 'same_address', 'similar_text']);

    // "Link as repeat": register, then merge into the proposed open case.
    const repeat = await expectCreated(await ws.post('/api/cases', intake(second)));
    const merged = await run(ws, repeat.id as string, 'link-repeat', {
      openCaseId: top.id,
      note: '登记时系统提示：同一人、同一地址、内容相似',
    });
    expect(merged).toMatchObject({ status: 'merged', isRepeat: true, repeatOfCaseId: first.id });
    // It joins the open case's handling: the handler sees it, the open case goes on.
    expect((await detail(ws, first.id as string)).status).toBe('accepted');

    // A neighbour's different complaint is confirmed as new.
    const other = await expectCreated(
      await ws.post(
        '/api/cases',
        intake({
          petitioners: [person('郑十一')],
          title: '幸福小区电梯经常故障',
          facts: '3栋电梯一个月坏了四次，老人被困过一次。',
          demands: '更换电梯',
          address: '甲一村幸福小区3栋',
        }),
      ),
    );
    expect((await detail(ws, other.id as string)).isRepeat).toBe(false);

    // Counted: three received, one of them a repeat.
    const period = `from=${addDays(today(), -1)}&to=${addDays(today(), 1)}`;
    const figures = await expectOk(await leader.get(`/api/evaluation/figures?${period}`));
    expect((figures.rates as Json).repeat).toEqual({ numerator: 1, denominator: 3, rate: 0.3333 });

    // Once linked, the repeat itself is no longer proposed as an open case to link to.
    const later = await expectOk(await ws.get(`/api/search/cases/${other.id}/duplicates`));
    for (const c of later.items as Json[]) if (c.id === repeat.id) expect(c.canLinkAsRepeat).toBe(false);
    await expectChainIntact([first.id as string, repeat.id as string]);
  });
});

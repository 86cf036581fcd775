import { describe, expect, it } from 'vitest';
import { expectOk, intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../../test/factories.js';
import {
  deadline,
  detail,
  eventTypes,
  expectChainIntact,
  expectCreated,
  expectError,
  fieldPaths,
  type Json,
  person,
  replyAndDeliver,
  reviewRecheckTerminate,
  run,
  STORY,
} from '../../../test/story-helpers.js';

/**
 * S7 重复信访, 终结不再受理: a matter that went through 复查 and 复核 is final (第36条第3款); the same
 * facts and reasons raised again are flagged at intake and not re-accepted, while a new request of
 * the same person is handled normally. A second filing of an open complaint joins it as a repeat.
 */
describe('S7 repeat petition and terminated matter', STORY, () => {
  it('terminates after 复查 and 复核, flags the same facts again, and accepts a different request', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const town = await signInAs(d.clerkA);
    const district = await signInAs(await makeUser(d.district, [{ role: 'petition_clerk' }]));
    const petitioner = person('钱七');
    const matter = {
      petitioners: [petitioner],
      title: '征地补偿款未足额发放',
      facts: '2019年村东地块被征收，我家应得补偿款八万元，至今只发放五万元。',
      demands: '补发三万元补偿款',
      reasons: '补偿标准已公示，应当足额兑现',
      categoryCode: '0302',
      address: '甲一村东地块',
    };
    const first = await expectCreated(await ws.post('/api/cases', intake(matter)));
    const firstId = first.id as string;
    expect(first.warnings).toEqual([]);

    await run(ws, firstId, 'accept');
    await replyAndDeliver(ws, firstId);
    const terminated = await reviewRecheckTerminate(firstId, { town, district });
    expect(terminated.status).toBe('terminated');
    expect(terminated.terminatedAt).toEqual(expect.any(String));
    expect(terminated.review).toMatchObject({ decision: 'uphold', unitId: d.townA.id });
    expect(terminated.recheck).toMatchObject({ decision: 'uphold', unitId: d.district.id });
    expect(terminated.ownerUnit.id).toBe(d.district.id);
    expect(await eventTypes(ws, firstId)).toEqual([
      'case.registered',
      'case.accepted',
      'case.opinion_issued',
      'case.delivered',
      'case.review_requested',
      'case.review_started',
      'case.review_decided',
      'case.review_delivered',
      'case.recheck_requested',
      'case.recheck_started',
      'case.recheck_decided',
      'case.terminated',
    ]);
    expect(deadline(terminated, 'D_REVIEW_DECIDE').status).toBe('met');
    expect(deadline(terminated, 'D_RECHECK_DECIDE').status).toBe('met');

    // The same person, the same facts and reasons (wording differs only in spacing and punctuation).
    const again = await expectCreated(
      await ws.post(
        '/api/cases',
        intake({ ...matter, facts: `${matter.facts.replace('，', ' ')}  `, title: '再次反映征地补偿' }),
      ),
    );
    const againId = again.id as string;
    expect(again.warnings).toEqual([
      { code: 'TERMINATED_SAME_FACTS', caseId: firstId, caseNo: first.caseNo },
    ]);
    // The petitioner's history shows the earlier matter as terminated.
    const history = await expectOk(
      await ws.get(`/api/cases/history?idNumber=${encodeURIComponent(petitioner.idNumber)}`),
    );
    expect((history.items as Json[]).find((x) => x.id === firstId)).toMatchObject({
      status: 'terminated',
      isTerminated: true,
    });

    // Only a terminated matter can be cited.
    const open = await expectCreated(await ws.post('/api/cases', intake({ petitioners: [person('路人')] })));
    const wrongRef = await ws.post(`/api/cases/${againId}/reject-terminated`, {
      version: again.case.version,
      terminatedCaseId: open.id,
    });
    expectError(wrongRef, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(wrongRef)).toEqual(['body.terminatedCaseId']);

    const notReaccepted = await run(ws, againId, 'reject-terminated', {
      terminatedCaseId: firstId,
      reason: '同一事实和理由已经复查复核终结',
    });
    expect(notReaccepted.status).toBe('not_reaccepted');
    expect(notReaccepted.isOpen).toBe(false);
    expect(notReaccepted.isRepeat).toBe(true);
    expect(notReaccepted.repeatOfCaseId).toBe(firstId);
    expect(await eventTypes(ws, againId)).toEqual(['case.registered', 'case.not_reaccepted']);
    const evts = await expectOk(await ws.get(`/api/cases/${againId}/events`));
    expect((evts.items as Json[])[1]?.payload).toMatchObject({
      terminatedCaseId: firstId,
      basis: '《信访工作条例》第36条第3款',
    });

    // The same category with new facts is not the same matter: a softer hint, no bar.
    const newFacts = await expectCreated(
      await ws.post(
        '/api/cases',
        intake({ ...matter, facts: '今年村西地块又被征收，补偿款至今未发。', title: '村西地块补偿' }),
      ),
    );
    expect(newFacts.warnings).toEqual([
      { code: 'TERMINATED_SAME_PERSON_CATEGORY', caseId: firstId, caseNo: first.caseNo },
    ]);

    // A different request of the same person: no warning, accepted normally.
    const different = await expectCreated(
      await ws.post(
        '/api/cases',
        intake({
          petitioners: [petitioner],
          title: '邻居违建挡光',
          facts: '邻居加盖二层挡住我家采光。',
          demands: '拆除违建',
          reasons: '影响采光',
          categoryCode: '2004',
          address: '甲一村5组',
        }),
      ),
    );
    expect(different.warnings).toEqual([]);
    const accepted = await run(ws, different.id as string, 'accept');
    expect(accepted.status).toBe('accepted');
    expect(accepted.isRepeat).toBe(false);

    await expectChainIntact([firstId, againId, newFacts.id as string, different.id as string]);
  });

  it('links the second filing of an open complaint to the first as a repeat', async () => {
    const d = await makeDistrict();
    const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
    const resident = person('孙八');
    const complaint = intake({
      petitioners: [resident],
      title: '广场舞噪音扰民',
      facts: '每晚九点后广场舞音响声音很大，影响休息。',
      demands: '限制音量和时间',
      reasons: '影响休息',
      categoryCode: '1003',
      address: '甲一村文化广场',
    });
    const first = await expectCreated(await ws.post('/api/cases', complaint));
    const second = await expectCreated(await ws.post('/api/cases', complaint));
    const firstId = first.id as string;
    const secondId = second.id as string;
    expect(second.warnings).toEqual([]); // the first one is open, not terminated

    const self = await ws.post(`/api/cases/${secondId}/link-repeat`, {
      version: second.case.version,
      openCaseId: secondId,
    });
    expectError(self, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(self)).toEqual(['body.openCaseId']);

    const merged = await run(ws, secondId, 'link-repeat', { openCaseId: firstId, note: '一周内重复来访' });
    expect(merged.status).toBe('merged');
    expect(merged.isOpen).toBe(false);
    expect(merged.isRepeat).toBe(true);
    expect(merged.repeatOfCaseId).toBe(firstId);
    expect(merged.isFirstPetition).toBe(false);
    expect(merged.due).toBeNull(); // a repeat carries no clock of its own
    expect(deadline(merged, 'D_NOTIFY_DIRECT').status).toBe('cancelled');
    expect(await eventTypes(ws, secondId)).toEqual(['case.registered', 'case.merged_as_repeat']);

    // The first stays the one case being handled, and is the first petition of the matter.
    const firstNow = await detail(ws, firstId);
    expect(firstNow.status).toBe('registered');
    expect(firstNow.isRepeat).toBe(false);
    const acceptedFirst = await run(ws, firstId, 'accept');
    expect(acceptedFirst.isFirstPetition).toBe(true);

    // A merged case cannot be the target of another merge.
    const third = await expectCreated(await ws.post('/api/cases', complaint));
    const intoMerged = await ws.post(`/api/cases/${third.id}/link-repeat`, {
      version: third.case.version,
      openCaseId: secondId,
    });
    expectError(intoMerged, 400, 'VALIDATION_FAILED');

    // In the open queue the repeat is not a second case to handle.
    const queue = await expectOk(await ws.get('/api/cases?open=true&limit=200'));
    const open = (queue.items as Json[]).map((x) => x.id);
    expect(open).toContain(firstId);
    expect(open).not.toContain(secondId);

    await expectChainIntact([firstId, secondId]);
  });
});

import { describe, expect, it } from 'vitest';
import { intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs, type TestUser } from '../../../test/factories.js';
import {
  expectCreated,
  expectError,
  fieldPaths,
  freshIdNumber,
  type Json,
  person,
  STORY,
  testDb,
  withBadCheckDigit,
} from '../../../test/story-helpers.js';
import type { Client } from '../../../test/test-app.js';

async function clerk(): Promise<{ user: TestUser; client: Client }> {
  const d = await makeDistrict();
  const user = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
  return { user, client: await signInAs(user) };
}

/** Cases registered by this user: other test files write cases into the same database meanwhile. */
async function casesBy(userId: string): Promise<number> {
  const r = await (await testDb())
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('registered_by', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const message = (res: { body: Json }, path: string) =>
  (res.body.error.details as { path: string; message: string }[]).find((f) => f.path === path)?.message;

/** Intake validation: each mistake is named field by field, in Chinese, and nothing is written. */
describe('intake validation', STORY, () => {
  const cases: [string, Record<string, unknown>, string, string | RegExp][] = [
    ['no petitioner', { petitioners: [] }, 'body.petitioners', '请至少登记一名信访人（姓名、住址）'],
    [
      'an ID number with a wrong check digit',
      { petitioners: [{ ...person('甲'), idNumber: withBadCheckDigit(freshIdNumber()) }] },
      'body.petitioners.0.idNumber',
      '身份证号码无效（校验位不符或出生日期有误）',
    ],
    [
      'a malformed phone number',
      { petitioners: [{ ...person('乙'), phone: '1381234' }] },
      'body.petitioners.0.phone',
      '电话号码格式不正确',
    ],
    [
      'a petitioner without an address',
      { petitioners: [{ name: '丙', idNumber: freshIdNumber() }] },
      'body.petitioners.0.address',
      '必填项',
    ],
    [
      'six representatives',
      {
        personCount: 30,
        representatives: Array.from({ length: 6 }, (_, i) => person(`代表${i + 1}`)),
      },
      'body.representatives',
      '集体访代表人数不得超过5人',
    ],
    ['a red risk without a reason', { riskColour: 'red' }, 'body.riskReason', '红色、黄色风险须说明理由'],
    ['an unknown category', { categoryCode: '9999' }, 'body.categoryCode', '问题分类不存在或已停用'],
    ['a malformed category', { categoryCode: '01' }, 'body.categoryCode', '请选择问题分类（二级分类）'],
    [
      'a receipt time in the future',
      { receivedAt: new Date(Date.now() + 2 * 86_400_000).toISOString() },
      'body.receivedAt',
      '收到时间不能晚于现在',
    ],
    ['a missing title', { title: undefined }, 'body.title', '必填项'],
    ['an agent filing without the agent', { channel: 'agent' }, 'body.agent', '必填项'],
  ];

  for (const [what, over, path, text] of cases) {
    it(`refuses ${what}, naming ${path}`, async () => {
      const { user, client } = await clerk();
      const before = await casesBy(user.id);
      const res = await client.post('/api/cases', intake(over));
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(fieldPaths(res)).toEqual([path]);
      expect(message(res, path)).toEqual(typeof text === 'string' ? text : expect.stringMatching(text));
      expect(await casesBy(user.id)).toBe(before);
    });
  }

  it('names every faulty field of one submission at once', async () => {
    const { user, client } = await clerk();
    const res = await client.post(
      '/api/cases',
      intake({
        petitioners: [
          { ...person('甲'), idNumber: withBadCheckDigit(freshIdNumber()) },
          { ...person('乙'), phone: '12345' },
        ],
        representatives: Array.from({ length: 6 }, (_, i) => person(`代表${i + 1}`)),
        personCount: 30,
        title: '',
        categoryCode: 'abc',
      }),
    );
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(res).sort()).toEqual(
      [
        'body.petitioners.0.idNumber',
        'body.petitioners.1.phone',
        'body.representatives',
        'body.title',
        'body.categoryCode',
      ].sort(),
    );
    for (const path of fieldPaths(res)) expect(res.body.error.message).toContain(path);
    expect(await casesBy(user.id)).toBe(0);
  });

  it('answers in English when asked, with the same fields', async () => {
    const { client } = await clerk();
    const res = await client.request('POST', '/api/cases', intake({ petitioners: [] }), {
      'accept-language': 'en',
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(fieldPaths(res)).toEqual(['body.petitioners']);
    expect(message(res, 'body.petitioners')).toBe('Register at least one petitioner (name, address)');
  });

  it('registers the corrected submission', async () => {
    const { user, client } = await clerk();
    const bad = await client.post(
      '/api/cases',
      intake({ riskColour: 'yellow', petitioners: [person('丁')] }),
    );
    expectError(bad, 400, 'VALIDATION_FAILED');
    const good = await client.post(
      '/api/cases',
      intake({ riskColour: 'yellow', riskReason: '多次来访，情绪激动', petitioners: [person('丁')] }),
    );
    const c = (await expectCreated(good)).case as Json;
    expect(c).toMatchObject({ riskColour: 'yellow', riskReason: '多次来访，情绪激动', status: 'registered' });
    expect(await casesBy(user.id)).toBe(1);
  });
});

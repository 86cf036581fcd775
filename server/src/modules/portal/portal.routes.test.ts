import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOk, idNumberFor } from '../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import { expectChainIntact } from '../../test/story-helpers.js';
import { testApp } from '../../test/test-app.js';
import { testDatabase } from '../../test/test-db.js';
import { today } from '../cases/case-clock.js';
import { CONSENT_VERSION } from './portal.schemas.js';
import { citizen, newIp, newPhone, solveCaptcha } from './portal.test-helpers.js';
import { PORTAL_USERNAME } from './portal-actor.js';

let app: FastifyInstance;
let idSeq = 300;

async function post(url: string, body: unknown, ip: string) {
  const r = await app.inject({ method: 'POST', url, payload: body as object, remoteAddress: ip });
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON body freely.
  return { status: r.statusCode, body: r.json() as any, headers: r.headers };
}

async function captcha(ip: string) {
  const c = await post('/api/portal/captcha', {}, ip);
  expect(c.status).toBe(200);
  return { captchaToken: c.body.token as string, captchaAnswer: solveCaptcha(c.body.svg) };
}

const smsCode = (phone: string, ip: string) => citizen(app, ip).smsCode(phone);

let d: Awaited<ReturnType<typeof makeDistrict>>;
const form = (over: Record<string, unknown> = {}) => ({
  consent: true,
  consentVersion: CONSENT_VERSION,
  name: '李四',
  idNumber: idNumberFor(idSeq++),
  contactAddress: '甲一村5组',
  categoryCode: '0107',
  unitId: d.communityA1.id,
  address: '甲一村村口',
  title: '村口排水沟堵塞',
  facts: '村口排水沟堵塞，下雨天积水严重。',
  demands: '请尽快疏通',
  ...over,
});

async function submit(over: Record<string, unknown> = {}, ip = newIp()) {
  const phone = (over.phone as string | undefined) ?? newPhone();
  const smsCodeValue = await smsCode(phone, ip);
  return post('/api/portal/petitions', form({ phone, smsCode: smsCodeValue, ...over }), ip);
}

describe('citizen portal', () => {
  beforeAll(async () => {
    app = await testApp();
    d = await makeDistrict();
  });

  it('submits online: a case on channel online at the chosen community, credentials shown once, password hashed', async () => {
    const res = await submit({ facts: '<script>alert("x")</script> 水沟<b>堵塞</b>' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { trackingCode, queryPassword } = res.body;
    expect(trackingCode).toMatch(/^WS[A-Z2-9]{10}$/);
    expect(queryPassword).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const { db } = await testDatabase();
    const row = await db
      .selectFrom('portal_petitions as p')
      .innerJoin('cases as c', 'c.id', 'p.case_id')
      .innerJoin('users as u', 'u.id', 'c.registered_by')
      .select([
        'p.password_hash',
        'p.consent_version',
        'c.channel',
        'c.owner_unit_id',
        'c.facts',
        'u.username',
      ])
      .where('p.tracking_code', '=', trackingCode)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(queryPassword);
    expect(row).toMatchObject({
      channel: 'online',
      owner_unit_id: d.communityA1.id,
      consent_version: CONSENT_VERSION,
      username: PORTAL_USERNAME,
    });
    // Stored exactly as typed; the track answer carries it as data, the page renders it as text.
    expect(row.facts).toBe('<script>alert("x")</script> 水沟<b>堵塞</b>');

    // The code alone reveals nothing; lower case and no dashes are fine.
    expect((await post('/api/portal/track', { trackingCode, password: '' }, newIp())).status).toBe(401);
    const tracked = await post(
      '/api/portal/track',
      { trackingCode: trackingCode.toLowerCase(), password: queryPassword.replaceAll('-', '').toLowerCase() },
      newIp(),
    );
    expect(tracked.status).toBe(200);
    expect(tracked.body.timeline.map((e: { text: string }) => e.text)).toEqual(['您的诉求已收到并登记']);
    expect(tracked.body.dueDates.map((x: { code: string }) => x.code)).toEqual(['D_NOTIFY_DIRECT']);
  });

  it('refuses a wrong SMS code, a missing consent, an invalid ID number, and a replayed CAPTCHA', async () => {
    const ip = newIp();
    const phone = newPhone();
    const code = await smsCode(phone, ip);
    const wrong = await post(
      '/api/portal/petitions',
      form({ phone, smsCode: code === '000000' ? '111111' : '000000' }),
      ip,
    );
    expect(wrong.body.error.code).toBe('SMS_CODE_INVALID');
    const noConsent = await post('/api/portal/petitions', form({ phone, smsCode: code, consent: false }), ip);
    expect(noConsent.status).toBe(400);
    const badId = await post(
      '/api/portal/petitions',
      form({ phone, smsCode: code, idNumber: '110105199001011234' }),
      ip,
    );
    expect(badId.status).toBe(400);
    // The failures above did not use the code up (a fresh address: this one spent its three tries).
    expect((await post('/api/portal/petitions', form({ phone, smsCode: code }), newIp())).status).toBe(201);
    // …but it is spent now.
    expect(
      (await post('/api/portal/petitions', form({ phone, smsCode: code }), newIp())).body.error.code,
    ).toBe('SMS_CODE_INVALID');

    const ip2 = newIp();
    const c = await captcha(ip2);
    expect((await post('/api/portal/sms-code', { ...c, phone: newPhone() }, ip2)).status).toBe(200);
    const replay = await post('/api/portal/sms-code', { ...c, phone: newPhone() }, ip2);
    expect(replay.body.error.code).toBe('CAPTCHA_INVALID');
  });

  it('limits requests per address and petitions per ID number, saying so plainly', async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('/api/portal/sms-code', {}, ip)).status);
    expect(statuses).toEqual([400, 400, 400, 429]);

    const idNumber = idNumberFor(9001);
    for (let i = 0; i < 3; i++) expect((await submit({ idNumber })).status).toBe(201);
    const fourth = await submit({ idNumber });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.message).toContain('同一身份证号24小时内最多在线提交3件');
  });

  it('throttles wrong query passwords: five wrong lock the code for a while, even for the right one', async () => {
    const { trackingCode, queryPassword } = (await submit()).body;
    const ip = newIp();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (await post('/api/portal/track', { trackingCode, password: `WRONG-${i}` }, ip)).body.error.code,
      );
    }
    expect(codes).toEqual([...Array(4).fill('TRACKING_CREDENTIALS_INVALID'), 'TRACKING_LOCKED']);
    const locked = await post('/api/portal/track', { trackingCode, password: queryPassword }, newIp());
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toContain('15分钟');
    // An unknown code answers exactly like a wrong password.
    expect(
      (await post('/api/portal/track', { trackingCode: 'WSAAAAAAAAAA', password: 'x' }, ip)).body.error.code,
    ).toBe('TRACKING_CREDENTIALS_INVALID');
  });

  it('after delivery: reads the reply, confirms receipt, rates, applies for 复查 — audited, no staff names or notes', async () => {
    const { trackingCode, queryPassword } = (await submit()).body;
    const creds = { trackingCode, password: queryPassword };
    const { db } = await testDatabase();
    const { case_id: caseId } = await db
      .selectFrom('portal_petitions')
      .select('case_id')
      .where('tracking_code', '=', trackingCode)
      .executeTakeFirstOrThrow();
    const staff = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
    const ws = await signInAs(staff);
    const run = async (name: string, body: Record<string, unknown> = {}) => {
      const cur = await ws.get(`/api/cases/${caseId}`);
      return expectOk(await ws.post(`/api/cases/${caseId}/${name}`, { version: cur.body.version, ...body }));
    };
    const before = await post('/api/portal/track', creds, newIp());
    expect(before.body.abilities).toEqual({ confirmReceipt: false, rate: false, requestReview: false });
    expect(
      (await post('/api/portal/track/rate', { ...creds, satisfaction: 'satisfied' }, newIp())).body.error
        .message,
    ).toBe('答复送达后才能评价');

    await run('accept', { note: '内部备注：请王科长关注' });
    await run('start-handling');
    await run('issue-opinion', {
      outcome: 'support',
      text: '已安排疏通排水沟。',
      legalBasis: '《信访工作条例》第32条',
    });
    await run('deliver', { method: 'electronic', deliveredOn: today(), proof: '网上送达' });

    const delivered = await post('/api/portal/track', creds, newIp());
    expect(delivered.body.replies).toEqual([
      { kind: 'opinion', title: '处理意见', text: '已安排疏通排水沟。' },
    ]);
    expect(delivered.body.abilities).toEqual({ confirmReceipt: true, rate: true, requestReview: true });
    expect(delivered.body.dueDates.map((x: { code: string }) => x.code)).toContain('D_REVIEW_WINDOW');
    const json = JSON.stringify(delivered.body);
    expect(json).not.toContain('内部备注');
    expect(json).not.toContain('测试用户');
    expect(json).not.toContain(staff.username);
    expect(json).not.toContain('李四');

    const confirmed = await post('/api/portal/track/confirm-receipt', creds, newIp());
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.receiptConfirmed).toBe(true);
    const rated = await post(
      '/api/portal/track/rate',
      { ...creds, satisfaction: 'unsatisfied', comment: '<i>没有</i>彻底解决' },
      newIp(),
    );
    expect(rated.status).toBe(200);
    const reviewed = await post(
      '/api/portal/track/request-review',
      { ...creds, reasons: '排水沟仍然堵塞' },
      newIp(),
    );
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body.status).toBe('review_requested');
    expect(reviewed.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'case.registered',
      'case.accepted',
      'case.delivered',
      'case.receipt_confirmed',
      'case.satisfaction_rated',
      'case.review_requested',
    ]);

    const events = await db
      .selectFrom('case_events as e')
      .innerJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.type', 'e.payload', 'u.username'])
      .where('e.case_id', '=', caseId)
      .where('e.type', 'in', ['case.receipt_confirmed', 'case.satisfaction_rated', 'case.review_requested'])
      .orderBy('e.seq')
      .execute();
    expect(events.map((e) => e.username)).toEqual([PORTAL_USERNAME, PORTAL_USERNAME, PORTAL_USERNAME]);
    expect(events[1]?.payload).toMatchObject({ satisfaction: 'unsatisfied', comment: '<i>没有</i>彻底解决' });
    // The portal's events sit in the same hash chain as the staff's.
    await expectChainIntact([caseId]);
  });

  it('refuses 复查 once the window has passed, naming its last day', async () => {
    const { trackingCode, queryPassword } = (await submit()).body;
    const creds = { trackingCode, password: queryPassword };
    const { db } = await testDatabase();
    const { case_id: caseId } = await db
      .selectFrom('portal_petitions')
      .select('case_id')
      .where('tracking_code', '=', trackingCode)
      .executeTakeFirstOrThrow();
    const staff = await makeUser(d.communityA1, [{ role: 'workstation_staff' }]);
    const ws = await signInAs(staff);
    for (const [name, body] of [
      ['accept', {}],
      ['start-handling', {}],
      ['issue-opinion', { outcome: 'support', text: '已处理。', legalBasis: '第32条' }],
      ['deliver', { method: 'electronic', deliveredOn: today(), proof: '网上送达' }],
    ] as const) {
      const cur = await ws.get(`/api/cases/${caseId}`);
      await expectOk(await ws.post(`/api/cases/${caseId}/${name}`, { version: cur.body.version, ...body }));
    }
    // As if the reply had been delivered long ago: the window's last day is behind us.
    await db
      .updateTable('case_deadlines')
      .set({ started_on: '2026-01-05', due_on: '2026-02-04' })
      .where('case_id', '=', caseId)
      .where('code', '=', 'D_REVIEW_WINDOW')
      .execute();
    const tracked = await post('/api/portal/track', creds, newIp());
    expect(tracked.body.abilities.requestReview).toBe(false);
    const late = await post('/api/portal/track/request-review', { ...creds, reasons: '不服' }, newIp());
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('OUT_OF_WINDOW');
    expect(late.body.error.message).toContain('截至2026-02-04），已超过期限');
  });
});

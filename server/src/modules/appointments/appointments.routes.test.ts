import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { fieldCryptoFor } from '../../lib/field-crypto.js';
import { expectOk } from '../../test/case-factories.js';
import { makeDistrict, signInAs } from '../../test/factories.js';
import { testApp } from '../../test/test-app.js';
import { testConfig, testDatabase } from '../../test/test-db.js';
import { citizen, newPhone } from '../portal/portal.test-helpers.js';
import { sendReminders } from './use-cases/book.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function smsTo(phone: string, topic: string): Promise<Record<string, string>[]> {
  const { db } = await testDatabase();
  const fc = fieldCryptoFor(testConfig());
  const rows = await db
    .selectFrom('outbox')
    .select('payload')
    .where('topic', '=', topic)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return rows
    .map((r) => r.payload as Record<string, string>)
    .filter((p) => fc.decrypt(p.phoneEnc!) === phone);
}

/** The portal lets a phone ask for a new code after a minute: the test does not wait for it. */
async function allowNewCode(phone: string) {
  const { db } = await testDatabase();
  await db
    .updateTable('portal_sms_codes')
    .set({ created_at: new Date(Date.now() - 120_000) })
    .where('phone_hmac', '=', fieldCryptoFor(testConfig()).blindIndex(phone))
    .execute();
}

async function setting() {
  const d = await makeDistrict();
  const clerk = await signInAs(d.clerkA);
  const session = async (over: Record<string, unknown> = {}) =>
    (
      await expectOk(
        await clerk.post('/api/reception-sessions', {
          unitId: d.townA.id,
          kind: 'leader_reception',
          hostName: '张镇长',
          hostTitle: '镇长',
          startsAt: inHours(30),
          endsAt: inHours(33),
          place: '甲镇综治中心接访室',
          topics: '征地拆迁、农村土地',
          capacity: 2,
          ...over,
        }),
        201,
      )
    ).id as string;
  return { d, clerk, session };
}

describe('预约接访 (S13)', () => {
  it('a citizen books a published leader-reception session, the clerk sees it, the citizen cancels', async () => {
    const { clerk, session } = await setting();
    const id = await session();
    const me = citizen(app);
    const schedule = (await me.get('/api/portal/reception-sessions')).body.items;
    const mine = schedule.find((s: { id: string }) => s.id === id);
    expect(mine).toMatchObject({
      hostName: '张镇长',
      remaining: 2,
      bookable: true,
      kind: 'leader_reception',
    });

    const phone = newPhone();
    const booked = await me.post('/api/portal/appointments', {
      sessionId: id,
      name: '王五',
      phone,
      smsCode: await me.smsCode(phone),
      subject: '承包地被占用，要求恢复',
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.bookingCode).toMatch(/^YY[A-Z2-9]{8}$/);
    // The confirmation SMS names the time, place and code — nothing else about the citizen.
    const [sms] = await smsTo(phone, 'sms.appointment.booked');
    expect(sms).toMatchObject({ bookingCode: booked.body.bookingCode, place: '甲镇综治中心接访室' });

    const detail = (await clerk.get(`/api/reception-sessions/${id}`)).body;
    expect(detail.booked).toBe(1);
    expect(detail.bookings).toEqual([
      expect.objectContaining({ name: '王五', subject: '承包地被占用，要求恢复', status: 'booked' }),
    ]);
    expect(detail.bookings[0].phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(JSON.stringify(detail)).not.toContain(phone);

    // Cancelling needs the code and the same phone.
    const wrong = await me.post('/api/portal/appointments/cancel', {
      bookingCode: booked.body.bookingCode,
      phone: newPhone(),
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('BOOKING_NOT_FOUND');
    const cancelled = await me.post('/api/portal/appointments/cancel', {
      bookingCode: booked.body.bookingCode.toLowerCase(),
      phone,
    });
    expect(cancelled.status).toBe(200);
    expect((await clerk.get(`/api/reception-sessions/${id}`)).body).toMatchObject({
      booked: 0,
      remaining: 2,
    });
  });

  it('never books more places than the session has, nor one phone twice', async () => {
    const { session } = await setting();
    const id = await session({ capacity: 1 });
    const first = citizen(app);
    const phone = newPhone();
    const code = await first.smsCode(phone);
    const body = { sessionId: id, name: '赵六', phone, smsCode: code, subject: '宅基地纠纷' };
    expect((await first.post('/api/portal/appointments', body)).status).toBe(201);
    await allowNewCode(phone);
    const again = await first.post('/api/portal/appointments', {
      ...body,
      smsCode: await first.smsCode(phone),
    });
    // Full before it is a duplicate: the one place is taken (by this phone).
    expect(again.body.error.code).toBe('SESSION_FULL');
    const roomy = await session({ capacity: 5 });
    await allowNewCode(phone);
    // Each code from another address: the portal allows three SMS requests per address a minute.
    const code2 = await citizen(app).smsCode(phone);
    const fine = await first.post('/api/portal/appointments', { ...body, sessionId: roomy, smsCode: code2 });
    expect(fine.status).toBe(201);
    await allowNewCode(phone);
    const twice = await first.post('/api/portal/appointments', {
      ...body,
      sessionId: roomy,
      smsCode: await citizen(app).smsCode(phone),
    });
    expect(twice.body.error.code).toBe('ALREADY_BOOKED');
    const other = citizen(app);
    const phone2 = newPhone();
    const full = await other.post('/api/portal/appointments', {
      ...body,
      phone: phone2,
      smsCode: await other.smsCode(phone2),
    });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('SESSION_FULL');
    expect(full.body.error.message).toBe('该场次预约已满，请选择其他场次');
  });

  it('refuses a wrong SMS code, and a session that begins within the hour', async () => {
    const { session } = await setting();
    const soon = await session({ startsAt: inHours(0.5), endsAt: inHours(2) });
    const later = await session();
    const me = citizen(app);
    const phone = newPhone();
    const code = await me.smsCode(phone);
    const bad = await me.post('/api/portal/appointments', {
      sessionId: later,
      name: '钱七',
      phone,
      smsCode: code === '000000' ? '111111' : '000000',
      subject: '咨询',
    });
    expect(bad.body.error.code).toBe('SMS_CODE_INVALID');
    const closed = await me.post('/api/portal/appointments', {
      sessionId: soon,
      name: '钱七',
      phone,
      smsCode: code,
      subject: '咨询',
    });
    expect(closed.body.error.code).toBe('SESSION_CLOSED');
    // The code was not spent on the refused booking.
    const ok = await me.post('/api/portal/appointments', {
      sessionId: later,
      name: '钱七',
      phone,
      smsCode: code,
      subject: '咨询',
    });
    expect(ok.status).toBe(201);
  });

  it('reminds once the day before, tells bookers when a session is cancelled, records attendance', async () => {
    const { d, clerk, session } = await setting();
    const id = await session({ startsAt: inHours(20), endsAt: inHours(22) });
    const me = citizen(app);
    const phone = newPhone();
    const booked = await me.post('/api/portal/appointments', {
      sessionId: id,
      name: '孙八',
      phone,
      smsCode: await me.smsCode(phone),
      subject: '拖欠工资',
    });
    expect(booked.status).toBe(201);
    const { db } = await testDatabase();
    await sendReminders(db);
    await sendReminders(db);
    expect(await smsTo(phone, 'sms.appointment.reminder')).toHaveLength(1);

    const detail = (await clerk.get(`/api/reception-sessions/${id}`)).body;
    const attended = await clerk.post(`/api/appointments/${detail.bookings[0].id}/attendance`, {
      outcome: 'attended',
    });
    expect(attended.body.bookings[0].status).toBe('attended');

    // Another session with a booking, cancelled by the office.
    const other = await session();
    const phone2 = newPhone();
    await expectOk(
      await me.post('/api/portal/appointments', {
        sessionId: other,
        name: '周九',
        phone: phone2,
        smsCode: await me.smsCode(phone2),
        subject: '噪音扰民',
      }),
      201,
    );
    const cancelled = await clerk.post(`/api/reception-sessions/${other}/cancel`, { reason: '镇长临时公务' });
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.bookings[0].status).toBe('cancelled');
    expect(await smsTo(phone2, 'sms.appointment.session_cancelled')).toHaveLength(1);
    expect(
      (await me.get('/api/portal/reception-sessions')).body.items.some((s: { id: string }) => s.id === other),
    ).toBe(false);

    // Another town's clerk does not see these sessions.
    const clerkB = await signInAs(d.clerkB);
    expect((await clerkB.get(`/api/reception-sessions/${id}`)).status).toBe(404);
    const listB = await clerkB.get('/api/reception-sessions');
    expect(listB.status, JSON.stringify(listB.body)).toBe(200);
    expect(
      (await clerkB.get('/api/reception-sessions')).body.items.some((s: { id: string }) => s.id === id),
    ).toBe(false);
    const notMine = await clerkB.post('/api/reception-sessions', {
      unitId: d.townA.id,
      kind: 'duty',
      hostName: '李',
      startsAt: inHours(30),
      endsAt: inHours(31),
      place: '甲镇',
      capacity: 3,
    });
    expect(notMine.status).toBe(400);
    expect(notMine.body.error.details[0].path).toBe('body.unitId');
  });

  it('lists the published workstations, searchable by place', async () => {
    const { d } = await setting();
    const admin = await signInAs(d.admin);
    const name = `甲一村我来办工作室${Date.now() % 1e6}`;
    const put = await admin.put(`/api/org-units/${d.communityA1.id}/workstation`, {
      name,
      publicPhone: '0411-88880000',
      address: '甲镇甲一村村委会一楼',
      openingHours: '工作日 8:30-17:00',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const roster = await admin.put(`/api/org-units/${d.communityA1.id}/duty-roster`, {
      entries: [
        { weekday: 3, startTime: '09:00', endTime: '11:30', staffName: '刘书记', staffTitle: '村党支部书记' },
      ],
    });
    expect(roster.status, JSON.stringify(roster.body)).toBe(200);
    const me = citizen(app);
    const found = (await me.get(`/api/portal/workstations?q=${encodeURIComponent(name.slice(-6))}`)).body
      .items;
    expect(found).toEqual([
      expect.objectContaining({
        name,
        town: '甲镇',
        address: '甲镇甲一村村委会一楼',
        duty: [{ weekday: 3, start: '09:00', end: '11:30', staff: '村党支部书记 刘书记' }],
      }),
    ]);
    expect((await me.get('/api/portal/workstations?q=不存在的地方xyz')).body.items).toEqual([]);
  });
});

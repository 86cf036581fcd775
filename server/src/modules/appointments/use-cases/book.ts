/**
 * The reception schedule, citizen side (public, in the portal): see the published sessions and the
 * workstations' duty hours, book a place with a phone proved by an SMS code, cancel it with the
 * booking code and the same phone. Reminders go out the day before.
 */

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { maskPhone } from '../../../../../common/src/masking.js';
import type { Config } from '../../../config.js';
import type { DB } from '../../../db/types.js';
import { AppError } from '../../../http/errors.js';
import { fieldCryptoFor, normalizePhone } from '../../../lib/field-crypto.js';
import { recordAdminEvent } from '../../audit/admin-events.js';
import { consumeSmsCode, releaseSmsCode } from '../../portal/use-cases/send-sms-code.js';
import { normalizeCredential, randomChars } from '../../portal/use-cases/submit-petition.js';
import { shanghaiWhen, upcomingPublished } from '../appointments.repository.js';
import type { BookInput } from '../appointments.schemas.js';
import { present } from './sessions.js';

type Deps = { db: Kysely<DB>; config: Config; requestId: string };

/** Bookings close this long before a session begins, so the host has the list in time. */
export const BOOKING_CLOSES_MS = 60 * 60_000;
/** The public schedule looks this far ahead. */
const HORIZON_DAYS = 60;

export async function publicSchedule(db: Kysely<DB>) {
  const now = new Date();
  const rows = await upcomingPublished(db, now, 200);
  const horizon = now.getTime() + HORIZON_DAYS * 86_400_000;
  return {
    items: rows
      .filter((r) => r.starts_at.getTime() <= horizon)
      .map((r) => ({
        ...present(r),
        bookable: r.starts_at.getTime() - now.getTime() > BOOKING_CLOSES_MS && r.booked < r.capacity,
      })),
  };
}

export async function book(deps: Deps, input: BookInput) {
  const { db, config } = deps;
  const fc = fieldCryptoFor(config);
  const phone = normalizePhone(input.phone);
  const phoneHmac = fc.blindIndex(phone);
  const session = await db
    .selectFrom('reception_sessions')
    .select(['id', 'status', 'starts_at', 'place', 'host_name', 'host_title'])
    .where('id', '=', input.sessionId)
    .executeTakeFirst();
  if (!session) throw new AppError('NOT_FOUND');
  if (session.status !== 'published' || session.starts_at.getTime() - Date.now() <= BOOKING_CLOSES_MS)
    throw new AppError('SESSION_CLOSED');
  const codeId = await consumeSmsCode(db, config, phoneHmac, input.smsCode);
  try {
    return await db.transaction().execute(async (trx) => {
      // One statement takes the place: the row lock and the capacity check make two last bookings
      // for the last place come out as one booking and one SESSION_FULL.
      const taken = await trx
        .updateTable('reception_sessions')
        .set((eb) => ({ booked: eb('booked', '+', 1) }))
        .where('id', '=', session.id)
        .where('status', '=', 'published')
        .where(sql<boolean>`booked < capacity`)
        .returning('id')
        .executeTakeFirst();
      if (!taken) throw new AppError('SESSION_FULL');
      const exists = await trx
        .selectFrom('appointments')
        .select('id')
        .where('session_id', '=', session.id)
        .where('phone_hmac', '=', phoneHmac)
        .where('status', '=', 'booked')
        .executeTakeFirst();
      if (exists) throw new AppError('ALREADY_BOOKED');
      const bookingCode = `YY${randomChars(8)}`;
      const row = await trx
        .insertInto('appointments')
        .values({
          session_id: session.id,
          booking_code: bookingCode,
          name: input.name,
          phone_enc: fc.encrypt(phone),
          phone_hmac: phoneHmac,
          phone_masked: maskPhone(phone),
          subject: input.subject,
          person_count: input.personCount,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const when = shanghaiWhen(session.starts_at);
      await trx
        .insertInto('outbox')
        .values({
          case_id: null,
          topic: 'sms.appointment.booked',
          payload: JSON.stringify({ phoneEnc: fc.encrypt(phone), when, place: session.place, bookingCode }),
        })
        .execute();
      await recordAdminEvent(trx, {
        actor: null,
        type: 'appointment.booked',
        entityType: 'appointment',
        entityId: row.id,
        payload: { sessionId: session.id, phone: maskPhone(phone) },
        requestId: deps.requestId,
      });
      return {
        bookingCode,
        when,
        place: session.place,
        host: [session.host_title, session.host_name].filter(Boolean).join(' '),
      };
    });
  } catch (err) {
    // Nothing was booked: the code may be used again for another session.
    await releaseSmsCode(db, codeId);
    throw err;
  }
}

export async function cancelBooking(deps: Deps, input: { bookingCode: string; phone: string }) {
  const { db, config } = deps;
  const phoneHmac = fieldCryptoFor(config).blindIndex(normalizePhone(input.phone));
  const code = normalizeCredential(input.bookingCode);
  await db.transaction().execute(async (trx) => {
    const a = await trx
      .updateTable('appointments')
      .set({ status: 'cancelled', updated_at: new Date() })
      .where('booking_code', '=', code)
      .where('phone_hmac', '=', phoneHmac)
      .where('status', '=', 'booked')
      .returning(['id', 'session_id'])
      .executeTakeFirst();
    if (!a) throw new AppError('BOOKING_NOT_FOUND');
    await trx
      .updateTable('reception_sessions')
      .set((eb) => ({ booked: eb('booked', '-', 1) }))
      .where('id', '=', a.session_id)
      .execute();
    await recordAdminEvent(trx, {
      actor: null,
      type: 'appointment.cancelled',
      entityType: 'appointment',
      entityId: a.id,
      payload: { by: 'citizen' },
      requestId: deps.requestId,
    });
  });
  return { cancelled: true };
}

/**
 * 提醒: an SMS to every live booking of the sessions that begin within the next day, once. Safe
 * to run from several processes: each booking is claimed by the update that marks it reminded.
 */
export async function sendReminders(db: Kysely<DB>, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .updateTable('appointments as a')
      .from('reception_sessions as s')
      .set({ reminded_at: now })
      .whereRef('s.id', '=', 'a.session_id')
      .where('a.status', '=', 'booked')
      .where('a.reminded_at', 'is', null)
      .where('s.status', '=', 'published')
      .where('s.starts_at', '>', now)
      .where('s.starts_at', '<=', new Date(now.getTime() + 24 * 3600_000))
      .returning(['a.id', 'a.phone_enc', 'a.booking_code', 's.starts_at', 's.place'])
      .execute();
    if (due.length === 0) return 0;
    await trx
      .insertInto('outbox')
      .values(
        due.map((a) => ({
          case_id: null,
          topic: 'sms.appointment.reminder',
          payload: JSON.stringify({
            phoneEnc: a.phone_enc,
            when: shanghaiWhen(a.starts_at),
            place: a.place,
            bookingCode: a.booking_code,
          }),
        })),
      )
      .execute();
    return due.length;
  });
}

/** 我来办工作室 directory: every published workstation, searchable by name or address. */
export async function workstationDirectory(
  db: Kysely<DB>,
  q: { q?: string | undefined; limit: number; offset: number },
) {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .selectFrom('workstations as w')
    .innerJoin('org_units as u', 'u.id', 'w.unit_id')
    .leftJoin('org_units as p', 'p.id', 'u.parent_id')
    .select([
      'w.unit_id',
      'w.name',
      'w.address',
      'w.public_phone',
      'w.opening_hours',
      'w.latitude',
      'w.longitude',
      'p.name as parent_name',
    ])
    .where('w.is_published', '=', true)
    .where('u.is_active', '=', true)
    .$if(!!like, (qb) =>
      qb.where((eb) =>
        eb.or([eb('w.name', 'ilike', like!), eb('w.address', 'ilike', like!), eb('p.name', 'ilike', like!)]),
      ),
    )
    .orderBy('p.name')
    .orderBy('w.name')
    .limit(q.limit + 1)
    .offset(q.offset)
    .execute();
  const page = rows.slice(0, q.limit);
  const duty = page.length
    ? await db
        .selectFrom('duty_roster_entries')
        .select(['unit_id', 'weekday', 'start_time', 'end_time', 'staff_name', 'staff_title'])
        .where(
          'unit_id',
          'in',
          page.map((r) => r.unit_id),
        )
        .orderBy('weekday')
        .orderBy('start_time')
        .execute()
    : [];
  return {
    items: page.map((r) => ({
      unitId: r.unit_id,
      name: r.name,
      town: r.parent_name,
      address: r.address,
      phone: r.public_phone,
      openingHours: r.opening_hours,
      latitude: r.latitude,
      longitude: r.longitude,
      duty: duty
        .filter((d) => d.unit_id === r.unit_id)
        .map((d) => ({
          weekday: d.weekday,
          start: String(d.start_time).slice(0, 5),
          end: String(d.end_time).slice(0, 5),
          staff: [d.staff_title, d.staff_name].filter(Boolean).join(' '),
        })),
    })),
    hasMore: rows.length > q.limit,
  };
}

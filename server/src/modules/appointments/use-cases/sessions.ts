/**
 * The reception schedule, staff side: publish a leader-reception day or a duty session, cancel it
 * (the bookings are told by SMS), see who booked, and record whether they came.
 */
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can, scopeFilter } from '../../../policy/policy.js';
import { recordAdminEvent } from '../../audit/admin-events.js';
import { findCaseInScope } from '../../cases/cases.repository.js';
import { bookingsOf, findSession, sessionsInScope, shanghaiWhen } from '../appointments.repository.js';
import type { SessionInput } from '../appointments.schemas.js';

const PERMISSION = 'reception.manage' as const;

export async function publishSession(ctx: Ctx, input: SessionInput): Promise<{ id: string }> {
  const { db, actor } = ctx;
  const unit = await db
    .selectFrom('org_units')
    .select(['id', 'path', 'is_active'])
    .where('id', '=', input.unitId)
    .executeTakeFirst();
  if (!unit?.is_active || !can(actor, PERMISSION, { unitPath: unit.path })) {
    throw new AppError('VALIDATION_FAILED', [
      { path: 'body.unitId', message: '单位不存在或不在您的管辖范围内' },
    ]);
  }
  if (Date.parse(input.startsAt) <= Date.now()) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'body.startsAt', message: '开始时间须晚于现在' }]);
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('reception_sessions')
      .values({
        unit_id: unit.id,
        kind: input.kind,
        host_user_id: input.hostUserId ?? null,
        host_name: input.hostName,
        host_title: input.hostTitle ?? null,
        starts_at: new Date(input.startsAt),
        ends_at: new Date(input.endsAt),
        place: input.place,
        topics: input.topics ?? null,
        capacity: input.capacity,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAdminEvent(trx, {
      actor,
      type: 'reception_session.published',
      entityType: 'reception_session',
      entityId: row.id,
      payload: { unitId: unit.id, kind: input.kind, startsAt: input.startsAt, capacity: input.capacity },
      requestId: ctx.requestId,
    });
    return { id: row.id };
  });
}

/** A session the actor runs, or 404: sessions of other units do not exist for them. */
async function ownSession(ctx: Ctx, id: string) {
  const s = await findSession(ctx.db, id);
  if (!s || !can(ctx.actor, PERMISSION, { unitPath: s.unit_path })) throw new AppError('NOT_FOUND');
  return s;
}

export async function listSessions(ctx: Ctx, q: { from?: string | undefined; limit: number }) {
  if (!can(ctx.actor, PERMISSION)) throw new AppError('FORBIDDEN');
  const rows = await sessionsInScope(
    ctx.db,
    scopeFilter(ctx.actor, PERMISSION, 'u.path'),
    q.from ? new Date(q.from) : new Date(),
    q.limit,
  );
  return { items: rows.map(present) };
}

export async function sessionDetail(ctx: Ctx, id: string) {
  const s = await ownSession(ctx, id);
  const bookings = await bookingsOf(ctx.db, id);
  return {
    ...present(s),
    bookings: bookings.map((b) => ({
      id: b.id,
      bookingCode: b.booking_code,
      name: b.name,
      phone: b.phone_masked,
      subject: b.subject,
      personCount: b.person_count,
      status: b.status,
      caseId: b.case_id,
      bookedAt: b.created_at.toISOString(),
    })),
  };
}

export async function cancelSession(ctx: Ctx, id: string, reason: string) {
  const s = await ownSession(ctx, id);
  if (s.status !== 'published') throw new AppError('SESSION_CLOSED');
  await ctx.db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('reception_sessions')
      .set({ status: 'cancelled', cancel_reason: reason })
      .where('id', '=', id)
      .where('status', '=', 'published')
      .returning('id')
      .executeTakeFirst();
    if (!changed) throw new AppError('SESSION_CLOSED');
    const cancelled = await trx
      .updateTable('appointments')
      .set({ status: 'cancelled', updated_at: new Date() })
      .where('session_id', '=', id)
      .where('status', '=', 'booked')
      .returning(['id', 'phone_enc', 'booking_code'])
      .execute();
    // Everyone who booked hears of it; the phone travels encrypted as with the portal's codes.
    if (cancelled.length) {
      await trx
        .insertInto('outbox')
        .values(
          cancelled.map((a) => ({
            case_id: null,
            topic: 'sms.appointment.session_cancelled',
            payload: JSON.stringify({
              phoneEnc: a.phone_enc,
              when: shanghaiWhen(s.starts_at),
              place: s.place,
              bookingCode: a.booking_code,
            }),
          })),
        )
        .execute();
    }
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: 'reception_session.cancelled',
      entityType: 'reception_session',
      entityId: id,
      payload: { reason, bookingsCancelled: cancelled.length },
      requestId: ctx.requestId,
    });
  });
  return sessionDetail(ctx, id);
}

export async function recordAttendance(
  ctx: Ctx,
  appointmentId: string,
  input: { outcome: 'attended' | 'no_show'; caseId?: string | undefined },
) {
  const a = await ctx.db
    .selectFrom('appointments')
    .select(['id', 'session_id', 'status'])
    .where('id', '=', appointmentId)
    .executeTakeFirst();
  if (!a) throw new AppError('NOT_FOUND');
  await ownSession(ctx, a.session_id);
  if (a.status !== 'booked' && a.status !== 'attended' && a.status !== 'no_show')
    throw new AppError('SESSION_CLOSED', undefined, { zh: '该预约已取消', en: 'This booking was cancelled' });
  if (input.caseId && !(await findCaseInScope(ctx.db, ctx.actor, input.caseId))) {
    throw new AppError('VALIDATION_FAILED', [
      { path: 'body.caseId', message: '事项不存在或不在您的管辖范围内' },
    ]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('appointments')
      .set({ status: input.outcome, case_id: input.caseId ?? null, updated_at: new Date() })
      .where('id', '=', appointmentId)
      .execute();
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: input.outcome === 'attended' ? 'appointment.attended' : 'appointment.no_show',
      entityType: 'appointment',
      entityId: appointmentId,
      payload: { caseId: input.caseId ?? null },
      requestId: ctx.requestId,
    });
  });
  return sessionDetail(ctx, a.session_id);
}

type SessionRow = Awaited<ReturnType<typeof findSession>> & object;

export function present(s: Omit<SessionRow, 'unit_path'>) {
  return {
    id: s.id,
    unit: { id: s.unit_id, name: s.unit_name },
    kind: s.kind,
    hostName: s.host_name,
    hostTitle: s.host_title,
    startsAt: s.starts_at.toISOString(),
    endsAt: s.ends_at.toISOString(),
    place: s.place,
    topics: s.topics,
    capacity: s.capacity,
    booked: s.booked,
    remaining: s.status === 'published' ? s.capacity - s.booked : 0,
    status: s.status,
  };
}

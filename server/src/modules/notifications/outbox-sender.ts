import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { maskPhone } from '../../../../common/src/masking.js';
import type { Config } from '../../config.js';
import type { DB } from '../../db/types.js';
import { fieldCryptoFor } from '../../lib/field-crypto.js';
import { writeUnitNotices } from './notices.repository.js';
import { renderNotice, renderSms } from './templates.js';
import { type Transport, TransportError } from './transports.js';

/**
 * The outbox sender. Rows are written by the case commands and timers in the transaction of the
 * change; this sweep delivers them afterwards.
 *
 * Claiming is one statement: due rows are picked `FOR UPDATE SKIP LOCKED` and leased (available_at
 * moved past the lease, attempts + 1) before anything is sent, so two processes sweeping at once never
 * take the same row. A row whose sender died mid-way becomes due again when its lease ends: a crash
 * between the gateway's acceptance and the outcome being written is the one case in which a message
 * can go out twice, and the gateway receives the same idempotency key both times.
 *
 * Failures are retried with exponential back-off (base × 2^(attempt−1), at most six hours); after the
 * configured number of attempts, or when the gateway refuses the message itself, the row is
 * dead-lettered (outcome 'dead') and shown to administrators, who may retry it.
 */

export const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;

export interface SweepResult {
  sent: number;
  skipped: number;
  retried: number;
  dead: number;
}

export interface SweepOptions {
  now?: Date;
  limit?: number;
  /** Only rows of these cases (tests share one database and sweep only what they wrote). */
  caseIds?: string[];
}

type Row = { id: number; case_id: string | null; topic: string; payload: unknown; attempts: number };

interface Outcome {
  outcome: 'sent' | 'skipped';
  transport: string;
  recipientMasked?: string | null;
  message?: string | null;
  note?: string;
}

export function backoffMs(config: Config, attempts: number): number {
  return Math.min(config.notify.retryBaseSeconds * 1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** Claims due rows for this process: one statement, so concurrent sweeps split the rows between them. */
async function claim(db: Kysely<DB>, now: Date, limit: number, caseIds?: string[]): Promise<Row[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const res = await sql<Row>`
    update outbox o
       set available_at = ${leaseUntil}, attempts = o.attempts + 1
     where o.id in (
       select id from outbox
        where processed_at is null and available_at <= ${now}
          and (${caseIds ?? null}::uuid[] is null or case_id = any(${caseIds ?? null}::uuid[]))
        order by available_at, id
        limit ${limit}
        for update skip locked)
    returning o.id, o.case_id, o.topic, o.payload, o.attempts`.execute(db);
  return res.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Who receives a petitioner SMS: a group petition speaks through its representatives (第18条), so the
 * first representative with a phone; otherwise the first petitioner with one. One recipient per row
 * keeps "sent at most once" true per row.
 */
async function petitionerPhone(db: Kysely<DB>, caseId: string) {
  return db
    .selectFrom('case_parties')
    .select(['phone_enc'])
    .where('case_id', '=', caseId)
    .where('role', 'in', ['representative', 'petitioner'])
    .where('phone_enc', 'is not', null)
    .orderBy(sql`case role when 'representative' then 0 else 1 end`)
    .orderBy('sort_order')
    .limit(1)
    .executeTakeFirst();
}

async function deliver(db: Kysely<DB>, config: Config, transport: Transport, row: Row): Promise<Outcome> {
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  if (row.topic === 'sms.portal.code') {
    // The portal's one-time code: no case yet, so the phone travels encrypted in the payload. The
    // message kept on the row hides the code; it is valid for minutes and nobody needs to read it back.
    const code = typeof payload.code === 'string' ? payload.code : '';
    const phoneEnc = typeof payload.phoneEnc === 'string' ? payload.phoneEnc : undefined;
    if (!code || !phoneEnc)
      return { outcome: 'skipped', transport: transport.name, note: 'no phone or code' };
    const to = fieldCryptoFor(config).decrypt(phoneEnc);
    const text = `【${config.notify.smsSignature}】您的验证码为${code}，10分钟内有效。如非本人操作，请忽略本短信。`;
    await transport.send({ outboxId: row.id, topic: row.topic, channel: 'sms', to, text });
    return {
      outcome: 'sent',
      transport: transport.name,
      recipientMasked: maskPhone(to),
      message: text.replace(code, '******'),
    };
  }
  if (row.topic.startsWith('sms.appointment.')) {
    const text = renderSms(row.topic, payload, config.notify.smsSignature);
    const phoneEnc = typeof payload.phoneEnc === 'string' ? payload.phoneEnc : undefined;
    if (!text || !phoneEnc)
      return { outcome: 'skipped', transport: transport.name, note: 'no phone or template' };
    const to = fieldCryptoFor(config).decrypt(phoneEnc);
    await transport.send({ outboxId: row.id, topic: row.topic, channel: 'sms', to, text });
    return { outcome: 'sent', transport: transport.name, recipientMasked: maskPhone(to), message: text };
  }
  if (row.topic.startsWith('sms.petitioner.')) {
    const text = renderSms(row.topic, payload, config.notify.smsSignature);
    if (!text) return { outcome: 'skipped', transport: transport.name, note: 'no template for this topic' };
    if (!row.case_id)
      return { outcome: 'skipped', transport: transport.name, message: text, note: 'no case' };
    const party = await petitionerPhone(db, row.case_id);
    if (!party?.phone_enc) {
      return { outcome: 'skipped', transport: transport.name, message: text, note: 'no phone on file' };
    }
    // Decrypted here, used for this one call, never stored or logged in the clear.
    const to = fieldCryptoFor(config).decrypt(party.phone_enc);
    await transport.send({ outboxId: row.id, topic: row.topic, channel: 'sms', to, text });
    return { outcome: 'sent', transport: transport.name, recipientMasked: maskPhone(to), message: text };
  }
  if (row.topic.startsWith('notice.unit.')) {
    const notice = renderNotice(row.topic, payload);
    const unitId = typeof payload.unitId === 'string' ? payload.unitId : undefined;
    if (!notice || !unitId)
      return { outcome: 'skipped', transport: 'in_app', note: 'no notice for this topic' };
    const n = await writeUnitNotices(db, {
      outboxId: row.id,
      unitId,
      caseId: row.case_id,
      caseNo: typeof payload.caseNo === 'string' ? payload.caseNo : null,
      ...notice,
    });
    return {
      outcome: n ? 'sent' : 'skipped',
      transport: 'in_app',
      message: notice.text,
      recipientMasked: `${n}人`,
    };
  }
  return { outcome: 'skipped', transport: 'none', note: 'no handler for this topic' };
}

/** Error text kept on the row: short, and with anything that looks like a phone number masked. */
const safeError = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).replace(/1\d{10}/g, (m) => maskPhone(m)).slice(0, 500);

/** Delivers the due outbox rows once. Safe to run from several processes at the same time. */
export async function runOutboxSweep(
  db: Kysely<DB>,
  config: Config,
  transport: Transport,
  opts: SweepOptions = {},
): Promise<SweepResult> {
  const now = opts.now ?? new Date();
  const rows = await claim(db, now, opts.limit ?? 100, opts.caseIds);
  const result: SweepResult = { sent: 0, skipped: 0, retried: 0, dead: 0 };
  for (const row of rows) {
    try {
      const o = await deliver(db, config, transport, row);
      await db
        .updateTable('outbox')
        .set({
          processed_at: new Date(),
          outcome: o.outcome,
          transport: o.transport,
          recipient_masked: o.recipientMasked ?? null,
          message: o.message ?? null,
          last_error: o.note ?? null,
        })
        .where('id', '=', row.id)
        .execute();
      result[o.outcome]++;
    } catch (err) {
      const permanent = err instanceof TransportError && err.permanent;
      const dead = permanent || row.attempts >= config.notify.maxAttempts;
      await db
        .updateTable('outbox')
        .set(
          dead
            ? {
                processed_at: new Date(),
                outcome: 'dead',
                transport: transport.name,
                last_error: safeError(err),
              }
            : {
                available_at: new Date(now.getTime() + backoffMs(config, row.attempts)),
                transport: transport.name,
                last_error: safeError(err),
              },
        )
        .where('id', '=', row.id)
        .execute();
      result[dead ? 'dead' : 'retried']++;
    }
  }
  return result;
}

/**
 * Runs the sender in this process every `everyMs` (TIMERS=off disables it with the other timers).
 * Overlapping runs in one process are skipped; across processes the claim keeps them apart.
 */
export function startOutboxSender(
  db: Kysely<DB>,
  config: Config,
  transport: Transport,
  log: { info(o: object, m: string): void; error(o: object, m: string): void },
  everyMs = 15_000,
): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runOutboxSweep(db, config, transport);
      if (r.sent || r.skipped || r.retried || r.dead) log.info({ ...r }, 'outbox');
    } catch (err) {
      log.error({ err }, 'outbox sweep failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

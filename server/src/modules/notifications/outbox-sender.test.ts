import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmd, expectOk, idNumberFor, intake } from '../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../test/factories.js';
import { testConfig, testDatabase } from '../../test/test-db.js';
import { backoffMs, LEASE_MS, runOutboxSweep } from './outbox-sender.js';
import { httpSmsTransport, signBody } from './transports.js';

const SECRET = 'gateway-secret-0123456789';

/** A real SMS gateway stand-in: checks the signature, records what it accepted, answers as told. */
function gateway() {
  const received: { id: string; to: string; text: string; idempotencyKey: string }[] = [];
  let answer: () => number = () => 200;
  let delayMs = 0;
  let badSignatures = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const ts = String(req.headers['x-laiban-timestamp']);
      if (req.headers['x-laiban-signature'] !== `sha256=${signBody(SECRET, ts, body)}`) badSignatures++;
      const status = answer();
      setTimeout(() => {
        if (status === 200) {
          const m = JSON.parse(body);
          received.push({
            id: m.id,
            to: m.to,
            text: m.text,
            idempotencyKey: String(req.headers['idempotency-key']),
          });
        }
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      }, delayMs);
    });
  });
  return {
    server,
    received,
    get badSignatures() {
      return badSignatures;
    },
    answerWith(f: () => number) {
      answer = f;
    },
    delay(ms: number) {
      delayMs = ms;
    },
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
  };
}

const gw = gateway();
beforeAll(async () => {
  await new Promise<void>((r) => gw.server.listen(0, '127.0.0.1', () => r()));
});
afterAll(async () => {
  await new Promise<void>((r) => gw.server.close(() => r()));
});

const config = (over: Record<string, string> = {}) =>
  testConfig({ NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_RETRY_BASE_SECONDS: '60', ...over });
const transport = () => httpSmsTransport({ url: gw.url(), secret: SECRET, signature: '来办' });

async function acceptedCase(over: Record<string, unknown> = {}) {
  const d = await makeDistrict();
  const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
  const created = await expectOk(await ws.post('/api/cases', intake(over)), 201);
  const id = created.id as string;
  await expectOk(await cmd(ws, id, 'accept'));
  return { d, ws, id, caseNo: created.caseNo as string };
}

async function outboxOf(caseId: string) {
  const { db } = await testDatabase();
  return db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

describe('outbox sender', () => {
  it('texts the petitioner through the gateway once, naming the case number, never the ID number', async () => {
    gw.answerWith(() => 200);
    const { id, caseNo } = await acceptedCase();
    const { db } = await testDatabase();
    const first = await runOutboxSweep(db, config(), transport(), { caseIds: [id] });
    expect(first).toEqual({ sent: 1, skipped: 0, retried: 0, dead: 0 });
    const mine = gw.received.filter((m) => m.text.includes(caseNo));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.to).toBe('13812345678');
    expect(mine[0]?.text).toMatch(
      new RegExp(`^【来办】您的信访事项（编号${caseNo}）已受理，将于\\d{4}-\\d{2}-\\d{2}前`),
    );
    expect(mine[0]?.text).not.toContain(idNumberFor(7));
    expect(gw.badSignatures).toBe(0);
    const [row] = await outboxOf(id);
    expect(row).toMatchObject({ topic: 'sms.petitioner.accepted', outcome: 'sent', transport: 'http' });
    expect(row?.recipient_masked).toBe('138****5678');
    expect(mine[0]?.idempotencyKey).toBe(`laiban-${row?.id}`);
    // Nothing in the row carries the phone in the clear.
    expect(JSON.stringify(row)).not.toContain('13812345678');
    // A second sweep finds nothing left to send.
    expect(await runOutboxSweep(db, config(), transport(), { caseIds: [id] })).toEqual({
      sent: 0,
      skipped: 0,
      retried: 0,
      dead: 0,
    });
  });

  it('retries a failing gateway with exponential back-off, then dead-letters the row', async () => {
    gw.answerWith(() => 503);
    const { id } = await acceptedCase();
    const { db } = await testDatabase();
    const cfg = config();
    const t0 = new Date();
    expect((await runOutboxSweep(db, cfg, transport(), { caseIds: [id], now: t0 })).retried).toBe(1);
    let [row] = await outboxOf(id);
    expect(row).toMatchObject({ attempts: 1, processed_at: null, last_error: 'gateway answered 503' });
    expect(row!.available_at.getTime()).toBe(t0.getTime() + 60_000);
    // Not due again before its back-off ends.
    expect(
      (await runOutboxSweep(db, cfg, transport(), { caseIds: [id], now: new Date(t0.getTime() + 59_000) }))
        .retried,
    ).toBe(0);
    const t1 = new Date(t0.getTime() + 60_000);
    await runOutboxSweep(db, cfg, transport(), { caseIds: [id], now: t1 });
    [row] = await outboxOf(id);
    expect(row!.attempts).toBe(2);
    expect(row!.available_at.getTime()).toBe(t1.getTime() + 120_000);
    expect(backoffMs(cfg, 3)).toBe(240_000);
    const t2 = new Date(t1.getTime() + 120_000);
    expect((await runOutboxSweep(db, cfg, transport(), { caseIds: [id], now: t2 })).dead).toBe(1);
    [row] = await outboxOf(id);
    expect(row).toMatchObject({ attempts: 3, outcome: 'dead' });
    expect(row!.processed_at).not.toBeNull();
    expect(
      (
        await runOutboxSweep(db, cfg, transport(), {
          caseIds: [id],
          now: new Date(t2.getTime() + 86_400_000),
        })
      ).dead,
    ).toBe(0);
  });

  it('dead-letters at once when the gateway refuses the message itself (4xx)', async () => {
    gw.answerWith(() => 400);
    const { id } = await acceptedCase();
    const { db } = await testDatabase();
    expect((await runOutboxSweep(db, config(), transport(), { caseIds: [id] })).dead).toBe(1);
    expect((await outboxOf(id))[0]).toMatchObject({
      attempts: 1,
      outcome: 'dead',
      last_error: 'gateway answered 400',
    });
  });

  it('sends each row once even when two sweeps run at the same time', async () => {
    gw.answerWith(() => 200);
    gw.delay(30);
    const cases = await Promise.all([acceptedCase(), acceptedCase(), acceptedCase()]);
    const ids = cases.map((c) => c.id);
    const { db } = await testDatabase();
    const [a, b] = await Promise.all([
      runOutboxSweep(db, config(), transport(), { caseIds: ids }),
      runOutboxSweep(db, config(), transport(), { caseIds: ids }),
    ]);
    gw.delay(0);
    expect(a.sent + b.sent).toBe(3);
    for (const c of cases) expect(gw.received.filter((m) => m.text.includes(c.caseNo))).toHaveLength(1);
    // A row whose sender died mid-way (lease taken, nothing recorded) is taken again after the lease.
    const { id } = await acceptedCase();
    const t0 = new Date();
    await db
      .updateTable('outbox')
      .set({ available_at: new Date(t0.getTime() + LEASE_MS), attempts: 1 })
      .where('case_id', '=', id)
      .execute();
    expect((await runOutboxSweep(db, config(), transport(), { caseIds: [id], now: t0 })).sent).toBe(0);
    expect(
      (
        await runOutboxSweep(db, config(), transport(), {
          caseIds: [id],
          now: new Date(t0.getTime() + LEASE_MS),
        })
      ).sent,
    ).toBe(1);
  });

  it('skips a message when no petitioner left a phone, and says why', async () => {
    gw.answerWith(() => 200);
    const { id } = await acceptedCase({
      petitioners: [{ name: '李四', idNumber: idNumberFor(8), address: '甲一村5组' }],
    });
    const { db } = await testDatabase();
    expect((await runOutboxSweep(db, config(), transport(), { caseIds: [id] })).skipped).toBe(1);
    expect((await outboxOf(id))[0]).toMatchObject({ outcome: 'skipped', last_error: 'no phone on file' });
  });
});

describe('admin outbox', () => {
  it('lists rows with personal data masked, filters by status and topic, and retries a dead letter', async () => {
    gw.answerWith(() => 400);
    const { d, ws, id, caseNo } = await acceptedCase();
    const leader = await makeUser(d.communityA1, [{ role: 'leader' }]);
    await expectOk(
      await cmd(ws, id, 'extend', {
        reason: '需要张三本人到场，电话13812345678',
        days: 10,
        approvedBy: leader.id,
      }),
    );
    const { db } = await testDatabase();
    await runOutboxSweep(db, config(), transport(), { caseIds: [id] });
    const admin = await signInAs(d.admin);
    const failed = await expectOk(await admin.get('/api/admin/outbox?status=failed&pageSize=100'));
    const rows = (
      failed.items as { caseNo: string; topic: string; payload: Record<string, unknown>; id: number }[]
    ).filter((r) => r.caseNo === caseNo);
    expect(rows.map((r) => r.topic).sort()).toEqual(['sms.petitioner.accepted', 'sms.petitioner.extended']);
    const extended = rows.find((r) => r.topic === 'sms.petitioner.extended')!;
    expect(extended.payload.caseNo).toBe(caseNo);
    expect(JSON.stringify(failed)).not.toContain('13812345678');
    expect(JSON.stringify(failed)).not.toContain('张三');
    const byTopic = (await admin.get('/api/admin/outbox?topic=sms.petitioner.ext&pageSize=100')).body;
    expect(byTopic.items.length).toBeGreaterThan(0);
    expect(byTopic.items.every((r: { topic: string }) => r.topic === 'sms.petitioner.extended')).toBe(true);
    // Staff and other districts' admins do not see the outbox.
    expect((await ws.get('/api/admin/outbox')).status).toBe(403);
    const other = await signInAs((await makeDistrict()).admin);
    expect(
      (await other.get('/api/admin/outbox?pageSize=100')).body.items.some(
        (r: { caseNo: string }) => r.caseNo === caseNo,
      ),
    ).toBe(false);
    expect((await other.post(`/api/admin/outbox/${extended.id}/retry`)).status).toBe(404);

    await expectOk(await admin.post(`/api/admin/outbox/${extended.id}/retry`));
    gw.answerWith(() => 200);
    expect((await runOutboxSweep(db, config(), transport(), { caseIds: [id] })).sent).toBe(1);
    const sent = (await admin.get('/api/admin/outbox?status=sent&topic=sms.petitioner.extended&pageSize=100'))
      .body;
    const row = sent.items.find((r: { id: number }) => r.id === extended.id);
    expect(row).toMatchObject({ status: 'sent', recipient: '138****5678' });
    expect(row.message).toMatch(/办理期限已依法延长至/);
    expect((await admin.post(`/api/admin/outbox/${extended.id}/retry`)).body.error.code).toBe(
      'OUTBOX_ALREADY_SENT',
    );
    const events = await db.selectFrom('admin_events').select('type').where('entity_id', '=', id).execute();
    expect(events.map((e) => e.type)).toEqual(['outbox.retried']);
  });
});

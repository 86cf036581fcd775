import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Trx } from '../../../db/database.js';
import { intake } from '../../../test/case-factories.js';
import { makeDistrict, makeUser, signInAs } from '../../../test/factories.js';
import { breaksOf, expectCreated, person, run, STORY, testDb } from '../../../test/story-helpers.js';
import { eventHash, type HashAlg, loadEvents, sealAnchor, verifyChain } from '../case-events.js';

/**
 * The record is append-only and hash-chained (STYLE.md 6). These tests play a database superuser
 * who switches the append-only trigger off inside one transaction (so other sessions never see it
 * off) and then edits, deletes or rewrites events. The tampered cases stay broken on purpose: every
 * other test checks only its own cases.
 */
async function caseWithHistory(): Promise<string> {
  const d = await makeDistrict();
  const ws = await signInAs(await makeUser(d.communityA1, [{ role: 'workstation_staff' }]));
  const created = await expectCreated(
    await ws.post('/api/cases', intake({ petitioners: [person('蒋十七')] })),
  );
  const id = created.id as string;
  await run(ws, id, 'accept', { note: '当日受理' });
  await run(ws, id, 'start-handling');
  await run(ws, id, 'report-progress', { text: '已现场查看' });
  return id;
}

async function asSuperuser(fn: (trx: Trx) => Promise<void>): Promise<void> {
  await (await testDb()).transaction().execute(async (trx) => {
    await sql`ALTER TABLE case_events DISABLE TRIGGER case_events_append_only`.execute(trx);
    await fn(trx);
    await sql`ALTER TABLE case_events ENABLE TRIGGER case_events_append_only`.execute(trx);
  });
}

describe('tamper evidence of the case record', STORY, () => {
  it('refuses a plain UPDATE or DELETE of an event', async () => {
    const id = await caseWithHistory();
    const db = await testDb();
    await expect(
      db
        .updateTable('case_events')
        .set({ payload: JSON.stringify({ note: '改过' }) })
        .where('case_id', '=', id)
        .where('seq', '=', 2)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.deleteFrom('case_events').where('case_id', '=', id).where('seq', '=', 4).execute(),
    ).rejects.toThrow(/append-only/);
    const events = await loadEvents(db, id);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(events[1]?.payload).toMatchObject({ note: '当日受理' });
    expect(await breaksOf([id])).toEqual([]);
  });

  it('detects an altered event and names the case and the event', async () => {
    const id = await caseWithHistory();
    expect(await breaksOf([id])).toEqual([]);
    await asSuperuser(async (trx) => {
      await trx
        .updateTable('case_events')
        .set({ payload: JSON.stringify({ note: '补记：受理前已办结' }) })
        .where('case_id', '=', id)
        .where('seq', '=', 2)
        .execute();
    });
    const breaks = await breaksOf([id]);
    expect(breaks).toHaveLength(1);
    expect(breaks[0]).toMatchObject({ caseId: id, seq: 2 });
    expect(breaks[0]?.problem).toMatch(/altered/);
    expect(breaks[0]?.caseNo).toMatch(/^XF\d{11}$/);
    // The trigger is back on after the superuser's transaction.
    await expect(
      (await testDb()).deleteFrom('case_events').where('case_id', '=', id).where('seq', '=', 4).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('detects the removal of the last event', async () => {
    const id = await caseWithHistory();
    await asSuperuser(async (trx) => {
      await trx.deleteFrom('case_events').where('case_id', '=', id).where('seq', '=', 4).execute();
    });
    const breaks = await breaksOf([id]);
    expect(breaks).toHaveLength(1);
    expect(breaks[0]).toMatchObject({ caseId: id, seq: 4 });
    expect(breaks[0]?.problem).toMatch(/removed/);
  });

  it('detects, through the sealed anchors, a whole chain rewritten consistently', async () => {
    const id = await caseWithHistory();
    const db = await testDb();
    await sealAnchor(db, 'sha256');
    const sealed = await db
      .selectFrom('cases')
      .select(['chain_seq', 'anchored_seq'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(sealed.anchored_seq).toBe(sealed.chain_seq);

    // Rewrite event 2 and recompute every later hash, and the case's chain head, consistently.
    await asSuperuser(async (trx) => {
      await trx
        .updateTable('case_events')
        .set({ payload: JSON.stringify({ note: '不予受理（改写）' }) })
        .where('case_id', '=', id)
        .where('seq', '=', 2)
        .execute();
      const events = await loadEvents(trx, id);
      let prev = events[0]!.hash;
      for (const e of events.slice(1)) {
        const hash = eventHash(e.hashAlg as HashAlg, { ...e, prevHash: prev });
        await trx
          .updateTable('case_events')
          .set({ prev_hash: prev, hash })
          .where('case_id', '=', id)
          .where('seq', '=', e.seq)
          .execute();
        prev = hash;
      }
      await trx.updateTable('cases').set({ chain_hash: prev }).where('id', '=', id).execute();
    });

    // The case chain alone no longer shows anything …
    const head = await db
      .selectFrom('cases')
      .select(['chain_seq', 'chain_hash'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const rewritten = await loadEvents(db, id);
    expect(rewritten[1]?.payload).toMatchObject({ note: '不予受理（改写）' });
    expect(verifyChain(rewritten, { chainSeq: head.chain_seq, chainHash: head.chain_hash })).toBeNull();
    // … but the anchor sealed before the rewrite does.
    const breaks = await breaksOf([id]);
    expect(breaks).toEqual([
      expect.objectContaining({
        caseId: id,
        seq: sealed.chain_seq,
        problem: expect.stringMatching(/anchor/),
      }),
    ]);
  });
});

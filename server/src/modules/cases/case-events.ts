import crypto from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Conn } from '../../db/database.js';
import type { DB } from '../../db/types.js';

/**
 * The case record: typed events, hash-chained per case and sealed into a global anchor chain.
 *
 * Each event's hash covers the previous event's hash and a canonical JSON form of the event
 * (keys sorted, timestamps in ISO milliseconds), so changing, removing or re-ordering any stored
 * event breaks every later link. A rewrite of a whole case chain is caught by the anchors: each
 * anchor records the chain heads of the cases changed since the previous anchor and is itself
 * chained. The table refuses UPDATE and DELETE by trigger; the hashes catch what a database
 * superuser could still do.
 */

export type HashAlg = 'sha256' | 'sm3';
export const GENESIS = 'GENESIS';

export interface NewEvent {
  type: `case.${string}`;
  actorId: string | null;
  actorUnitId: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  payload: Record<string, unknown>;
  at?: Date;
}

export interface StoredEvent {
  caseId: string;
  seq: number;
  type: string;
  at: Date;
  actorId: string | null;
  actorUnitId: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  payload: unknown;
  prevHash: string;
  hash: string;
  hashAlg: string;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function digest(alg: HashAlg, text: string): string {
  return crypto.createHash(alg).update(text, 'utf8').digest('hex');
}

export function eventHash(alg: HashAlg, e: Omit<StoredEvent, 'hash' | 'hashAlg'>): string {
  const body = canonicalJson({
    caseId: e.caseId,
    seq: e.seq,
    type: e.type,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorUnitId: e.actorUnitId,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    payload: e.payload,
  });
  return digest(alg, `${e.prevHash}\n${body}`);
}

/**
 * Appends one event after the given chain head and returns the new head. The caller holds the case
 * row lock and writes the head back to the case row in the same transaction.
 */
export async function appendEvent(
  conn: Conn,
  alg: HashAlg,
  head: { caseId: string; chainSeq: number; chainHash: string },
  e: NewEvent,
): Promise<{ seq: number; hash: string }> {
  const at = e.at ?? new Date();
  // Round-trip the payload through JSON so what is hashed is exactly what jsonb stores and returns.
  const payload = JSON.parse(JSON.stringify(e.payload)) as Record<string, unknown>;
  const seq = head.chainSeq + 1;
  const prevHash = head.chainSeq === 0 ? GENESIS : head.chainHash;
  const stored = {
    caseId: head.caseId,
    seq,
    type: e.type,
    at,
    actorId: e.actorId,
    actorUnitId: e.actorUnitId,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    payload,
    prevHash,
  };
  const hash = eventHash(alg, stored);
  await conn
    .insertInto('case_events')
    .values({
      case_id: head.caseId,
      seq,
      type: e.type,
      at,
      actor_id: e.actorId,
      actor_unit_id: e.actorUnitId,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      payload: JSON.stringify(payload),
      prev_hash: prevHash,
      hash,
      hash_alg: alg,
    })
    .execute();
  return { seq, hash };
}

/**
 * Hashes a run of new events of a brand-new case (the first link after GENESIS) without writing
 * them, so the case row can be inserted already carrying its chain head.
 */
export function chainEvents(
  alg: HashAlg,
  caseId: string,
  events: NewEvent[],
): (StoredEvent & { hashAlg: HashAlg })[] {
  const out: (StoredEvent & { hashAlg: HashAlg })[] = [];
  let prevHash = GENESIS;
  events.forEach((e, i) => {
    const payload = JSON.parse(JSON.stringify(e.payload)) as Record<string, unknown>;
    const stored = {
      caseId,
      seq: i + 1,
      type: e.type,
      at: e.at ?? new Date(),
      actorId: e.actorId,
      actorUnitId: e.actorUnitId,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      payload,
      prevHash,
    };
    const hash = eventHash(alg, stored);
    out.push({ ...stored, hash, hashAlg: alg });
    prevHash = hash;
  });
  return out;
}

/** Writes events prepared by `chainEvents` (after the case row exists). */
export async function insertChainedEvents(conn: Conn, events: StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  await conn
    .insertInto('case_events')
    .values(
      events.map((e) => ({
        case_id: e.caseId,
        seq: e.seq,
        type: e.type,
        at: e.at,
        actor_id: e.actorId,
        actor_unit_id: e.actorUnitId,
        from_status: e.fromStatus,
        to_status: e.toStatus,
        payload: JSON.stringify(e.payload),
        prev_hash: e.prevHash,
        hash: e.hash,
        hash_alg: e.hashAlg,
      })),
    )
    .execute();
}

export async function loadEvents(conn: Conn, caseId: string): Promise<StoredEvent[]> {
  const rows = await conn
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    caseId: r.case_id,
    seq: r.seq,
    type: r.type,
    at: r.at,
    actorId: r.actor_id,
    actorUnitId: r.actor_unit_id,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    payload: r.payload,
    prevHash: r.prev_hash,
    hash: r.hash,
    hashAlg: r.hash_alg,
  }));
}

export interface ChainBreak {
  caseId: string;
  caseNo?: string;
  seq: number;
  problem: string;
}

/** Checks one case's chain; returns the first broken link or null. */
export function verifyChain(
  events: StoredEvent[],
  head?: { chainSeq: number; chainHash: string },
): Omit<ChainBreak, 'caseNo'> | null {
  let prev = GENESIS;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.seq !== i + 1) return { caseId: e.caseId, seq: i + 1, problem: `event ${i + 1} is missing` };
    if (e.prevHash !== prev)
      return { caseId: e.caseId, seq: e.seq, problem: 'link to the previous event is broken' };
    if (eventHash(e.hashAlg as HashAlg, e) !== e.hash) {
      return { caseId: e.caseId, seq: e.seq, problem: 'content does not match its hash (event was altered)' };
    }
    prev = e.hash;
  }
  if (head && (head.chainSeq !== events.length || (events.length > 0 && head.chainHash !== prev))) {
    const caseId = events[0]?.caseId ?? '';
    return {
      caseId,
      seq: events.length + 1,
      problem: 'case chain head does not match its events (event removed?)',
    };
  }
  return null;
}

export interface AnchorHead {
  caseId: string;
  seq: number;
  hash: string;
}

export function anchorHash(alg: HashAlg, prevHash: string, heads: AnchorHead[]): string {
  return digest(alg, `${prevHash}\n${canonicalJson(heads)}`);
}

const ANCHOR_LOCK = 7061627;

/**
 * Seals the chain heads of cases changed since the last anchor into the next global anchor.
 * One sealer at a time (advisory lock); cases being changed right now are skipped and sealed next time.
 */
export async function sealAnchor(conn: Kysely<DB>, alg: HashAlg, batch = 1000): Promise<number> {
  return conn.transaction().execute(async (trx) => {
    const lock = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${ANCHOR_LOCK}) as ok`.execute(
      trx,
    );
    if (!lock.rows[0]?.ok) return 0;
    const rows = await trx
      .selectFrom('cases')
      .select(['id', 'chain_seq', 'chain_hash'])
      .where(sql<boolean>`chain_seq > anchored_seq`)
      .orderBy('id')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    const heads = rows.map((r) => ({ caseId: r.id, seq: r.chain_seq, hash: r.chain_hash }));
    const last = await trx
      .selectFrom('audit_anchors')
      .select('hash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const prevHash = last?.hash ?? GENESIS;
    await trx
      .insertInto('audit_anchors')
      .values({
        heads: JSON.stringify(heads),
        prev_hash: prevHash,
        hash: anchorHash(alg, prevHash, heads),
        hash_alg: alg,
      })
      .execute();
    await sql`update cases c set anchored_seq = h.seq
                from unnest(${heads.map((h) => h.caseId)}::uuid[], ${heads.map((h) => h.seq)}::int[]) as h(id, seq)
               where c.id = h.id`.execute(trx);
    return heads.length;
  });
}

/**
 * Verifies every case chain and the anchor chain. Returns the breaks found (first per case, and the
 * first broken anchor), in case-number order.
 */
export async function verifyAll(
  conn: Conn,
  opts: { batch?: number } = {},
): Promise<{
  cases: number;
  events: number;
  anchors: number;
  breaks: ChainBreak[];
}> {
  const batch = opts.batch ?? 500;
  const breaks: ChainBreak[] = [];
  let cases = 0;
  let events = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await conn
      .selectFrom('cases')
      .select(['id', 'case_no', 'chain_seq', 'chain_hash'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    const all = await conn
      .selectFrom('case_events')
      .selectAll()
      .where(
        'case_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('case_id')
      .orderBy('seq')
      .execute();
    const byCase = new Map<string, StoredEvent[]>();
    for (const r of all) {
      const list = byCase.get(r.case_id) ?? [];
      list.push({
        caseId: r.case_id,
        seq: r.seq,
        type: r.type,
        at: r.at,
        actorId: r.actor_id,
        actorUnitId: r.actor_unit_id,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        payload: r.payload,
        prevHash: r.prev_hash,
        hash: r.hash,
        hashAlg: r.hash_alg,
      });
      byCase.set(r.case_id, list);
    }
    for (const c of rows) {
      const list = byCase.get(c.id) ?? [];
      events += list.length;
      const br = verifyChain(list, { chainSeq: c.chain_seq, chainHash: c.chain_hash });
      if (br) breaks.push({ ...br, caseId: c.id, caseNo: c.case_no });
    }
    cases += rows.length;
    after = rows[rows.length - 1]!.id;
  }
  const anchors = await conn.selectFrom('audit_anchors').selectAll().orderBy('id').execute();
  let prev = GENESIS;
  for (const a of anchors) {
    const heads = a.heads as AnchorHead[];
    if (a.prev_hash !== prev || anchorHash(a.hash_alg as HashAlg, a.prev_hash, heads) !== a.hash) {
      breaks.push({ caseId: '', seq: 0, problem: `anchor ${a.id} is broken (altered or out of order)` });
      break;
    }
    for (const h of heads) {
      const ev = await conn
        .selectFrom('case_events')
        .select('hash')
        .where('case_id', '=', h.caseId)
        .where('seq', '=', h.seq)
        .executeTakeFirst();
      if (!ev || ev.hash !== h.hash) {
        breaks.push({
          caseId: h.caseId,
          seq: h.seq,
          problem: `event does not match the hash sealed in anchor ${a.id} (case chain rewritten)`,
        });
      }
    }
    prev = a.hash;
  }
  return { cases, events, anchors: anchors.length, breaks };
}

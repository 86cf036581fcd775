import type { Conn } from '../../db/database.js';
import type { Actor } from '../../policy/actor.js';
import { scopeFilter } from '../../policy/policy.js';
import type { OUTBOX_STATUSES, OutboxView } from './notifications.schemas.js';

/**
 * Payload keys that carry no personal data (case numbers, unit ids, dates, tiers). Anything else
 * (a free-text reason, say) is shown as its length only: administrators run the installation, they do
 * not read petitions.
 */
const SAFE_KEYS = new Set([
  'caseNo',
  'unitId',
  'toUnitId',
  'tier',
  'trigger',
  'dueOn',
  'newDueOn',
  'handleDueOn',
  'reviewWindowLastDay',
  'procedure',
  'rectification',
  'deadlineCode',
]);

export function maskPayload(payload: unknown): Record<string, unknown> {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return {};
  return Object.fromEntries(
    Object.entries(payload as Record<string, unknown>).map(([k, v]) => [
      k,
      SAFE_KEYS.has(k) ? v : typeof v === 'string' ? `***（${[...v].length}字）` : '***',
    ]),
  );
}

/** Outbox rows of cases within the administrator's scope (the case's owning unit). */
function inScope(conn: Conn, actor: Actor) {
  return conn
    .selectFrom('outbox')
    .innerJoin('cases', 'cases.id', 'outbox.case_id')
    .where(scopeFilter(actor, 'outbox.manage', 'cases.owner_path'));
}

const statusOf = (r: { processed_at: Date | null; outcome: string | null }): OutboxView['status'] =>
  r.outcome === 'dead' ? 'failed' : r.processed_at ? 'sent' : 'pending';

export async function listOutbox(
  conn: Conn,
  actor: Actor,
  f: {
    status?: (typeof OUTBOX_STATUSES)[number] | undefined;
    topic?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  let q = inScope(conn, actor);
  if (f.status === 'pending') q = q.where('outbox.processed_at', 'is', null);
  if (f.status === 'failed') q = q.where('outbox.outcome', '=', 'dead');
  if (f.status === 'sent') q = q.where('outbox.outcome', 'in', ['sent', 'skipped']);
  if (f.topic) q = q.where('outbox.topic', 'like', `${f.topic.replace(/[\\%_]/g, '\\$&')}%`);
  const [rows, count] = await Promise.all([
    q
      .select([
        'outbox.id',
        'outbox.case_id',
        'cases.case_no',
        'outbox.topic',
        'outbox.payload',
        'outbox.attempts',
        'outbox.created_at',
        'outbox.available_at',
        'outbox.processed_at',
        'outbox.outcome',
        'outbox.last_error',
        'outbox.transport',
        'outbox.recipient_masked',
        'outbox.message',
      ])
      .orderBy('outbox.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items: OutboxView[] = rows.map((r) => ({
    id: Number(r.id),
    caseId: r.case_id,
    caseNo: r.case_no,
    topic: r.topic,
    status: statusOf(r),
    outcome: r.outcome,
    payload: maskPayload(r.payload),
    attempts: r.attempts,
    createdAt: r.created_at.toISOString(),
    availableAt: r.available_at.toISOString(),
    processedAt: r.processed_at?.toISOString() ?? null,
    lastError: r.last_error,
    transport: r.transport,
    recipient: r.recipient_masked,
    message: r.message,
  }));
  return { items, total: Number(count.n) };
}

export async function findOutboxRowInScope(conn: Conn, actor: Actor, id: number) {
  return inScope(conn, actor)
    .select(['outbox.id', 'outbox.case_id', 'outbox.topic', 'outbox.processed_at', 'outbox.outcome'])
    .where('outbox.id', '=', id)
    .forUpdate('outbox')
    .executeTakeFirst();
}

/** Puts a dead (or waiting) row back in the queue, due now, with a fresh attempt budget. */
export async function requeueOutboxRow(conn: Conn, id: number): Promise<void> {
  await conn
    .updateTable('outbox')
    .set({ processed_at: null, outcome: null, attempts: 0, available_at: new Date(), last_error: null })
    .where('id', '=', id)
    .execute();
}

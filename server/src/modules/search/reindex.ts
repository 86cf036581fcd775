import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.js';
import { caseIndexText } from './search-text.js';

/**
 * Fills `cases.search_vector` where it is missing (cases written before migration 0014, or loaded
 * in bulk) — or for every case with `all` (after a change of the user dictionary). Batches of
 * `batch` rows, each batch one UPDATE … FROM unnest(…), so a million cases take minutes, not hours,
 * and intake goes on meanwhile (only the batch's rows are locked, briefly).
 */
export async function reindexSearch(
  db: Kysely<DB>,
  opts: { all?: boolean; batch?: number; onProgress?: (done: number) => void } = {},
): Promise<number> {
  const batch = opts.batch ?? 2000;
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db
      .selectFrom('cases')
      .select(['id', 'title', 'facts', 'demands', 'reasons', 'address', 'opinion', 'review', 'recheck'])
      .where('id', '>', after)
      .$if(!opts.all, (q) => q.where('search_vector', 'is', null))
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return done;
    const ids = rows.map((r) => r.id);
    const texts = rows.map((r) => caseIndexText(r));
    await sql`
      update cases c set search_vector = to_tsvector('simple', u.text)
        from unnest(${ids}::uuid[], ${texts}::text[]) as u(id, text)
       where c.id = u.id`.execute(db);
    done += rows.length;
    after = ids[ids.length - 1]!;
    opts.onProgress?.(done);
  }
}

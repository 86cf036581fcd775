import { type RawBuilder, sql } from 'kysely';
import { indexText } from '../../lib/zh-tokenize.js';

/** The parts of a case that search reads: the matter as registered and the replies given on it. */
export interface SearchableCase {
  title: string;
  facts: string;
  demands: string;
  reasons?: string | null;
  address: string;
  opinion?: unknown;
  review?: unknown;
  recheck?: unknown;
}

function replyText(reply: unknown): string | null {
  if (!reply || typeof reply !== 'object') return null;
  const r = reply as { text?: unknown; legalBasis?: unknown };
  return [r.text, r.legalBasis].filter((x): x is string => typeof x === 'string').join('\n') || null;
}

/** The case's search tokens, space-separated (what `to_tsvector('simple', …)` indexes). */
export function caseIndexText(c: SearchableCase): string {
  return indexText(
    c.title,
    c.facts,
    c.demands,
    c.reasons,
    c.address,
    replyText(c.opinion),
    replyText(c.review),
    replyText(c.recheck),
  );
}

/** The value of `cases.search_vector` for an insert or update, computed once in Node. */
export function searchVectorOf(c: SearchableCase): RawBuilder<string> {
  return tsvectorOf(caseIndexText(c));
}

/** `to_tsvector('simple', …)` of text already tokenised (see caseIndexText). */
export function tsvectorOf(indexText: string): RawBuilder<string> {
  return sql<string>`to_tsvector('simple', ${indexText})`;
}

/** Case fields whose change changes the indexed text (a command's `set` touching one re-indexes). */
export const INDEXED_FIELDS = [
  'title',
  'facts',
  'demands',
  'reasons',
  'address',
  'opinion',
  'review',
  'recheck',
] as const;

export function touchesIndexedText(set: object | undefined): boolean {
  return !!set && INDEXED_FIELDS.some((f) => f in set);
}

import { tokenize } from '../../lib/zh-tokenize.js';

/**
 * Text similarity for repeat detection, and the thresholds calibrated on real citizen messages
 * (`npm run eval:duplicates`, docs/BENCHMARKS.md "Repeat detection"). Pure functions: no database.
 */

/** Jaccard similarity of two token sets: |A ∩ B| / |A ∪ B|, 0 when both are empty. */
export function jaccard(a: Iterable<string>, b: Iterable<string>): number {
  const A = new Set(a);
  const B = new Set(b);
  if (A.size === 0 && B.size === 0) return 0;
  let both = 0;
  for (const t of A) if (B.has(t)) both++;
  return both / (A.size + B.size - both);
}

/** The matter text compared between two petitions: title, facts and demands (not the address). */
export function matterTokens(m: { title: string; facts: string; demands?: string | null }): Set<string> {
  return new Set(tokenize([m.title, m.facts, m.demands ?? ''].join('\n')));
}

/** Character-bigram set of a short text (titles, addresses) with punctuation and spaces removed. */
export function bigrams(text: string): Set<string> {
  const s = [
    ...text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s\p{P}\p{S}]/gu, ''),
  ];
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s[i]! + s[i + 1]!);
  if (s.length === 1) out.add(s[0]!);
  return out;
}

export const THRESHOLDS = {
  /**
   * Token Jaccard of title + facts + demands at or above which two petitions are proposed as the
   * same matter. Chosen on the labelled pairs for precision first (a clerk wades through false
   * alarms at every intake), recall second.
   */
  similarText: 0.3,
  /** Jaccard at or above which the texts are "nearly identical" (a relisted message). */
  nearIdentical: 0.8,
  /** Address bigram Jaccard at or above which two addresses are the same place. */
  sameAddress: 0.6,
  /** How far back repeat detection looks (days). */
  windowDays: 730,
} as const;

export type CandidateReason =
  | { code: 'same_person' }
  | { code: 'same_address'; score: number }
  | { code: 'similar_text'; score: number }
  | { code: 'terminated_same_facts' };

export interface Scored {
  score: number;
  reasons: CandidateReason[];
}

/**
 * Combines the signals of one earlier case into a proposal, or none. The same person alone is
 * shown (the clerk sees the person's history), the same address only with some textual likeness,
 * similar text on its own.
 */
export function scoreCandidate(s: {
  samePerson: boolean;
  addressScore: number;
  textScore: number;
  terminatedSameFacts?: boolean;
}): Scored | null {
  const reasons: CandidateReason[] = [];
  if (s.terminatedSameFacts) reasons.push({ code: 'terminated_same_facts' });
  if (s.samePerson) reasons.push({ code: 'same_person' });
  const sameAddress = s.addressScore >= THRESHOLDS.sameAddress;
  const similarText = s.textScore >= THRESHOLDS.similarText;
  // At the same place a lower textual likeness already suggests the same problem.
  const similarAtPlace = sameAddress && s.textScore >= THRESHOLDS.similarText / 2;
  if (sameAddress && (similarText || similarAtPlace || s.samePerson)) {
    reasons.push({ code: 'same_address', score: round(s.addressScore) });
  }
  if (similarText || similarAtPlace) reasons.push({ code: 'similar_text', score: round(s.textScore) });
  if (reasons.length === 0) return null;
  const score =
    (s.terminatedSameFacts ? 1 : 0) +
    (s.samePerson ? 0.5 : 0) +
    (sameAddress ? 0.3 * s.addressScore : 0) +
    s.textScore;
  return { score: round(score), reasons };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

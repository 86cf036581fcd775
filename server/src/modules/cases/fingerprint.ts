import crypto from 'node:crypto';

/**
 * The fingerprint of a matter's facts and reasons, kept when it is terminated (第36条第3款) so the
 * same person raising the same facts and reasons again is recognised at intake. Whitespace and
 * punctuation are ignored; any change of wording gives another fingerprint, which is the safe side:
 * the clerk then decides (near matches are the search module's job).
 */
export function matterFingerprint(input: {
  categoryCode: string;
  identities: string[];
  facts: string;
  reasons?: string | null | undefined;
}): string {
  const norm = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, '');
  const body = [
    input.categoryCode,
    [...input.identities].sort().join(','),
    norm(input.facts),
    norm(input.reasons ?? ''),
  ].join('|');
  return crypto.createHash('sha256').update(body).digest('hex');
}

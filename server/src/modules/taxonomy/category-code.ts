/**
 * Category codes (DOMAIN.md §4.2): 'TT' for a top-level category, 'TTLL' for a leaf under 'TT'.
 * Pure functions, shared by the intake validation, the admin use cases and the seed generator.
 */
import type { Nature } from '../../../../common/src/cases.js';
import { CATEGORY_FLAGS, CATEGORY_LIMITS, type CategoryFlag } from '../../../../common/src/taxonomy.js';

export interface LeafCode {
  code: string;
  /** The top-level code the leaf sits under ('0401' → '04'). */
  parentCode: string;
  /** The leaf's number inside its group ('0401' → 1). */
  index: number;
}

/** True for a well-formed top-level code ('01' … '99'). */
export function isTopLevel(code: string): boolean {
  return CATEGORY_LIMITS.topLevelCodePattern.test(code);
}

/** True for a well-formed leaf code ('0101' … '9999', never 'TT00' or '00LL'). */
export function isLeaf(code: string): boolean {
  return CATEGORY_LIMITS.leafCodePattern.test(code);
}

/** The parts of a leaf code, or null when `code` is not a well-formed leaf code. */
export function leafOf(code: string): LeafCode | null {
  if (!isLeaf(code)) return null;
  return { code, parentCode: code.slice(0, 2), index: Number(code.slice(2)) };
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The next free code: one after the highest existing code of the group (or of the top level when
 * `parentCode` is null), or null when 99 is taken. Gaps are never refilled: a code once used may
 * still be on old cases, so it must not come back with another meaning.
 */
export function nextCode(existing: readonly string[], parentCode: string | null): string | null {
  const numbers = existing
    .filter((c) => (parentCode === null ? isTopLevel(c) : leafOf(c)?.parentCode === parentCode))
    .map((c) => Number(c.slice(parentCode === null ? 0 : 2)));
  const next = Math.max(0, ...numbers) + 1;
  if (next > 99) return null;
  return `${parentCode ?? ''}${twoDigits(next)}`;
}

/** Flags without duplicates, in the canonical order M, L, J. */
export function normalizeFlags(flags: readonly CategoryFlag[]): CategoryFlag[] {
  return CATEGORY_FLAGS.filter((f) => flags.includes(f));
}

/**
 * The nature a leaf suggests when nobody chose one: 'accusation' when its only flag is J (the matter
 * is by its nature a report of wrongdoing), otherwise 'claim', the 条例's residual nature.
 */
export function suggestedNature(flags: readonly CategoryFlag[]): Nature {
  return flags.length === 1 && flags[0] === 'J' ? 'accusation' : 'claim';
}

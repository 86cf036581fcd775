import { normaliseText } from './text-features.js';

/**
 * From a predicted top-level category to the categories a clerk files under.
 *
 * The model predicts a top-level category (the seven classes of its training data map onto
 * 01, 05, 06, 07, 10, 11, 12). A national class is wider than one of our top levels (城乡建设 covers
 * 01 城乡建设, 02 住房与物业 and 14 城市管理与公用事业), so the candidate leaves are those under the
 * predicted top level plus leaves elsewhere that report to the same national category. Among them
 * the leaf whose name shares the most (and most specific) character pairs with the message is
 * proposed; when none shares any, only the top level is proposed and the clerk picks the leaf.
 */
export interface TaxonomyEntry {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  nationalCategory: string | null;
}

const FILLER = /[与和及、（）()，,的其他含等]/;

function namePairs(name: string): string[] {
  const chars = Array.from(normaliseText(name));
  const out = new Set<string>();
  for (let i = 0; i + 2 <= chars.length; i++) {
    const g = chars.slice(i, i + 2).join('');
    if (!FILLER.test(g)) out.add(g);
  }
  return [...out];
}

export function chooseLeaf(
  topCode: string,
  text: string,
  categories: TaxonomyEntry[],
): { leaf: TaxonomyEntry | undefined; candidates: TaxonomyEntry[] } {
  const top = categories.find((c) => c.code === topCode && c.level === 1);
  const national = top?.nationalCategory ?? null;
  const candidates = categories.filter(
    (c) =>
      c.level === 2 && (c.parentCode === topCode || (national !== null && c.nationalCategory === national)),
  );
  const t = normaliseText(text);
  // Rarer pairs (appearing in fewer candidate names) say more about which leaf is meant.
  const pairsOf = new Map(candidates.map((c) => [c.code, namePairs(c.name)]));
  const df = new Map<string, number>();
  for (const ps of pairsOf.values()) for (const p of ps) df.set(p, (df.get(p) ?? 0) + 1);
  let best: TaxonomyEntry | undefined;
  let bestScore = 0;
  for (const c of candidates) {
    let s = 0;
    for (const p of pairsOf.get(c.code) ?? []) if (t.includes(p)) s += 1 / (df.get(p) ?? 1);
    // Prefer leaves under the predicted top level on ties.
    if (
      s > bestScore ||
      (s === bestScore && s > 0 && best && best.parentCode !== topCode && c.parentCode === topCode)
    ) {
      best = c;
      bestScore = s;
    }
  }
  return { leaf: bestScore > 0 ? best : undefined, candidates };
}

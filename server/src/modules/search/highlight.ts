/**
 * Highlighting done in Node on the few rows shown: the text is cut into runs, those equal to a
 * searched word marked `hit`. The web app renders runs as text (no HTML crosses the API).
 */
export interface Segment {
  text: string;
  hit: boolean;
}

function norm(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** Every occurrence of the terms in the text, longest term first, as runs. */
export function segmentsOf(text: string, terms: string[]): Segment[] {
  const t = norm(text);
  const words = [...new Set(terms.map(norm).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  const marked = new Array<boolean>(text.length).fill(false);
  // NFKC keeps length for CJK, ASCII and full-width forms, which is what petitions contain.
  const sameLength = t.length === text.length;
  if (sameLength) {
    for (const w of words) {
      for (let i = t.indexOf(w); i >= 0; i = t.indexOf(w, i + w.length)) {
        for (let k = i; k < i + w.length; k++) marked[k] = true;
      }
    }
  }
  const out: Segment[] = [];
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j < text.length && marked[j] === marked[i]) j++;
    out.push({ text: text.slice(i, j), hit: !!marked[i] });
    i = j;
  }
  return out;
}

/** A window of about `width` characters around the first hit (the start when none), as runs. */
export function snippetOf(text: string, terms: string[], width = 80): Segment[] {
  const t = norm(text);
  let first = -1;
  for (const w of terms.map(norm)) {
    const i = w ? t.indexOf(w) : -1;
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  const start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(width / 4));
  const end = Math.min(text.length, start + width);
  const body = text.slice(start, end).replace(/\s+/g, ' ');
  const segs = segmentsOf(body, terms);
  if (start > 0) segs.unshift({ text: '…', hit: false });
  if (end < text.length) segs.push({ text: '…', hit: false });
  return segs;
}

export function hasHit(text: string, terms: string[]): boolean {
  const t = norm(text);
  return terms.some((w) => w && t.includes(norm(w)));
}

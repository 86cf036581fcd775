/**
 * Feature extraction for category suggestion: character n-grams of the normalised text.
 *
 * Chinese petitions are short and full of place names; character unigrams, bigrams and trigrams
 * capture words without a segmenter (and without the 450 ms dictionary load), and survive the
 * spelling variants and typos of hand-written messages. Digits and Latin letters are folded so that
 * house numbers, dates and masked place codes (A3区, 2019年) do not become features of their own.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[0-9]+(\.[0-9]+)?/g, '0')
    .replace(/[a-z]+/g, 'a')
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

const PUNCT = /[\p{P}\p{S}\s]/u;

/**
 * The distinct n-grams (n = 1..maxN) of a text with their counts. An n-gram never spans
 * punctuation or whitespace. The title is weighted like `titleWeight` copies of itself because it
 * states the matter in a few words.
 */
export function extractFeatures(
  parts: { title?: string | null; body?: string | null },
  maxN = 3,
  titleWeight = 2,
): Map<string, number> {
  const out = new Map<string, number>();
  const add = (text: string, weight: number) => {
    const t = normaliseText(text);
    for (const run of t.split(PUNCT)) {
      if (!run) continue;
      // UTF-16 indices: Chinese text is in the Basic Multilingual Plane; a rare astral character
      // (an emoji) only yields a few meaningless grams.
      for (let n = 1; n <= maxN; n++) {
        for (let i = 0; i + n <= run.length; i++) {
          const g = run.substring(i, i + n);
          if (n === 1 && (g === '0' || g === 'a')) continue;
          out.set(g, (out.get(g) ?? 0) + weight);
        }
      }
    }
  };
  if (parts.title) add(parts.title, titleWeight);
  if (parts.body) add(parts.body, 1);
  return out;
}

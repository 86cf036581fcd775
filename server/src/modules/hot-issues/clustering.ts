import { normaliseText } from '../classifier/text-features.js';

/**
 * Hot-issue clustering (热点发现): groups messages about the same problem in the same place within
 * a time window, and ranks the groups.
 *
 * Each message becomes a TF-IDF vector of character bigrams and trigrams of its title (counted
 * twice), text and address (twice: the place is half of "same problem, same place"). IDF is computed
 * over the batch, so a housing estate's name, rare in the batch, weighs much more than 小区 or 投诉.
 * Messages are taken in time order; each joins the most similar open cluster (cosine similarity to
 * the cluster's centroid ≥ `minSimilarity`, last message within `windowDays`) or starts its own.
 * Comparing with centroids rather than single members keeps one cluster from chaining into
 * unrelated topics. Candidate clusters come from an inverted index over the message's rarer grams,
 * so the cost stays near-linear in the number of messages.
 */
export interface HotItem {
  id: string;
  title: string;
  text: string;
  place?: string | null;
  at: Date;
  /** Persons behind the message (集体访 counts its people). */
  persons: number;
  /** Supports: likes on a message board, or repeat petitions linked to the case. */
  supports: number;
  /** Who submitted it (a user or petitioner key), to count distinct people. */
  author?: string | null;
}

export interface HotCluster {
  items: HotItem[];
  /** The member closest to the centroid: its title names the cluster. */
  representative: HotItem;
  keywords: string[];
  size: number;
  persons: number;
  distinctAuthors: number;
  supports: number;
  /** Members in the last 7 days before `now`, and in the 7 days before those. */
  recent: number;
  previous: number;
  growth: number;
  heat: number;
  firstAt: Date;
  lastAt: Date;
}

export interface ClusterOptions {
  minSimilarity?: number;
  windowDays?: number;
  minSize?: number;
  now?: Date;
}

type Vec = Map<string, number>;

function grams(text: string, weight: number, out: Vec) {
  const t = normaliseText(text);
  for (const run of t.split(/[\p{P}\p{S}\s]/u)) {
    for (let n = 2; n <= 3; n++) {
      for (let i = 0; i + n <= run.length; i++) {
        const g = run.substring(i, i + n);
        out.set(g, (out.get(g) ?? 0) + weight);
      }
    }
  }
}

function norm(v: Vec): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

function dot(a: Vec, b: Vec): number {
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) {
    const y = big.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

const DAY = 86_400_000;

export function clusterHotIssues(input: HotItem[], opts: ClusterOptions = {}): HotCluster[] {
  const minSimilarity = opts.minSimilarity ?? 0.3;
  const windowDays = opts.windowDays ?? 30;
  const minSize = opts.minSize ?? 2;
  const now = opts.now ?? new Date();
  const items = [...input].sort((a, b) => a.at.getTime() - b.at.getTime());

  const raw = items.map((it) => {
    const v: Vec = new Map();
    grams(it.title, 2, v);
    grams(it.text.slice(0, 600), 1, v);
    if (it.place) grams(it.place, 2, v);
    return v;
  });
  const df = new Map<string, number>();
  for (const v of raw) for (const g of v.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const N = items.length;
  const idf = (g: string) => Math.log((1 + N) / (1 + (df.get(g) ?? 0))) + 1;
  const vectors = raw.map((v) => {
    const w: Vec = new Map();
    for (const [g, c] of v) w.set(g, (1 + Math.log(c)) * idf(g));
    const n = norm(w) || 1;
    for (const [g, x] of w) w.set(g, x / n);
    return w;
  });

  interface Open {
    members: number[];
    sum: Vec;
    norm: number;
    lastAt: number;
  }
  const clusters: Open[] = [];
  // gram → clusters containing it; only grams rare enough to say something are indexed.
  const index = new Map<string, Set<number>>();
  const maxDf = Math.max(50, Math.floor(N * 0.05));
  items.forEach((it, i) => {
    const v = vectors[i] ?? new Map<string, number>();
    // Candidates: the clusters sharing the most rare grams with the message (at most 20).
    const shared = new Map<number, number>();
    for (const [g, x] of v) {
      if ((df.get(g) ?? 0) > maxDf) continue;
      for (const c of index.get(g) ?? []) shared.set(c, (shared.get(c) ?? 0) + x);
    }
    const candidates = [...shared.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([c]) => c);
    let best = -1;
    let bestSim = minSimilarity;
    for (const c of candidates) {
      const cl = clusters[c];
      if (!cl || it.at.getTime() - cl.lastAt > windowDays * DAY) continue;
      const sim = dot(v, cl.sum) / (cl.norm || 1);
      if (sim >= bestSim) {
        best = c;
        bestSim = sim;
      }
    }
    if (best < 0) {
      clusters.push({ members: [i], sum: new Map(v), norm: 1, lastAt: it.at.getTime() });
      best = clusters.length - 1;
    } else {
      const cl = clusters[best] as Open;
      cl.members.push(i);
      for (const [g, x] of v) cl.sum.set(g, (cl.sum.get(g) ?? 0) + x);
      cl.norm = norm(cl.sum);
      cl.lastAt = it.at.getTime();
    }
    for (const g of v.keys()) {
      if ((df.get(g) ?? 0) > maxDf) continue;
      const s = index.get(g) ?? new Set<number>();
      s.add(best);
      index.set(g, s);
    }
  });

  // A topic that drifted can end up in two clusters of one window: merge clusters whose centroids
  // are as similar as a message must be to join, when their time spans overlap or touch.
  const live = clusters
    .filter((c) => c.members.length >= 2)
    .sort((a, b) => b.members.length - a.members.length);
  const merged: Open[] = [];
  for (const c of live) {
    const first = items[c.members[0] ?? 0]?.at.getTime() ?? 0;
    const target = merged.find((m) => {
      const mFirst = items[m.members[0] ?? 0]?.at.getTime() ?? 0;
      const apart = Math.max(first - m.lastAt, mFirst - c.lastAt);
      return (
        apart <= windowDays * DAY && dot(c.sum, m.sum) / ((c.norm || 1) * (m.norm || 1)) >= minSimilarity
      );
    });
    if (!target) {
      merged.push(c);
      continue;
    }
    target.members = [...target.members, ...c.members].sort((a, b) => a - b);
    for (const [g, x] of c.sum) target.sum.set(g, (target.sum.get(g) ?? 0) + x);
    target.norm = norm(target.sum);
    target.lastAt = Math.max(target.lastAt, c.lastAt);
  }

  const out: HotCluster[] = [];
  for (const cl of merged) {
    if (cl.members.length < minSize) continue;
    const members = cl.members.map((i) => items[i] as HotItem);
    const n = norm(cl.sum) || 1;
    let rep = cl.members[0] ?? 0;
    let repSim = -1;
    for (const i of cl.members) {
      const s = dot(vectors[i] ?? new Map(), cl.sum) / n;
      if (s > repSim) {
        rep = i;
        repSim = s;
      }
    }
    // Keywords: the heaviest grams of the centroid, longer ones first when they cover shorter ones.
    const top = [...cl.sum.entries()].sort((a, b) => b[1] - a[1]).map(([g]) => g);
    const keywords: string[] = [];
    for (const g of top.slice(0, 60)) {
      if (/[0a ]/.test(g) || keywords.some((k) => k.includes(g))) continue;
      // A longer gram replaces the shorter one it extends (阳光花 for 阳光).
      const shorter = keywords.findIndex((k) => g.includes(k));
      if (shorter >= 0) {
        keywords[shorter] = g;
        continue;
      }
      if (keywords.length < 5) keywords.push(g);
    }
    const t = now.getTime();
    const recent = members.filter((m) => t - m.at.getTime() <= 7 * DAY && m.at.getTime() <= t).length;
    const previous = members.filter(
      (m) => t - m.at.getTime() > 7 * DAY && t - m.at.getTime() <= 14 * DAY,
    ).length;
    const persons = members.reduce((s, m) => s + Math.max(1, m.persons), 0);
    const supports = members.reduce((s, m) => s + Math.max(0, m.supports), 0);
    const authors = new Set(members.map((m) => m.author ?? m.id));
    const size = members.length;
    const growth = recent - previous;
    out.push({
      items: members,
      representative: items[rep] as HotItem,
      keywords,
      size,
      persons,
      distinctAuthors: authors.size,
      supports,
      recent,
      previous,
      growth,
      heat: heatOf({ size, growth, persons, supports }),
      firstAt: members[0]?.at ?? now,
      lastAt: members[members.length - 1]?.at ?? now,
    });
  }
  return out.sort((a, b) => b.heat - a.heat || b.size - a.size);
}

/**
 * The ranking score: size first; growth over the last week adds what the week added beyond the
 * week before; persons beyond one per message and supports count with diminishing weight.
 */
export function heatOf(c: { size: number; growth: number; persons: number; supports: number }): number {
  const score =
    c.size +
    Math.max(0, c.growth) +
    Math.log2(1 + Math.max(0, c.persons - c.size)) +
    Math.log2(1 + c.supports);
  return Math.round(score * 100) / 100;
}

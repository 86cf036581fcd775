/**
 * `npm run eval:duplicates`: calibrates and checks repeat detection's text similarity on real
 * citizen messages (teddy2020 hot.csv and answers.csv, see docs/BENCHMARKS.md "Repeat detection").
 *
 * Labelled pairs:
 *   - same_user: 150 same-user message pairs labelled by hand (scripts/eval/duplicate-pairs.csv);
 *   - relisted: every pair of messages with the same text (whitespace and punctuation ignored)
 *     under two ids, in or across the two files — positives;
 *   - random: 2,000 pairs of different users drawn with a fixed seed — negatives.
 * For each pair: token Jaccard of title + text (the detector's similarText score) and whether the
 * keyword net of the database query would have fetched the earlier message at all.
 *
 *   npm run eval:duplicates                       the real data in ../shared/data/teddy2020
 *   npm run eval:duplicates -- --data DIR         another copy of it
 *   npm run eval:duplicates -- --sample           the small fixed sample (CI): fails below the floors
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { indexText, keywords } from '../server/src/lib/zh-tokenize.js';
import { jaccard, matterTokens, THRESHOLDS } from '../server/src/modules/search/similarity.js';

interface Message {
  id: string;
  user: string;
  title: string;
  detail: string;
}
interface Pair {
  a: string;
  b: string;
  same: boolean;
  source: 'same_user' | 'relisted' | 'random' | 'sample';
}

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    sample: { type: 'boolean', default: false },
    random: { type: 'string', default: '2000' },
  },
});
const ROOT = path.resolve(import.meta.dirname, '..');

/** RFC 4180 CSV (quoted fields may hold commas, quotes and new lines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0]);
}

function readMessages(file: string, prefix: string): Message[] {
  const [head, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  const col = (name: string) => head!.indexOf(name);
  const [id, user, title, detail] = ['留言编号', '留言用户', '留言主题', '留言详情'].map(col);
  return rows.map((r) => ({
    id: prefix + r[id!]!.trim(),
    user: r[user!]!.trim(),
    title: r[title!]!.trim(),
    detail: r[detail!]!.trim(),
  }));
}

/** Mulberry32: the same "random" pairs on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const norm = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, '');

function load(): { messages: Map<string, Message>; pairs: Pair[]; label: string } {
  if (args.sample) {
    const file = path.join(ROOT, 'scripts/eval/duplicates-sample.json');
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      messages: Message[];
      pairs: { a: string; b: string; same: number }[];
    };
    return {
      messages: new Map(s.messages.map((m) => [m.id, m])),
      pairs: s.pairs.map((p) => ({ a: p.a, b: p.b, same: p.same === 1, source: 'sample' })),
      label: 'fixed sample (scripts/eval/duplicates-sample.json)',
    };
  }
  const dir = path.resolve(args.data ?? path.join(ROOT, '../shared/data/teddy2020'));
  const all = [
    ...readMessages(path.join(dir, 'hot.csv'), 'h'),
    ...readMessages(path.join(dir, 'answers.csv'), 'a'),
  ];
  const messages = new Map(all.map((m) => [m.id, m]));
  const pairs: Pair[] = [];
  // Hand-labelled same-user pairs.
  const labelled = fs
    .readFileSync(path.join(ROOT, 'scripts/eval/duplicate-pairs.csv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('a,'));
  for (const l of labelled) {
    const [a, b, same] = l.split(',');
    if (messages.has(a!) && messages.has(b!))
      pairs.push({ a: a!, b: b!, same: same === '1', source: 'same_user' });
  }
  // Relisted: the same text under several ids.
  const byText = new Map<string, string[]>();
  for (const m of all) {
    const k = norm(m.detail);
    if (k.length < 10) continue;
    byText.set(k, [...(byText.get(k) ?? []), m.id]);
  }
  for (const ids of byText.values()) {
    for (let i = 1; i < ids.length; i++)
      pairs.push({ a: ids[0]!, b: ids[i]!, same: true, source: 'relisted' });
  }
  // Random pairs of different users with different texts: negatives.
  const next = rng(2026);
  const n = Number(args.random);
  for (let k = 0; k < n; ) {
    const a = all[Math.floor(next() * all.length)]!;
    const b = all[Math.floor(next() * all.length)]!;
    if (a.user === b.user || norm(a.detail) === norm(b.detail)) continue;
    pairs.push({ a: a.id, b: b.id, same: false, source: 'random' });
    k++;
  }
  return { messages, pairs, label: `teddy2020 (${dir})` };
}

const started = performance.now();
const { messages, pairs, label } = load();
const tokens = new Map<string, Set<string>>();
const tokensOf = (m: Message) => {
  let t = tokens.get(m.id);
  if (!t) {
    t = matterTokens({ title: m.title, facts: m.detail });
    tokens.set(m.id, t);
  }
  return t;
};

interface Scored extends Pair {
  score: number;
  /** The keyword net (two of the six keywords of A, or all when fewer than three) reaches B. */
  netReaches: boolean;
}
const scored: Scored[] = pairs.map((p) => {
  const a = messages.get(p.a)!;
  const b = messages.get(p.b)!;
  const words = keywords(`${a.title}\n${a.detail}`, 6);
  const indexed = new Set(indexText(b.title, b.detail).split(' '));
  const shared = words.filter((w) => indexed.has(w)).length;
  return {
    ...p,
    score: jaccard(tokensOf(a), tokensOf(b)),
    netReaches: words.length > 0 && shared >= (words.length < 3 ? words.length : 2),
  };
});

function prf(set: Scored[], t: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of set) {
    const yes = p.score >= t;
    if (yes && p.same) tp++;
    else if (yes) fp++;
    else if (p.same) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const out: string[] = [];
const counts = (s: Scored[]) =>
  `${s.filter((p) => p.same).length} same / ${s.filter((p) => !p.same).length} different`;
out.push(`Repeat detection, text similarity — ${label}`);
out.push('');
for (const src of [...new Set(scored.map((p) => p.source))]) {
  out.push(`- ${src}: ${counts(scored.filter((p) => p.source === src))}`);
}
out.push('');
const chosen = THRESHOLDS.similarText;
const THRESHOLDS_SWEPT = [...new Set([0.15, 0.2, 0.25, 0.3, chosen, 0.4, 0.5, 0.6, 0.8])].sort();
function table(title: string, set: Scored[]) {
  out.push(`${title} (${counts(set)})`);
  out.push('');
  out.push('| threshold | precision | recall | F1 | TP | FP | FN |');
  out.push('|---|---|---|---|---|---|---|');
  for (const t of THRESHOLDS_SWEPT) {
    const r = prf(set, t);
    out.push(
      `| ${t.toFixed(2)}${t === chosen ? ' (chosen)' : ''} | ${pct(r.precision)} | ${pct(r.recall)} | ${r.f1.toFixed(3)} | ${r.tp} | ${r.fp} | ${r.fn} |`,
    );
  }
  out.push('');
}
table('All labelled pairs', scored);
const hard = scored.filter((p) => p.source === 'same_user');
if (hard.length) table('Hand-labelled same-user pairs only (the hard part: same person, reworded)', hard);
const positives = scored.filter((p) => p.same);
const reached = positives.filter((p) => p.netReaches).length;
out.push(
  `Keyword net (the index query that fetches candidates) reaches ${reached} of ${positives.length} same-matter pairs (${pct(reached / Math.max(1, positives.length))})`,
);
out.push(`${pairs.length} pairs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.stdout.write(`${out.join('\n')}\n`);

// The sample is written so that the calibrated detector separates it; a change that breaks the
// tokenizer or the similarity shows here first.
if (args.sample) {
  const r = prf(scored, chosen);
  if (r.precision < 0.85 || r.recall < 0.7 || reached / Math.max(1, positives.length) < 0.7) {
    process.stderr.write(
      'eval:duplicates: below the floors on the fixed sample (precision 0.85, recall 0.7)\n',
    );
    process.exit(1);
  }
}

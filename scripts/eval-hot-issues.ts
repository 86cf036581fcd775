/**
 * `npm run eval:hot-issues`: runs the hot-issue clustering on the unlabelled message board sample
 * (hot.csv: 留言编号, 留言用户, 留言主题, 留言时间, 留言详情, 反对数, 点赞数) and prints the top clusters
 * with their size, distinct users, supports and date range.
 *   npm run eval:hot-issues                    # ../shared/data/teddy2020/hot.csv
 *   npm run eval:hot-issues -- --sample        # the hand-written fixture (CI)
 *   npm run eval:hot-issues -- --similarity 0.3 --window 30 --top 15
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsvRecords } from '../server/src/modules/classifier/csv.js';
import { clusterHotIssues, type HotItem } from '../server/src/modules/hot-issues/clustering.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/teddy2020/hot.csv' },
    sample: { type: 'boolean', default: false },
    similarity: { type: 'string', default: '0.3' },
    window: { type: 'string', default: '30' },
    top: { type: 'string', default: '15' },
  },
});
const root = new URL('..', import.meta.url).pathname;
const file = values.sample
  ? join(root, 'server/src/modules/hot-issues/fixtures/sample-hot.csv')
  : join(root, values.data ?? '');
const rows = readCsvRecords(readFileSync(file, 'utf8'));
const items: HotItem[] = rows.map((r) => ({
  id: r.留言编号 ?? '',
  author: r.留言用户 ?? null,
  title: (r.留言主题 ?? '').trim(),
  text: (r.留言详情 ?? '').trim(),
  at: new Date(`${(r.留言时间 ?? '').trim().replace(' ', 'T')}+08:00`),
  persons: 1,
  supports: Number(r.点赞数 ?? 0) || 0,
}));
const now = new Date(Math.max(...items.map((i) => i.at.getTime())));
const started = performance.now();
const clusters = clusterHotIssues(items, {
  minSimilarity: Number(values.similarity),
  windowDays: Number(values.window),
  now,
});
const ms = performance.now() - started;
const out = (s: string) => process.stdout.write(`${s}\n`);
out(`# Hot issues on ${values.sample ? 'the fixture sample' : 'hot.csv'}: ${items.length} messages`);
out(
  `similarity ≥ ${values.similarity}, window ${values.window} days; ${clusters.length} clusters of ≥ 2 messages ` +
    `(${clusters.filter((c) => c.size >= 5).length} of ≥ 5), ${ms.toFixed(0)} ms`,
);
out('');
out('| # | heat | messages | users | supports | from – to | representative title | keywords |');
out('|---|---|---|---|---|---|---|---|');
clusters.slice(0, Number(values.top)).forEach((c, i) => {
  const d = (x: Date) => x.toISOString().slice(0, 10);
  out(
    `| ${i + 1} | ${c.heat} | ${c.size} | ${c.distinctAuthors} | ${c.supports} | ${d(c.firstAt)} – ${d(c.lastAt)} | ${c.representative.title} | ${c.keywords.join(' ')} |`,
  );
});
if (values.sample && (clusters[0]?.size ?? 0) < 3) {
  out('FAIL: the fixture parking cluster was not found');
  process.exitCode = 1;
}

/**
 * `npm run eval:classifier`: stratified 5-fold cross-validated macro-F1 and accuracy of the
 * category-suggestion recipe on the labelled message files, and the shipped model's latency and
 * memory. Copies of one message stay in one fold (see cross-validation.ts).
 *   npm run eval:classifier                       # ../shared/data/teddy2020 (the real files)
 *   npm run eval:classifier -- --sample           # the small hand-written fixture (CI)
 *   npm run eval:classifier -- --data <dir> --folds 5
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { calibration, crossValidate, score } from '../server/src/modules/classifier/cross-validation.js';
import { loadShippedModel, SHIPPED_MODEL_PATH } from '../server/src/modules/classifier/shipped-model.js';
import {
  type LabelledMessage,
  loadLabelledMessages,
  parseLabelledMessages,
  TEDDY_CLASS_TO_CATEGORY,
} from '../server/src/modules/classifier/teddy-data.js';
import { trainWithRecipe } from '../server/src/modules/classifier/training-recipe.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/teddy2020' },
    sample: { type: 'boolean', default: false },
    folds: { type: 'string', default: '5' },
  },
});
const root = new URL('..', import.meta.url).pathname;
const fixtures = join(root, 'server/src/modules/classifier/fixtures');
const data: LabelledMessage[] = values.sample
  ? parseLabelledMessages(
      readFileSync(join(fixtures, 'sample-details.csv'), 'utf8'),
      readFileSync(join(fixtures, 'sample-topics.csv'), 'utf8'),
    )
  : loadLabelledMessages(join(root, values.data ?? ''));
const k = Number(values.folds);
const out = (s: string) => process.stdout.write(`${s}\n`);
const name = Object.fromEntries(Object.entries(TEDDY_CLASS_TO_CATEGORY).map(([c, code]) => [code, c]));

const started = Date.now();
const cv = crossValidate(data, k, (rows) => trainWithRecipe(rows));
const pick = (src?: LabelledMessage['source']) => {
  const idx = data.map((d, i) => (!src || d.source === src ? i : -1)).filter((i) => i >= 0);
  return score(
    idx.map((i) => cv.truth[i] ?? ''),
    idx.map((i) => cv.predicted[i] ?? ''),
  );
};
const all = pick();
const details = pick('details');
const topics = pick('topics');
out(
  `# Category suggestion: ${k}-fold cross-validation (${values.sample ? 'fixture sample' : 'teddy2020 training files'})`,
);
out('');
out('| held-out messages | n | macro-F1 | accuracy |');
out('|---|---|---|---|');
for (const [label, s] of [
  ['details (title + text)', details],
  ['topics (title only)', topics],
  ['all', all],
] as const) {
  out(`| ${label} | ${s.n} | ${s.macroF1.toFixed(4)} | ${s.accuracy.toFixed(4)} |`);
}
out('');
out('| class | taxonomy | precision | recall | F1 | support |');
out('|---|---|---|---|---|---|');
for (const [code, c] of Object.entries(all.perClass)) {
  out(
    `| ${name[code] ?? code} | ${code} | ${c.precision.toFixed(3)} | ${c.recall.toFixed(3)} | ${c.f1.toFixed(3)} | ${c.support} |`,
  );
}
// Confidence: how well the probabilities match how often the top label is right, at the recipe's
// temperature and at the temperature with the lowest held-out log-loss.
const grid = Array.from({ length: 24 }, (_, i) => 0.25 + i * 0.25);
const fits = grid.map((t) => ({ t, ...calibration(cv.truth, cv.logits, t) }));
const bestT = fits.reduce((a, b) => (b.nll < a.nll ? b : a));
const atRecipe = calibration(cv.truth, cv.logits, 1);
out('');
out('| temperature | log-loss | mean confidence | accuracy | calibration error (ECE) |');
out('|---|---|---|---|---|');
for (const [label, c] of [
  ['1 (none)', atRecipe],
  [`${bestT.t} (best log-loss)`, bestT],
] as const) {
  out(
    `| ${label} | ${c.nll.toFixed(4)} | ${c.meanConfidence.toFixed(3)} | ${all.accuracy.toFixed(3)} | ${c.ece.toFixed(4)} |`,
  );
}
out(`\ncross-validation took ${((Date.now() - started) / 1000).toFixed(1)} s`);

// The shipped model: load time, memory, latency per message.
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
const model = loadShippedModel();
const loadMs = performance.now() - t0;
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
const times: number[] = [];
for (const d of data.slice(0, 2000)) {
  const t = performance.now();
  model.predict(d);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const shippedScore = score(
  data.map((d) => d.label),
  data.map((d) => model.predict(d)[0]?.label ?? ''),
);
const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
out('');
out(
  `shipped model: ${(statSync(SHIPPED_MODEL_PATH).size / 1e6).toFixed(2)} MB on disk, ${model.features.length} features, ` +
    `loads in ${loadMs.toFixed(0)} ms, ~${heapMb.toFixed(1)} MB heap; per message p50 ${p(0.5).toFixed(2)} ms, ` +
    `p95 ${p(0.95).toFixed(2)} ms, max ${p(1).toFixed(2)} ms (${times.length} messages)`,
);
if (values.sample) {
  out(
    `shipped model on the fixture messages: macro-F1 ${shippedScore.macroF1.toFixed(4)}, accuracy ${shippedScore.accuracy.toFixed(4)}`,
  );
}
if (values.sample && (all.accuracy < 0.5 || shippedScore.accuracy < 0.7)) {
  out('FAIL: the recipe no longer learns the fixture sample');
  process.exitCode = 1;
}

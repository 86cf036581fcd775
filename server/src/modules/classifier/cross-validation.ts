import { type LinearModel, softmax, type TrainingExample } from './linear-model.js';
import { normaliseText } from './text-features.js';

/**
 * Stratified k-fold cross-validation that keeps copies of one message in one fold: the two training
 * files share titles, so messages are grouped by their normalised title before folds are drawn
 * (otherwise the same message would be trained on and tested on, and the figure would flatter).
 */
export function stratifiedGroupFolds(examples: TrainingExample[], k: number, seed = 1): number[] {
  const groupOf = (e: TrainingExample) => normaliseText(e.title || e.body || '').slice(0, 60);
  const groups = new Map<string, { label: string; members: number[] }>();
  examples.forEach((e, i) => {
    const g = groupOf(e);
    const entry = groups.get(g) ?? { label: e.label, members: [] };
    entry.members.push(i);
    groups.set(g, entry);
  });
  const byLabel = new Map<string, string[]>();
  for (const [g, v] of groups) byLabel.set(v.label, [...(byLabel.get(v.label) ?? []), g]);
  const fold = new Array<number>(examples.length).fill(0);
  let offset = seed;
  for (const label of [...byLabel.keys()].sort()) {
    const gs = (byLabel.get(label) ?? []).sort((a, b) => hash(a, seed) - hash(b, seed));
    gs.forEach((g, i) => {
      for (const m of groups.get(g)?.members ?? []) fold[m] = (i + offset) % k;
    });
    offset++;
  }
  return fold;
}

function hash(s: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
}

/** Accuracy, macro-F1 and per-class precision/recall of predicted against true labels. */
export function score(truth: string[], predicted: string[]): Scores {
  const labels = [...new Set(truth)].sort();
  const perClass: Scores['perClass'] = {};
  let correct = 0;
  truth.forEach((t, i) => {
    if (t === predicted[i]) correct++;
  });
  for (const l of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((t, i) => {
      const p = predicted[i];
      if (p === l && t === l) tp++;
      else if (p === l) fp++;
      else if (t === l) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[l] = { precision, recall, f1, support: tp + fn };
  }
  const f1s = Object.values(perClass).map((c) => c.f1);
  return {
    n: truth.length,
    accuracy: truth.length ? correct / truth.length : 0,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    perClass,
  };
}

/** Runs k-fold CV: trains with `train` on k−1 folds, predicts the held-out fold. */
export function crossValidate<E extends TrainingExample>(
  examples: E[],
  k: number,
  train: (rows: E[]) => LinearModel,
): {
  truth: string[];
  predicted: string[];
  fold: number[];
  logits: { labels: string[]; scores: Float64Array }[];
} {
  const fold = stratifiedGroupFolds(examples, k);
  const predicted = new Array<string>(examples.length).fill('');
  const logits = new Array<{ labels: string[]; scores: Float64Array }>(examples.length);
  for (let f = 0; f < k; f++) {
    const model = train(examples.filter((_, i) => fold[i] !== f));
    examples.forEach((e, i) => {
      if (fold[i] !== f) return;
      predicted[i] = model.predict(e)[0]?.label ?? '';
      logits[i] = { labels: model.labels, scores: model.scores(e) };
    });
  }
  return { truth: examples.map((e) => e.label), predicted, fold, logits };
}

/**
 * Calibration of held-out scores at a temperature: mean negative log-likelihood of the true label,
 * mean confidence of the top label, and expected calibration error over 10 confidence bins.
 */
export function calibration(
  truth: string[],
  logits: { labels: string[]; scores: Float64Array }[],
  temperature: number,
): { nll: number; meanConfidence: number; ece: number } {
  let nll = 0;
  let conf = 0;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, correct: 0 }));
  truth.forEach((t, i) => {
    const l = logits[i];
    if (!l) return;
    const p = softmax(l.scores.map((s) => s / temperature));
    let top = 0;
    for (let k = 1; k < p.length; k++) if ((p[k] ?? 0) > (p[top] ?? 0)) top = k;
    const pt = p[l.labels.indexOf(t)] ?? 1e-12;
    nll -= Math.log(Math.max(pt, 1e-12));
    const c = p[top] ?? 0;
    conf += c;
    const b = bins[Math.min(9, Math.floor(c * 10))] as { n: number; conf: number; correct: number };
    b.n++;
    b.conf += c;
    if (l.labels[top] === t) b.correct++;
  });
  const n = truth.length || 1;
  const ece = bins.reduce((s, b) => s + (b.n ? (b.n / n) * Math.abs(b.conf / b.n - b.correct / b.n) : 0), 0);
  return { nll: nll / n, meanConfidence: conf / n, ece };
}

import { extractFeatures } from './text-features.js';

/**
 * Category suggestion model: multinomial logistic regression over TF-IDF-weighted character
 * n-grams (sublinear term frequency, L2-normalised rows), trained by stochastic gradient descent
 * with L2 regularisation. Pure TypeScript, in-process, CPU only.
 *
 * The serialised form keeps the vocabulary as one newline-joined string and the weights quantised
 * to signed bytes, so the shipped model is a few hundred kilobytes and loads in milliseconds.
 */

export interface TrainingExample {
  title?: string | null;
  body?: string | null;
  label: string;
}

export interface TrainOptions {
  epochs?: number;
  lambda?: number;
  eta0?: number;
  minDf?: number;
  maxFeatures?: number;
  seed?: number;
  /** Start from this model's weights (retraining on the platform's own cases). */
  warmStart?: LinearModel;
}

export interface Prediction {
  label: string;
  probability: number;
}

export interface SerialisedModel {
  format: 'laiban-linear-v1';
  labels: string[];
  maxN: number;
  titleWeight: number;
  /** Features, one per line. */
  vocabulary: string;
  /** base64 of one byte per feature: idf × 20. */
  idf: string;
  /** base64 of signed bytes, feature-major (features × labels), times weightScale. */
  weights: string;
  weightScale: number;
  bias: number[];
  /** Scores are divided by it before the softmax, so the confidence matches how often it is right. */
  temperature?: number;
  meta?: Record<string, unknown>;
}

export class LinearModel {
  readonly index: Map<string, number>;
  constructor(
    readonly labels: string[],
    readonly features: string[],
    readonly idf: Float32Array,
    /** features × labels */
    readonly weights: Float32Array,
    readonly bias: Float32Array,
    readonly maxN = 3,
    readonly titleWeight = 2,
    public meta: Record<string, unknown> = {},
    public temperature = 1,
  ) {
    this.index = new Map(features.map((f, i) => [f, i]));
  }

  /** Sparse TF-IDF vector (feature indices and L2-normalised values) of one message. */
  vectorise(parts: { title?: string | null; body?: string | null }): { idx: Int32Array; val: Float32Array } {
    return toVector(extractFeatures(parts, this.maxN, this.titleWeight), this.index, this.idf);
  }

  /** Raw scores (logits) per label, in label order. */
  scores(parts: { title?: string | null; body?: string | null }): Float64Array {
    const { idx, val } = this.vectorise(parts);
    return scoresOf(this.weights, this.bias, this.labels.length, idx, val);
  }

  /** Probabilities of every label, highest first. */
  predict(parts: { title?: string | null; body?: string | null }): Prediction[] {
    const scores = this.scores(parts).map((s) => s / this.temperature);
    const probs = softmax(scores);
    return this.labels
      .map((label, k) => ({ label, probability: probs[k] ?? 0 }))
      .sort((a, b) => b.probability - a.probability);
  }

  serialise(meta?: Record<string, unknown>): SerialisedModel {
    let maxAbs = 0;
    for (const w of this.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
    const weightScale = maxAbs / 127 || 1;
    const q = new Int8Array(this.weights.length);
    for (let i = 0; i < q.length; i++) q[i] = Math.round((this.weights[i] ?? 0) / weightScale);
    const idfBytes = new Uint8Array(this.idf.length);
    for (let i = 0; i < idfBytes.length; i++)
      idfBytes[i] = Math.min(255, Math.round((this.idf[i] ?? 0) * 20));
    return {
      format: 'laiban-linear-v1',
      labels: this.labels,
      maxN: this.maxN,
      titleWeight: this.titleWeight,
      vocabulary: this.features.join('\n'),
      idf: Buffer.from(idfBytes).toString('base64'),
      weights: Buffer.from(new Uint8Array(q.buffer)).toString('base64'),
      weightScale,
      bias: Array.from(this.bias, (b) => Math.round(b * 1e4) / 1e4),
      temperature: this.temperature,
      meta: meta ?? this.meta,
    };
  }

  static deserialise(s: SerialisedModel): LinearModel {
    if (s.format !== 'laiban-linear-v1') throw new Error(`unknown model format ${String(s.format)}`);
    const features = s.vocabulary === '' ? [] : s.vocabulary.split('\n');
    const idfBytes = Buffer.from(s.idf, 'base64');
    const idf = new Float32Array(features.length);
    for (let i = 0; i < idf.length; i++) idf[i] = (idfBytes[i] ?? 0) / 20;
    const wBytes = Buffer.from(s.weights, 'base64');
    const q = new Int8Array(wBytes.buffer, wBytes.byteOffset, wBytes.length);
    const weights = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) weights[i] = (q[i] ?? 0) * s.weightScale;
    return new LinearModel(
      s.labels,
      features,
      idf,
      weights,
      Float32Array.from(s.bias),
      s.maxN,
      s.titleWeight,
      s.meta ?? {},
      s.temperature ?? 1,
    );
  }
}

function toVector(
  counts: Map<string, number>,
  index: Map<string, number>,
  idf: Float32Array,
): { idx: Int32Array; val: Float32Array } {
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (const [f, c] of counts) {
    const i = index.get(f);
    if (i === undefined) continue;
    const v = (1 + Math.log(c)) * (idf[i] ?? 0);
    if (v === 0) continue;
    idx.push(i);
    val.push(v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  return { idx: Int32Array.from(idx), val: Float32Array.from(val, (v) => v / norm) };
}

function scoresOf(
  weights: Float32Array,
  bias: Float32Array,
  K: number,
  idx: Int32Array,
  val: Float32Array,
  scale = 1,
): Float64Array {
  const s = new Float64Array(K);
  for (let j = 0; j < idx.length; j++) {
    const base = (idx[j] ?? 0) * K;
    const v = (val[j] ?? 0) * scale;
    for (let k = 0; k < K; k++) s[k] = (s[k] ?? 0) + (weights[base + k] ?? 0) * v;
  }
  for (let k = 0; k < K; k++) s[k] = (s[k] ?? 0) + (bias[k] ?? 0);
  return s;
}

export function softmax(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k] ?? 0) - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < out.length; k++) out[k] = (out[k] ?? 0) / sum;
  return out;
}

/** A deterministic pseudo-random generator (mulberry32), so training is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Trains a model on labelled messages. */
export function trainLinearModel(examples: TrainingExample[], opts: TrainOptions = {}): LinearModel {
  const epochs = opts.epochs ?? 12;
  const lambda = opts.lambda ?? 2e-5;
  const eta0 = opts.eta0 ?? 0.5;
  const minDf = opts.minDf ?? 2;
  const maxN = opts.warmStart?.maxN ?? 3;
  const titleWeight = opts.warmStart?.titleWeight ?? 2;
  const warm = opts.warmStart;

  const labels = [...(warm?.labels ?? [])];
  for (const e of examples) if (!labels.includes(e.label)) labels.push(e.label);
  const K = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));

  const docs = examples.map((e) => extractFeatures(e, maxN, titleWeight));
  const df = new Map<string, number>();
  for (const d of docs) for (const f of d.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  let features = [...df.entries()].filter(([, n]) => n >= minDf);
  if (opts.maxFeatures && features.length > opts.maxFeatures) {
    features.sort((a, b) => b[1] - a[1]);
    features = features.slice(0, opts.maxFeatures);
  }
  const featureNames = features.map(([f]) => f);
  if (warm) {
    const taken = new Set(featureNames);
    for (const f of warm.features) if (!taken.has(f)) featureNames.push(f);
  }
  const index = new Map(featureNames.map((f, i) => [f, i]));
  const N = docs.length;
  const idf = new Float32Array(featureNames.length);
  for (let i = 0; i < featureNames.length; i++) {
    const name = featureNames[i] ?? '';
    const warmI = warm?.index.get(name);
    // A warm start keeps the idf its weights were learnt with; only new features get one from here.
    idf[i] =
      warm && warmI !== undefined
        ? (warm.idf[warmI] ?? 0)
        : Math.log((1 + N) / (1 + (df.get(name) ?? 0))) + 1;
  }

  const weights = new Float32Array(featureNames.length * K);
  const bias = new Float32Array(K);
  if (warm) {
    for (let i = 0; i < warm.features.length; i++) {
      const j = index.get(warm.features[i] ?? '');
      if (j === undefined) continue;
      for (let k = 0; k < warm.labels.length; k++)
        weights[j * K + k] = warm.weights[i * warm.labels.length + k] ?? 0;
    }
    for (let k = 0; k < warm.labels.length; k++) bias[k] = warm.bias[k] ?? 0;
  }

  const vectors = docs.map((d) => toVector(d, index, idf));
  const ys = examples.map((e) => labelIndex.get(e.label) ?? 0);
  const random = rng(opts.seed ?? 7);
  const order = Array.from({ length: N }, (_, i) => i);
  // Lazily applied L2 decay: the true weights are scale × weights.
  let scale = 1;
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    for (const n of order) {
      const eta = eta0 / (1 + eta0 * lambda * t);
      t++;
      const { idx, val } = vectors[n] ?? { idx: new Int32Array(), val: new Float32Array() };
      const probs = softmax(scoresOf(weights, bias, K, idx, val, scale));
      scale *= 1 - eta * lambda;
      const y = ys[n] ?? 0;
      for (let k = 0; k < K; k++) {
        const g = (probs[k] ?? 0) - (k === y ? 1 : 0);
        if (Math.abs(g) < 1e-6) continue;
        const step = (eta * g) / scale;
        for (let j = 0; j < idx.length; j++) {
          const p = (idx[j] ?? 0) * K + k;
          weights[p] = (weights[p] ?? 0) - step * (val[j] ?? 0);
        }
        bias[k] = (bias[k] ?? 0) - eta * g * 0.1;
      }
      if (scale < 1e-6) {
        for (let p = 0; p < weights.length; p++) weights[p] = (weights[p] ?? 0) * scale;
        scale = 1;
      }
    }
  }
  for (let p = 0; p < weights.length; p++) weights[p] = (weights[p] ?? 0) * scale;
  return new LinearModel(labels, featureNames, idf, weights, bias, maxN, titleWeight);
}

/**
 * Drops features whose weights are all near zero (they cannot change a prediction) and keeps at
 * most `maxFeatures` of the strongest, so the shipped model stays small.
 */
export function pruneModel(model: LinearModel, maxFeatures: number): LinearModel {
  const K = model.labels.length;
  const strength = model.features.map((_, i) => {
    let m = 0;
    for (let k = 0; k < K; k++) m = Math.max(m, Math.abs(model.weights[i * K + k] ?? 0));
    return { i, m };
  });
  strength.sort((a, b) => b.m - a.m);
  const keep = strength
    .slice(0, maxFeatures)
    .filter((s) => s.m > 0)
    .map((s) => s.i)
    .sort((a, b) => a - b);
  const weights = new Float32Array(keep.length * K);
  keep.forEach((i, j) => {
    for (let k = 0; k < K; k++) weights[j * K + k] = model.weights[i * K + k] ?? 0;
  });
  return new LinearModel(
    model.labels,
    keep.map((i) => model.features[i] ?? ''),
    Float32Array.from(keep, (i) => model.idf[i] ?? 0),
    weights,
    model.bias,
    model.maxN,
    model.titleWeight,
    model.meta,
    model.temperature,
  );
}

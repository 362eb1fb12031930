/** Weighted, L2-regularised logistic regression and grouped cross-validation: small enough to read, enough for 16 features. */

export interface Sample {
  x: number[];
  /** 1 = the gazettes answer it. */
  y: 0 | 1;
  /** Questions about one document share a group, so a fold never trains on the document it tests. */
  group: string;
}

export interface Fitted {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export const TRAINING = { l2: 0.05, rate: 0.3, epochs: 3000, folds: 5 };

export function predict(m: Fitted, x: number[]): number {
  let z = m.bias;
  for (let i = 0; i < x.length; i++) z += m.weights[i]! * ((x[i]! - m.mean[i]!) / (m.scale[i]! || 1));
  return 1 / (1 + Math.exp(-z));
}

/** Classes weighted to equal total weight: unanswerable questions are the fewer and the costlier to miss. */
export function fit(samples: Sample[]): Fitted {
  const d = samples[0]?.x.length ?? 0;
  const mean = Array.from({ length: d }, (_, i) => samples.reduce((s, r) => s + r.x[i]!, 0) / samples.length);
  const scale = mean.map((m, i) => Math.sqrt(samples.reduce((s, r) => s + (r.x[i]! - m) ** 2, 0) / samples.length) || 1);
  const pos = samples.filter((s) => s.y === 1).length;
  const neg = samples.length - pos;
  const cw = (y: 0 | 1) => (y === 1 ? samples.length / (2 * Math.max(pos, 1)) : samples.length / (2 * Math.max(neg, 1)));
  const z = samples.map((s) => s.x.map((v, i) => (v - mean[i]!) / scale[i]!));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let e = 0; e < TRAINING.epochs; e++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    samples.forEach((s, k) => {
      let t = b;
      for (let i = 0; i < d; i++) t += w[i]! * z[k]![i]!;
      const err = (1 / (1 + Math.exp(-t)) - s.y) * cw(s.y);
      for (let i = 0; i < d; i++) gw[i]! += err * z[k]![i]!;
      gb += err;
    });
    for (let i = 0; i < d; i++) w[i]! -= TRAINING.rate * (gw[i]! / samples.length + TRAINING.l2 * w[i]!);
    b -= (TRAINING.rate * gb) / samples.length;
  }
  return { mean, scale, weights: w, bias: b };
}

/** Out-of-fold probabilities: groups dealt to folds in a fixed order, each fold predicted by a model fitted on the others. */
export function outOfFold(samples: Sample[], folds = TRAINING.folds): number[] {
  const groups = [...new Set(samples.map((s) => s.group))].sort();
  const foldOf = new Map(groups.map((g, i) => [g, i % folds]));
  const out = new Array<number>(samples.length).fill(0);
  for (let f = 0; f < folds; f++) {
    const train = samples.filter((s) => foldOf.get(s.group) !== f);
    if (train.length === 0) continue;
    const m = fit(train);
    samples.forEach((s, i) => { if (foldOf.get(s.group) === f) out[i] = predict(m, s.x); });
  }
  return out;
}

export interface Rates {
  threshold: number;
  /** Share of unanswerable questions abstained on. */
  abstention: number;
  /** Share of abstentions that were right (the question was unanswerable). */
  precision: number;
  /** Share of answerable questions abstained on. */
  falseAbstention: number;
}

export function rates(p: number[], y: (0 | 1)[], threshold: number): Rates {
  let tp = 0, fp = 0, neg = 0, pos = 0;
  p.forEach((v, i) => {
    const abstain = v < threshold;
    if (y[i] === 0) { neg++; if (abstain) tp++; } else { pos++; if (abstain) fp++; }
  });
  return { threshold, abstention: neg ? tp / neg : 0, precision: tp + fp ? tp / (tp + fp) : 1, falseAbstention: pos ? fp / pos : 0 };
}

/** The threshold that abstains most on unanswerable questions while abstaining on at most `maxFalse` of the answerable. */
export function chooseThreshold(p: number[], y: (0 | 1)[], maxFalse: number): Rates {
  const candidates = [...new Set(p)].sort((a, b) => a - b).map((v) => v + 1e-9);
  let best = rates(p, y, 0);
  for (const t of candidates) {
    const r = rates(p, y, t);
    if (r.falseAbstention <= maxFalse && (r.abstention > best.abstention || (r.abstention === best.abstention && r.falseAbstention < best.falseAbstention))) best = r;
  }
  return best;
}

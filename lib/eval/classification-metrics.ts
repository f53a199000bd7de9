/**
 * Classification metrics over typed arrays, with scikit-learn's definitions (zero division → 0):
 * accuracy, per-class precision/recall/F1/support, macro and weighted averages, confusion matrix,
 * log loss, the RMSE/MAE of the expected rating, and reliability (calibration) bins.
 * Inputs: true class per row (Int32Array, 0..K-1) and class probabilities row-major (n × K).
 */

/** Per-class and averaged precision, recall and F1 (sklearn's precision_recall_fscore_support). */
export interface ClassScores {
  /** Per class, 0..1: true positives / predicted positives (0 when none predicted). */
  precision: Float64Array;
  /** Per class, 0..1: true positives / true rows (0 when none). */
  recall: Float64Array;
  /** Per class, 0..1: harmonic mean of precision and recall. */
  f1: Float64Array;
  /** Number of true rows per class. */
  support: Int32Array;
  /** Unweighted means over classes. */
  macro: {
    /** Mean per-class precision, 0..1. */
    precision: number;
    /** Mean per-class recall, 0..1. */
    recall: number;
    /** Mean per-class F1, 0..1. */
    f1: number;
  };
  /** Averages weighted by support. */
  weighted: {
    /** Support-weighted precision, 0..1. */
    precision: number;
    /** Support-weighted recall, 0..1. */
    recall: number;
    /** Support-weighted F1, 0..1. */
    f1: number;
  };
}

/** Reliability of one class's probabilities in equal-width bins over [0, 1]. */
export interface CalibrationBins {
  /** Bin edges, length nBins + 1. */
  edges: Float64Array;
  /** Per class k and bin b at [k * nBins + b]: rows whose p_k fell in the bin. */
  count: Int32Array;
  /** Mean predicted p_k in the bin (NaN when empty). */
  meanPredicted: Float64Array;
  /** Share of the bin's rows whose true class is k (NaN when empty). */
  observed: Float64Array;
  /** Bins over [0, 1], ≥ 1. */
  nBins: number;
}

/** Everything at once, for CLI tables and notebook charts. */
export interface ClassificationReport {
  /** Rows scored. */
  n: number;
  /** Classes K (rating values). */
  nClasses: number;
  /** Share of rows whose arg-max class is the true class, 0..1. */
  accuracy: number;
  /** Precision, recall and F1 per class and averaged. */
  scores: ClassScores;
  /** Counts, row = true class, column = predicted class, row-major K × K. */
  confusion: Int32Array;
  /** Confusion rows divided by their sums (0 for an empty row). */
  confusionNormalized: Float64Array;
  /** Mean negative log-likelihood of the true class, nats (≥ 0; sklearn's log_loss). */
  logLoss: number;
  /** Of the expected rating Σ p_k · value_k against the true rating, on the rating scale. */
  rmse: number;
  /** Mean absolute error of the expected rating, in stars. */
  mae: number;
  /** Reliability bins of every class's probabilities. */
  calibration: CalibrationBins;
}

/** Arg-max class per row of an n × K probability matrix (first maximum wins, like numpy). */
export function argmaxClasses(proba: Float32Array | Float64Array, nClasses: number): Int32Array {
  const n = checkProba(proba, nClasses);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestP = proba[i * nClasses];
    for (let k = 1; k < nClasses; k++) {
      const p = proba[i * nClasses + k];
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    out[i] = best;
  }
  return out;
}

/** Share of rows whose predicted class equals the true class, 0..1 (NaN for no rows). */
export function accuracy(truth: Int32Array, predicted: Int32Array): number {
  checkSameLength(truth, predicted);
  let hit = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) hit++;
  return truth.length === 0 ? NaN : hit / truth.length;
}

/** Confusion counts K × K row-major, row = true class, column = predicted class. */
export function confusionMatrix(truth: Int32Array, predicted: Int32Array, nClasses: number): Int32Array {
  checkSameLength(truth, predicted);
  const m = new Int32Array(nClasses * nClasses);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i],
      p = predicted[i];
    if (!(t >= 0 && t < nClasses)) throw new RangeError(`true class ${t} at row ${i}: expected 0..${nClasses - 1}`);
    if (!(p >= 0 && p < nClasses))
      throw new RangeError(`predicted class ${p} at row ${i}: expected 0..${nClasses - 1}`);
    m[t * nClasses + p]++;
  }
  return m;
}

/** Each confusion row divided by its sum (recall view); empty rows stay 0. */
export function normalizeRows(confusion: Int32Array, nClasses: number): Float64Array {
  const out = new Float64Array(nClasses * nClasses);
  for (let t = 0; t < nClasses; t++) {
    let s = 0;
    for (let p = 0; p < nClasses; p++) s += confusion[t * nClasses + p];
    if (s > 0) for (let p = 0; p < nClasses; p++) out[t * nClasses + p] = confusion[t * nClasses + p] / s;
  }
  return out;
}

/** Precision, recall and F1 per class with macro and support-weighted averages; a 0/0 ratio counts as 0 (sklearn zero_division=0). */
export function classScores(confusion: Int32Array, nClasses: number): ClassScores {
  const precision = new Float64Array(nClasses);
  const recall = new Float64Array(nClasses);
  const f1 = new Float64Array(nClasses);
  const support = new Int32Array(nClasses);
  let total = 0;
  for (let k = 0; k < nClasses; k++) {
    let predictedK = 0,
      trueK = 0;
    for (let j = 0; j < nClasses; j++) {
      predictedK += confusion[j * nClasses + k];
      trueK += confusion[k * nClasses + j];
    }
    const tp = confusion[k * nClasses + k];
    precision[k] = predictedK > 0 ? tp / predictedK : 0;
    recall[k] = trueK > 0 ? tp / trueK : 0;
    // sklearn computes F1 from counts: 2tp / (2tp + fp + fn), 0 when the denominator is 0.
    const denom = predictedK + trueK;
    f1[k] = denom > 0 ? (2 * tp) / denom : 0;
    support[k] = trueK;
    total += trueK;
  }
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / nClasses;
  const wmean = (a: Float64Array) => (total > 0 ? a.reduce((s, v, k) => s + v * support[k], 0) / total : 0);
  return {
    precision,
    recall,
    f1,
    support,
    macro: {precision: mean(precision), recall: mean(recall), f1: mean(f1)},
    weighted: {precision: wmean(precision), recall: wmean(recall), f1: wmean(f1)}
  };
}

/** Mean negative log-likelihood of the true class in nats, probabilities clipped to [1e-15, 1 − 1e-15] (sklearn's log_loss; rows are not renormalised). */
export function logLoss(truth: Int32Array, proba: Float32Array | Float64Array, nClasses: number): number {
  const n = checkProba(proba, nClasses);
  if (n !== truth.length) throw new RangeError(`probabilities have ${n} rows but truth has ${truth.length}`);
  const eps = 1e-15;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - eps, Math.max(eps, proba[i * nClasses + truth[i]]));
    s -= Math.log(p);
  }
  return n === 0 ? NaN : s / n;
}

/** Expected rating per row: Σ_k p_k · classValues[k], on the rating scale. */
export function expectedRating(proba: Float32Array | Float64Array, classValues: ArrayLike<number>): Float64Array {
  const nClasses = classValues.length;
  const n = checkProba(proba, nClasses);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let k = 0; k < nClasses; k++) e += proba[i * nClasses + k] * classValues[k];
    out[i] = e;
  }
  return out;
}

/** The rating of each row's true class (truth 0..K-1 indexes classValues). */
export function trueRatings(truth: Int32Array, classValues: ArrayLike<number>): Float64Array {
  return Float64Array.from(truth, (t) => classValues[t]);
}

/** RMSE and MAE of predictions against true values, in rating units. */
export function regressionErrors(truth: ArrayLike<number>, predicted: ArrayLike<number>): {rmse: number; mae: number} {
  if (truth.length !== predicted.length)
    throw new RangeError(`truth has ${truth.length} rows but predictions ${predicted.length}`);
  let se = 0,
    ae = 0;
  for (let i = 0; i < truth.length; i++) {
    const d = predicted[i] - truth[i];
    se += d * d;
    ae += Math.abs(d);
  }
  const n = truth.length;
  return {rmse: Math.sqrt(se / n), mae: ae / n};
}

/**
 * Reliability bins per class: p_k of every row goes to one of nBins equal-width bins over [0, 1]
 * (p = 1 in the last bin); each bin records its count, mean p_k and observed frequency of class k.
 */
export function calibrationBins(
  truth: Int32Array,
  proba: Float32Array | Float64Array,
  nClasses: number,
  nBins = 10
): CalibrationBins {
  const n = checkProba(proba, nClasses);
  const count = new Int32Array(nClasses * nBins);
  const sumP = new Float64Array(nClasses * nBins);
  const hits = new Float64Array(nClasses * nBins);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < nClasses; k++) {
      const p = proba[i * nClasses + k];
      const b = Math.min(nBins - 1, Math.max(0, Math.floor(p * nBins)));
      const j = k * nBins + b;
      count[j]++;
      sumP[j] += p;
      if (truth[i] === k) hits[j]++;
    }
  }
  const meanPredicted = new Float64Array(nClasses * nBins);
  const observed = new Float64Array(nClasses * nBins);
  for (let j = 0; j < count.length; j++) {
    meanPredicted[j] = count[j] > 0 ? sumP[j] / count[j] : NaN;
    observed[j] = count[j] > 0 ? hits[j] / count[j] : NaN;
  }
  const edges = Float64Array.from({length: nBins + 1}, (_, b) => b / nBins);
  return {edges, count, meanPredicted, observed, nBins};
}

/** All metrics of a probabilistic classifier: truth 0..K-1, proba n × K, classValues the rating of each class. */
export function classificationReport(
  truth: Int32Array,
  proba: Float32Array | Float64Array,
  classValues: ArrayLike<number>
): ClassificationReport {
  const nClasses = classValues.length;
  const predicted = argmaxClasses(proba, nClasses);
  const confusion = confusionMatrix(truth, predicted, nClasses);
  const {rmse, mae} = regressionErrors(trueRatings(truth, classValues), expectedRating(proba, classValues));
  return {
    n: truth.length,
    nClasses,
    accuracy: accuracy(truth, predicted),
    scores: classScores(confusion, nClasses),
    confusion,
    confusionNormalized: normalizeRows(confusion, nClasses),
    logLoss: logLoss(truth, proba, nClasses),
    rmse,
    mae,
    calibration: calibrationBins(truth, proba, nClasses)
  };
}

function checkProba(proba: Float32Array | Float64Array, nClasses: number): number {
  if (!(Number.isInteger(nClasses) && nClasses >= 1))
    throw new RangeError(`nClasses is ${nClasses}: expected a positive integer`);
  if (proba.length % nClasses !== 0)
    throw new RangeError(`probability matrix has ${proba.length} values: expected a multiple of ${nClasses} classes`);
  return proba.length / nClasses;
}

function checkSameLength(a: Int32Array, b: Int32Array): void {
  if (a.length !== b.length) throw new RangeError(`truth has ${a.length} rows but predictions ${b.length}`);
}

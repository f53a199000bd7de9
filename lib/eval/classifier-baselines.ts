/**
 * Baselines for the rating classifier, giving class predictions and probabilities so they go through
 * the same metrics: the majority class (probabilities = training class shares) and the rounded
 * damped user + item bias (μ + b_u + b_i, rounded to the nearest class, smoothed one-hot probabilities).
 */
import type {Dataset, RatingScale} from "../data/types.js";

/** Predictions of a baseline for some rows. */
export interface BaselinePredictions {
  /** Predicted class 0..K-1. */
  classes: Int32Array;
  /** Class probabilities row-major n × K. */
  proba: Float32Array;
  /** The baseline's continuous rating (before rounding), on the scale. */
  rating: Float64Array;
}

/** Majority baseline: training class counts and the most frequent class (first on ties). */
export interface MajorityState {
  classCounts: Float64Array;
  majority: number;
}

/** Counts training labels (0..nClasses-1) and picks the most frequent class. */
export function fitMajority(trainLabels: Int32Array, nClasses: number): MajorityState {
  const classCounts = new Float64Array(nClasses);
  for (let i = 0; i < trainLabels.length; i++) {
    const c = trainLabels[i];
    if (!(c >= 0 && c < nClasses)) throw new RangeError(`label ${c} at row ${i}: expected 0..${nClasses - 1}`);
    classCounts[c]++;
  }
  let majority = 0;
  for (let k = 1; k < nClasses; k++) if (classCounts[k] > classCounts[majority]) majority = k;
  return {classCounts, majority};
}

/** Majority predictions for n rows: class = majority, probabilities = training class shares, rating = Σ share · value. */
export function predictMajority(state: MajorityState, n: number, classValues: ArrayLike<number>): BaselinePredictions {
  const K = state.classCounts.length;
  const total = state.classCounts.reduce((a, b) => a + b, 0);
  const shares = Float32Array.from(state.classCounts, (c) => c / total);
  let expected = 0;
  for (let k = 0; k < K; k++) expected += shares[k] * classValues[k];
  const proba = new Float32Array(n * K);
  for (let i = 0; i < n; i++) proba.set(shares, i * K);
  return {classes: new Int32Array(n).fill(state.majority), proba, rating: new Float64Array(n).fill(expected)};
}

export interface BiasOptions {
  /** Damping of the item bias: b_i = Σ (r − μ) / (n_i + itemDamping), ≥ 0 (default 25). */
  itemDamping: number;
  /** Damping of the user bias: b_u = Σ (r − μ − b_i) / (n_u + userDamping), ≥ 0 (default 10). */
  userDamping: number;
}

export const DEFAULT_BIAS_OPTIONS: BiasOptions = {itemDamping: 25, userDamping: 10};

/** Fitted damped biases: global mean μ, user and item offsets (rating units), and the scale. */
export interface BiasState {
  mu: number;
  userBias: Float64Array;
  itemBias: Float64Array;
  scale: RatingScale;
}

/** Fits μ, then damped item biases, then damped user biases on the item-corrected residuals, from trainRows only. */
export function fitBiasBaseline(
  dataset: Dataset,
  trainRows: Int32Array,
  options: Partial<BiasOptions> = {}
): BiasState {
  const {itemDamping, userDamping} = {...DEFAULT_BIAS_OPTIONS, ...options};
  const {user, movie, rating} = dataset.ratings;
  const nUsers = dataset.userIds.length;
  const nMovies = dataset.movies.id.length;
  let sum = 0;
  for (let i = 0; i < trainRows.length; i++) sum += rating[trainRows[i]];
  const mu = trainRows.length > 0 ? sum / trainRows.length : (dataset.scale.min + dataset.scale.max) / 2;
  const itemSum = new Float64Array(nMovies),
    itemN = new Float64Array(nMovies);
  for (let i = 0; i < trainRows.length; i++) {
    const r = trainRows[i];
    itemSum[movie[r]] += rating[r] - mu;
    itemN[movie[r]]++;
  }
  const itemBias = itemSum.map((s, m) => (itemN[m] + itemDamping > 0 ? s / (itemN[m] + itemDamping) : 0));
  const userSum = new Float64Array(nUsers),
    userN = new Float64Array(nUsers);
  for (let i = 0; i < trainRows.length; i++) {
    const r = trainRows[i];
    userSum[user[r]] += rating[r] - mu - itemBias[movie[r]];
    userN[user[r]]++;
  }
  const userBias = userSum.map((s, u) => (userN[u] + userDamping > 0 ? s / (userN[u] + userDamping) : 0));
  return {mu, userBias, itemBias, scale: {...dataset.scale}};
}

/**
 * Predictions for rows: rating = clip(μ + b_u + b_i) to the scale, class = nearest class; probabilities
 * put 1 − epsilon on that class and share epsilon over the others (epsilon in [0, 1), default 0.1),
 * so the log loss stays finite.
 */
export function predictBiasBaseline(
  state: BiasState,
  dataset: Dataset,
  rows: Int32Array,
  epsilon = 0.1
): BaselinePredictions {
  if (!(epsilon >= 0 && epsilon < 1)) throw new RangeError(`epsilon is ${epsilon}: expected a number in [0, 1)`);
  const {min, max, step} = state.scale;
  const K = Math.round((max - min) / step) + 1;
  const {user, movie} = dataset.ratings;
  const n = rows.length;
  const classes = new Int32Array(n);
  const rating = new Float64Array(n);
  const proba = new Float32Array(n * K).fill(K > 1 ? epsilon / (K - 1) : 0);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const u = user[r],
      m = movie[r];
    const bu = u < state.userBias.length ? state.userBias[u] : 0;
    const bi = m < state.itemBias.length ? state.itemBias[m] : 0;
    const p = Math.min(max, Math.max(min, state.mu + bu + bi));
    rating[i] = p;
    const c = Math.min(K - 1, Math.max(0, Math.round((p - min) / step)));
    classes[i] = c;
    proba[i * K + c] = K > 1 ? 1 - epsilon : 1;
  }
  return {classes, proba, rating};
}

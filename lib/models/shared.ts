/** Small pieces every recommender shares: the rating matrices, the global mean, known users and movies, the biased factor estimate. */
import type {RatingScale} from "../data/types.js";
import type {Estimate, TrainSet} from "./estimator.js";
import {buildCsr, transpose, type Csr} from "../linalg/sparse.js";

/** Mean training rating; throws when the training set is empty. */
export function globalMean(train: TrainSet): number {
  const r = train.ratings.rating;
  if (r.length === 0) throw new RangeError("fit: the training set has no ratings; expected at least one");
  let s = 0;
  for (let k = 0; k < r.length; k++) s += r[k];
  return s / r.length;
}

/** The rating matrix by user (rows = users) and by movie (rows = movies). */
export interface RatingMatrices {
  byUser: Csr;
  byMovie: Csr;
}

/** Builds user×movie CSR and its transpose from the training ratings. */
export function ratingMatrices(train: TrainSet): RatingMatrices {
  const byUser = buildCsr(train.ratings.user, train.ratings.movie, train.ratings.rating, train.nUsers, train.nMovies);
  return {byUser, byMovie: transpose(byUser)};
}

/** True when index i is within 0..n-1 and has at least one stored rating in m. */
export function hasRow(m: Csr, i: number): boolean {
  return i >= 0 && i < m.nRows && m.indptr[i + 1] > m.indptr[i];
}

/** Known flags of each row of a matrix (1 when the row has ratings). */
export function knownRows(m: Csr): Uint8Array {
  const out = new Uint8Array(m.nRows);
  for (let r = 0; r < m.nRows; r++) out[r] = hasRow(m, r) ? 1 : 0;
  return out;
}

/** True when the user or movie is out of range or had no training ratings. */
export function isUnknown(knownUser: Uint8Array, knownMovie: Uint8Array, user: number, movie: number): boolean {
  return (
    !(user >= 0 && user < knownUser.length && knownUser[user]) ||
    !(movie >= 0 && movie < knownMovie.length && knownMovie[movie])
  );
}

/** What a pointwise model's state carries besides its parameters: who was seen in training, and the scale. */
export interface KnownState {
  knownUser: Uint8Array;
  knownMovie: Uint8Array;
  scale: RatingScale;
}

/** A pointwise model's estimate: the unclipped value, falling back when the user or movie was not in training. */
export function knownEstimate(s: KnownState, user: number, movie: number, value: number): Estimate {
  return {value, fallback: isUnknown(s.knownUser, s.knownMovie, user, movie)};
}

/** The fitted terms of a biased factor model (μ, b_u, b_i, item factors q_i, row-major nMovies × factors). */
export interface BiasedFactors {
  factors: number;
  mean: number;
  userBias: Float32Array | Float64Array;
  itemBias: Float32Array | Float64Array;
  itemFactors: Float32Array | Float64Array;
  knownUser: Uint8Array;
  knownMovie: Uint8Array;
}

/** Unclipped μ + b_u + b_i + u_u·q_i (userRows row-major nUsers × factors), dropping the terms of an unknown user or movie. */
export function biasedFactorEstimate(
  s: BiasedFactors,
  userRows: Float32Array | Float64Array,
  user: number,
  movie: number
): number {
  const ku = user >= 0 && user < s.knownUser.length && s.knownUser[user] === 1;
  const km = movie >= 0 && movie < s.knownMovie.length && s.knownMovie[movie] === 1;
  let x = s.mean;
  if (ku) x += s.userBias[user];
  if (km) x += s.itemBias[movie];
  if (ku && km) {
    const K = s.factors,
      po = user * K,
      qo = movie * K;
    for (let f = 0; f < K; f++) x += userRows[po + f] * s.itemFactors[qo + f];
  }
  return x;
}

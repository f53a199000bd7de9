/** Small pieces every recommender shares: clipping to the scale, the rating matrices, the global mean, the pointwise model shell. */
import type {RatingScale} from "../../data/types.js";
import type {Model, Prediction, TrainSet} from "../estimator.js";
import {buildCsr, transpose, type Csr} from "../sparse.js";

/** Clips a rating to the scale's min..max (NaN becomes the scale's midpoint so nothing downstream sees NaN). */
export function clip(x: number, scale: RatingScale): number {
  if (x !== x) return (scale.min + scale.max) / 2;
  return x < scale.min ? scale.min : x > scale.max ? scale.max : x;
}

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

/** True when the user or movie is out of range or had no training ratings. */
export function isUnknown(knownUser: Uint8Array, knownMovie: Uint8Array, user: number, movie: number): boolean {
  return !(user >= 0 && user < knownUser.length && knownUser[user]) || !(movie >= 0 && movie < knownMovie.length && knownMovie[movie]);
}

/** What a pointwise model's state carries besides its parameters: who was seen in training, and the scale. */
export interface KnownState {
  knownUser: Uint8Array;
  knownMovie: Uint8Array;
  scale: RatingScale;
}

/**
 * A model that scores one (user, movie) at a time: predict clips the estimate to the scale and flags
 * unknown users or movies; scoreAll ranks every movie (knownMovie.length of them) by the unclipped estimate.
 */
export function pointwiseModel<P, S extends KnownState>(
  name: string,
  defaults: P,
  fit: (train: TrainSet, params?: Partial<P>) => S,
  estimate: (s: S, user: number, movie: number) => number
): Model<P, S> {
  return {
    name,
    defaults,
    fit,
    predict(s, user, movie): Prediction {
      return {rating: clip(estimate(s, user, movie), s.scale), fallback: isUnknown(s.knownUser, s.knownMovie, user, movie)};
    },
    scoreAll(s, user) {
      const out = new Float32Array(s.knownMovie.length);
      for (let m = 0; m < out.length; m++) out[m] = estimate(s, user, m);
      return out;
    }
  };
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
export function biasedFactorEstimate(s: BiasedFactors, userRows: Float32Array | Float64Array, user: number, movie: number): number {
  const ku = user >= 0 && user < s.knownUser.length && s.knownUser[user] === 1;
  const km = movie >= 0 && movie < s.knownMovie.length && s.knownMovie[movie] === 1;
  let x = s.mean;
  if (ku) x += s.userBias[user];
  if (km) x += s.itemBias[movie];
  if (ku && km) {
    const K = s.factors, po = user * K, qo = movie * K;
    for (let f = 0; f < K; f++) x += userRows[po + f] * s.itemFactors[qo + f];
  }
  return x;
}

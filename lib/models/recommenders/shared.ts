/** Small pieces every recommender shares: clipping to the scale, the rating matrices, the global mean. */
import type {RatingScale} from "../../data/types.js";
import type {TrainSet} from "../estimator.js";
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

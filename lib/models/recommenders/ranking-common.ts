/** What the top-N models (popular, item-kNN implicit, EASE, ALS) share: the binary matrix and a rating fallback. */
import type {RatingScale} from "../../data/types.js";
import type {Prediction, TrainSet} from "../estimator.js";
import type {Csr} from "../sparse.js";
import {clip, globalMean, ratingMatrices} from "./shared.js";
import {rowMeans} from "../sparse.js";

/** Rating side of a ranking model: these models score, they do not estimate ratings. */
export interface RatingFallback {
  mean: number;
  /** Each user's mean training rating, NaN for users without ratings. */
  userMean: Float64Array;
  scale: RatingScale;
}

/** Global and per-user mean ratings of the training set. */
export function ratingFallback(train: TrainSet): RatingFallback {
  return {mean: globalMean(train), userMean: rowMeans(ratingMatrices(train).byUser), scale: train.scale};
}

/**
 * predict() of a ranking model: the user's mean training rating (global mean for an unknown user,
 * flagged as a fallback). Ranking models order movies; use a rating model to estimate ratings.
 */
export function predictUserMean(f: RatingFallback, user: number): Prediction {
  const m = user >= 0 && user < f.userMean.length ? f.userMean[user] : NaN;
  return m === m ? {rating: clip(m, f.scale), fallback: false} : {rating: clip(f.mean, f.scale), fallback: true};
}

/** Number of training ratings of each movie (its popularity), as float scores. */
export function movieCounts(x: Csr): Float32Array {
  const out = new Float32Array(x.nCols);
  for (let k = 0; k < x.indices.length; k++) out[x.indices[k]] += 1;
  return out;
}

/** What the top-N models (popular, item-kNN implicit, EASE, ALS) share: the binary matrix and a rating fallback. */
import type {RatingScale} from "../../data/types.js";
import type {Estimate, Explanation, RatedReason, TrainSet} from "../estimator.js";
import type {Csr} from "../../linalg/sparse.js";
import {globalMean, ratingMatrices} from "../shared.js";
import {rowMeans} from "../../linalg/sparse.js";
import {sumRowsOfSeen} from "./binary-matrix.js";

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
 * The rating estimate of a ranking model: the user's mean training rating (global mean for an unknown
 * user, flagged as a fallback). Ranking models order movies; use a rating model to estimate ratings.
 */
export function userMeanEstimate(f: RatingFallback, user: number): Estimate {
  const m = user >= 0 && user < f.userMean.length ? f.userMean[user] : NaN;
  return m === m ? {value: m, fallback: false} : {value: f.mean, fallback: true};
}

/** The user's rated movies i with the largest positive weights[i][movie] (row-major n × n), best first: the reasons of an item–item model. */
export function reasonsFromItemWeights(
  weights: Float32Array,
  n: number,
  ratings: Csr,
  user: number,
  movie: number,
  count: number
): RatedReason[] {
  const out: RatedReason[] = [];
  for (let p = ratings.indptr[user]; p < ratings.indptr[user + 1]; p++) {
    const i = ratings.indices[p];
    const w = weights[i * n + movie];
    if (w > 0) out.push({movie: i, weight: w, rating: ratings.values[p]});
  }
  return out.sort((a, b) => b.weight - a.weight || a.movie - b.movie).slice(0, count);
}

/** Number of training ratings of each movie (its popularity), as float scores. */
export function movieCounts(x: Csr): Float32Array {
  const out = new Float32Array(x.nCols);
  for (let k = 0; k < x.indices.length; k++) out[x.indices[k]] += 1;
  return out;
}

/** What an item–item ranker's state holds: the binary training matrix and its n × n weights. */
export interface ItemWeightState extends RatingFallback {
  nMovies: number;
  seen: Csr;
}

/**
 * The methods every item–item ranker (item-kNN implicit, EASE, RP3β) shares, given where its weights
 * live: scores are the sum of the weight rows of the movies the user rated (weights[i][j]: rated i
 * votes for j), explanations the rated movies with the largest weights, estimates the user's mean.
 */
export function itemWeightMethods<S extends ItemWeightState>(weights: (s: S) => Float32Array) {
  return {
    estimate: (s: S, user: number): Estimate => userMeanEstimate(s, user),
    scoreAll: (s: S, user: number): Float32Array => sumRowsOfSeen(s.seen, user, weights(s), s.nMovies),
    itemWeights: weights,
    explain: (s: S, ratings: Csr, user: number, movie: number, count: number): Explanation => ({
      kind: "rated",
      reasons: reasonsFromItemWeights(weights(s), s.nMovies, ratings, user, movie, count)
    })
  };
}

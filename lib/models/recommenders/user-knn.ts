/**
 * User-based kNN for ratings (Surprise's KNNBaseline/KNNWithMeans/KNNBasic with user_based = true):
 * the k users most similar to the target user among those who rated the movie vote.
 * Defaults: Pearson-baseline similarity with shrinkage 100, k = 40, baseline-adjusted.
 */
import type {Model, Prediction} from "../estimator.js";
import type {RatingScale} from "../../data/types.js";
import {clip, globalMean, ratingMatrices} from "./shared.js";
import {fitKnnCore, KNN_DEFAULTS, knnEstimate, type KnnCore, type KnnParams, type Neighbour} from "./knn-core.js";

export interface UserKnnState {
  core: KnnCore;
  scale: RatingScale;
}

export const userKnnModel: Model<KnnParams, UserKnnState> = {
  name: "user-knn",
  defaults: KNN_DEFAULTS,
  fit(train, params = {}) {
    const p = {...KNN_DEFAULTS, ...params};
    const {byUser, byMovie} = ratingMatrices(train);
    return {core: fitKnnCore(byUser, byMovie, true, globalMean(train), p), scale: train.scale};
  },
  predict(s, user, movie): Prediction {
    const e = knnEstimate(s.core, user, movie);
    return {rating: clip(e.value, s.scale), fallback: e.fallback};
  },
  scoreAll(s, user) {
    const out = new Float32Array(s.core.byOther.nRows);
    for (let m = 0; m < out.length; m++) out[m] = knnEstimate(s.core, user, m).value;
    return out;
  }
};

/** The neighbour users who voted for (user, movie): user index (in `entity`), similarity, their rating, signed contribution. */
export function explainUserKnn(s: UserKnnState, user: number, movie: number): Neighbour[] {
  const keep: Neighbour[] = [];
  knnEstimate(s.core, user, movie, keep);
  return keep;
}

/**
 * User-based kNN for ratings (Surprise's KNNBaseline/KNNWithMeans/KNNBasic with user_based = true):
 * the k users most similar to the target user among those who rated the movie vote.
 * Defaults: Pearson-baseline similarity with shrinkage 100, k = 40, baseline-adjusted.
 */
import type {Model} from "../estimator.js";
import type {RatingScale} from "../../data/types.js";
import {globalMean, ratingMatrices} from "../shared.js";
import {
  fitKnnCore,
  KNN_DEFAULTS,
  KNN_PARAMS,
  knnEstimate,
  type KnnCore,
  type KnnParams,
  type Neighbour
} from "./knn-core.js";

export interface UserKnnState {
  core: KnnCore;
  scale: RatingScale;
}

export const userKnnModel: Model<KnnParams, UserKnnState> = {
  name: "user-knn",
  label: "user-kNN (ratings)",
  description: "user-based kNN, Pearson-baseline, k = 40 (Surprise KNNBaseline)",
  task: "rating",
  blendable: true,
  defaults: KNN_DEFAULTS,
  params: KNN_PARAMS,
  fit(train, params = {}) {
    const p = {...KNN_DEFAULTS, ...params};
    const {byUser, byMovie} = ratingMatrices(train);
    return {core: fitKnnCore(byUser, byMovie, true, globalMean(train), p), scale: train.scale};
  },
  estimate: (s, user, movie) => knnEstimate(s.core, user, movie),
  scoreAll(s, user) {
    const out = new Float32Array(s.core.byOther.nRows);
    for (let m = 0; m < out.length; m++) out[m] = knnEstimate(s.core, user, m).value;
    return out;
  },
  explain(s, _ratings, user, movie, count) {
    const neighbours = explainUserKnn(s, user, movie).map((n) => ({
      user: n.entity,
      similarity: n.similarity,
      rating: n.rating
    }));
    return {kind: "neighbours", neighbours: neighbours.slice(0, count)};
  }
};

/** The neighbour users who voted for (user, movie): user index (in `entity`), similarity, their rating, signed contribution. */
export function explainUserKnn(s: UserKnnState, user: number, movie: number): Neighbour[] {
  const keep: Neighbour[] = [];
  knnEstimate(s.core, user, movie, keep);
  return keep;
}

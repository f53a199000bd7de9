/**
 * Item-based kNN for ratings (Surprise's KNNBaseline/KNNWithMeans/KNNBasic with user_based = false):
 * the k movies most similar to the target among those the user rated vote. Defaults: Pearson-baseline
 * similarity with shrinkage 100, k = 40, baseline-adjusted. Keeps the movie–movie similarities, so it
 * explains a prediction ("because you rated …") and lists similar movies.
 */
import type {Model} from "../estimator.js";
import type {RatingScale} from "../../data/types.js";
import {globalMean, ratingMatrices} from "../shared.js";
import {
  fitKnnCore,
  KNN_DEFAULTS,
  KNN_PARAMS,
  knnEstimate,
  mostSimilar,
  type KnnCore,
  type KnnParams,
  type Neighbour
} from "./knn-core.js";

export interface ItemKnnState {
  core: KnnCore;
  scale: RatingScale;
}

/** One rated movie behind a prediction: its similarity to the target, the user's rating, and its signed share of the estimate. */
export interface RatedMovieReason {
  movie: number;
  similarity: number;
  rating: number;
  contribution: number;
}

export const itemKnnModel: Model<KnnParams, ItemKnnState> = {
  name: "item-knn",
  label: "item-kNN (ratings)",
  description: "item-based kNN, Pearson-baseline, k = 40 (Surprise KNNBaseline)",
  task: "rating",
  blendable: true,
  defaults: KNN_DEFAULTS,
  params: KNN_PARAMS,
  fit(train, params = {}) {
    const p = {...KNN_DEFAULTS, ...params};
    const {byUser, byMovie} = ratingMatrices(train);
    return {core: fitKnnCore(byMovie, byUser, false, globalMean(train), p), scale: train.scale};
  },
  estimate: (s, user, movie) => knnEstimate(s.core, movie, user),
  scoreAll(s, user) {
    const out = new Float32Array(s.core.nEntities);
    for (let m = 0; m < out.length; m++) out[m] = knnEstimate(s.core, m, user).value;
    return out;
  },
  explain(s, _ratings, user, movie, count) {
    const reasons = explainItemKnn(s, user, movie).map((r) => ({
      movie: r.movie,
      weight: r.similarity,
      rating: r.rating
    }));
    return {kind: "rated", reasons: reasons.slice(0, count)};
  }
};

/** The user's rated movies that voted for (user, movie), by decreasing similarity (the top-k neighbours with similarity > 0). */
export function explainItemKnn(s: ItemKnnState, user: number, movie: number): RatedMovieReason[] {
  const keep: Neighbour[] = [];
  knnEstimate(s.core, movie, user, keep);
  return keep.map((n) => ({movie: n.entity, similarity: n.similarity, rating: n.rating, contribution: n.contribution}));
}

/** The `count` movies most similar to `movie` (similarity > 0), best first. */
export function similarMovies(
  s: ItemKnnState,
  movie: number,
  count: number
): Array<{movie: number; similarity: number}> {
  return mostSimilar(s.core, movie, count).map((n) => ({movie: n.entity, similarity: n.similarity}));
}

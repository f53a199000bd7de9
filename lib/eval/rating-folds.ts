/**
 * Rating folds for the recommenders: a data set's rows turned into (TrainSet, test ratings) pairs,
 * from predefined fold rows (ml-100k's u1..u5) or a seeded random k-fold. The TrainSet keeps the
 * whole data set's index ranges so that fold models and test rows share dense indices.
 */
import type {Dataset, Ratings} from "../data/types.js";
import type {TrainSet} from "../models/estimator.js";
import {selectRows} from "./evaluate-ranking.js";
import type {FoldRows} from "./fold-rows.js";
import {kFold} from "./split.js";

/** One fold: a training set and held-out test ratings with dense indices of the same data set. */
export interface RatingFold {
  name: string;
  train: TrainSet;
  test: Ratings;
}

/** A TrainSet of the given rows of the data set (indices into dataset.ratings), knowing its source rows. */
export function trainSetOf(dataset: Dataset, rows: Int32Array): TrainSet {
  return {ratings: selectRows(dataset.ratings, rows), nUsers: dataset.userIds.length, nMovies: dataset.movies.id.length, scale: dataset.scale, source: {dataset, rows}};
}

/** Every rating of the data set as one TrainSet (for final models and recommendations). */
export function fullTrainSet(dataset: Dataset): TrainSet {
  const rows = Int32Array.from({length: dataset.ratings.rating.length}, (_, i) => i);
  return {ratings: dataset.ratings, nUsers: dataset.userIds.length, nMovies: dataset.movies.id.length, scale: dataset.scale, source: {dataset, rows}};
}

/** Rating folds from predefined row indices (e.g. officialFoldRows), named as given. */
export function ratingFoldsFromRows(dataset: Dataset, folds: readonly FoldRows[]): RatingFold[] {
  return folds.map((f) => ({name: f.name, train: trainSetOf(dataset, f.train), test: selectRows(dataset.ratings, f.test)}));
}

/** Seeded random k-fold over every rating (k ≥ 2), folds named "fold1".."foldK". */
export function randomRatingFolds(dataset: Dataset, k: number, seed: number): RatingFold[] {
  const splits = kFold(dataset.ratings.rating.length, k, seed);
  return splits.map((s, i) => ({name: `fold${i + 1}`, train: trainSetOf(dataset, s.train), test: selectRows(dataset.ratings, s.test)}));
}

/**
 * Folds of a cleaned, encoded data set, browser-safe (lib/node/open-dataset.ts reads the files):
 * predefined folds (ml-100k's official u1..u5 .base/.test files, read as raw ratings) mapped to row
 * indices by the (raw user id, raw movie id) pair, unique in MovieLens, and rating folds for the
 * recommenders — (TrainSet, test ratings) pairs from fold rows or a seeded random k-fold. The
 * TrainSet keeps the whole data set's index ranges so that fold models and test rows share dense indices.
 * The data set must keep every fold row: clean it without the before-release rule
 * (`cleanDataset(raw, {beforeRelease: false})`); the feature pipeline drops noise from training rows itself.
 */
import type {RatingFold} from "../eval/evaluate-rating.js";
import {selectRows} from "../eval/evaluate-ranking.js";
import {kFold} from "../eval/split.js";
import type {TrainSet} from "../models/estimator.js";
import {idLookup} from "./encode.js";
import {DataError} from "./errors.js";
import type {Dataset, RawRatings} from "./types.js";

/** One fold as raw ratings (as read from its files). */
export interface RawFold {
  name: string;
  train: RawRatings;
  test: RawRatings;
}

/** One fold as sorted row indices into dataset.ratings. */
export interface FoldRows {
  name: string;
  train: Int32Array;
  test: Int32Array;
}

/** Row indices of each fold's train and test ratings; a fold rating missing from the data set, or with another rating value, throws a DataError naming fold, part and line. */
export function officialFoldRows(dataset: Dataset, folds: readonly RawFold[]): FoldRows[] {
  const rowOfPair = pairIndex(dataset);
  const userOf = idLookup(dataset.userIds);
  const movieOf = idLookup(dataset.movies.id);
  const nMovies = dataset.movies.id.length;
  const map = (fold: RawFold, part: "train" | "test"): Int32Array => {
    const r = fold[part];
    const out = new Int32Array(r.userId.length);
    for (let i = 0; i < out.length; i++) {
      const u = userOf(r.userId[i]);
      const m = movieOf(r.movieId[i]);
      const row = u >= 0 && m >= 0 ? rowOfPair.get(u * nMovies + m) : undefined;
      const where = {file: `${fold.name} (${part})`, line: i + 1, field: "user id, movie id", value: `${r.userId[i]}, ${r.movieId[i]}`};
      if (row === undefined) {
        throw new DataError({...where, expected: `a (user, movie) pair rated in data set ${dataset.name} (clean it with {beforeRelease: false} to keep every fold row)`});
      }
      if (dataset.ratings.rating[row] !== r.rating[i]) {
        throw new DataError({...where, field: "rating", value: String(r.rating[i]), expected: `the data set's rating ${dataset.ratings.rating[row]} for user ${r.userId[i]}, movie ${r.movieId[i]}`});
      }
      out[i] = row;
    }
    return out.sort();
  };
  return folds.map((fold) => ({name: fold.name, train: map(fold, "train"), test: map(fold, "test")}));
}

function pairIndex(dataset: Dataset): Map<number, number> {
  const {user, movie} = dataset.ratings;
  const nMovies = dataset.movies.id.length;
  const index = new Map<number, number>();
  for (let row = 0; row < user.length; row++) {
    const key = user[row] * nMovies + movie[row];
    const prev = index.get(key);
    if (prev !== undefined) {
      throw new RangeError(`data set ${dataset.name} rates user ${dataset.userIds[user[row]]}, movie ${dataset.movies.id[movie[row]]} twice (rows ${prev} and ${row}): expected unique pairs (clean duplicates first)`);
    }
    index.set(key, row);
  }
  return index;
}

/** A TrainSet of the given rows of the data set (indices into dataset.ratings). */
export function trainSetOf(dataset: Dataset, rows: Int32Array): TrainSet {
  return {ratings: selectRows(dataset.ratings, rows), nUsers: dataset.userIds.length, nMovies: dataset.movies.id.length, scale: dataset.scale};
}

/** Every rating of the data set as one TrainSet (for final models and recommendations). */
export function fullTrainSet(dataset: Dataset): TrainSet {
  return {ratings: dataset.ratings, nUsers: dataset.userIds.length, nMovies: dataset.movies.id.length, scale: dataset.scale};
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

/**
 * Maps predefined folds (ml-100k's official u1..u5 .base/.test files, read as raw ratings) to row
 * indices of an encoded data set, by the (raw user id, raw movie id) pair, unique in MovieLens.
 * The data set must keep every fold row: clean it without the before-release rule
 * (`cleanDataset(raw, {beforeRelease: false})`); the feature pipeline drops noise from training rows itself.
 */
import {DataError} from "../data/errors.js";
import {idLookup} from "../data/encode.js";
import type {Dataset, RawRatings} from "../data/types.js";

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
export function officialFoldRows(dataset: Dataset, folds: RawFold[]): FoldRows[] {
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

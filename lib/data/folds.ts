/**
 * Folds of a cleaned, encoded data set, browser-safe (lib/node/open-dataset.ts reads the files):
 * - ml-100k's official splits parsed from the bytes or text of their .base/.test files, and mapped
 *   to row indices by the (raw user id, raw movie id) pair, unique in MovieLens;
 * - rating folds for the recommenders: (TrainSet, test ratings) pairs from fold rows or a seeded
 *   random k-fold; the TrainSet keeps the whole data set's index ranges so that fold models and
 *   test rows share dense indices;
 * - the evaluations' protocols: the official folds when a set has them, else seeded folds (random
 *   k-fold for rating models, stratified k-fold for the classifier) and a stratified 80/20 hold-out.
 * The data set must keep every fold row: clean it without the before-release rule
 * (`cleanDataset(raw, {beforeRelease: false})`); the feature pipeline drops noise from training rows itself.
 */
import {kFold, stratifiedSplit} from "../eval/split.js";
import {labelsOf} from "../features/feature-matrix.js";
import type {TrainSet} from "../models/estimator.js";
import {idLookup} from "./encode.js";
import {DataError} from "./errors.js";
import {readMl100kRatings} from "./read-ml100k.js";
import type {Dataset, Ratings, RawRatings} from "./types.js";

/** ml-100k's official 80/20 splits, whose test parts are disjoint and cover every rating. */
export const OFFICIAL_FOLDS = ["u1", "u2", "u3", "u4", "u5"] as const;
/** Every official split ml-100k ships: u1..u5, and ua, ub (10 ratings per user held out). */
export const OFFICIAL_SPLITS: readonly string[] = [...OFFICIAL_FOLDS, "ua", "ub"];

/** The files of an official split: `<name>.base` (training part) and `<name>.test`. */
export function officialFoldFiles(name: string): {base: string; test: string} {
  return {base: `${name}.base`, test: `${name}.test`};
}

/** Throws a DataError naming `where` (e.g. the directory) for a name that is not an official split. */
export function checkOfficialFoldNames(names: readonly string[], where: string): void {
  for (const name of names) {
    if (!OFFICIAL_SPLITS.includes(name))
      throw new DataError({
        file: where,
        field: "fold",
        value: name,
        expected: "an ml-100k official fold: u1, u2, u3, u4, u5, ua or ub"
      });
  }
}

/** One official split from the contents of its two files (u.data's tab format, validated like it); `files` names them in errors. */
export function parseOfficialFold(
  name: string,
  base: Uint8Array | string,
  test: Uint8Array | string,
  files = officialFoldFiles(name)
): RawFold {
  const bytes = (x: Uint8Array | string): Uint8Array => (typeof x === "string" ? new TextEncoder().encode(x) : x);
  return {name, train: readMl100kRatings(bytes(base), files.base), test: readMl100kRatings(bytes(test), files.test)};
}

/** One fold as raw ratings (as read from its files). */
export interface RawFold {
  name: string;
  train: RawRatings;
  test: RawRatings;
}

/** One fold as sorted row indices into dataset.ratings. */
export interface FoldRows {
  /** The fold's name, e.g. "u1". */
  name: string;
  /** Training rows, ascending indices into dataset.ratings. */
  train: Int32Array;
  /** Test rows, ascending indices into dataset.ratings. */
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
      const where = {
        file: `${fold.name} (${part})`,
        line: i + 1,
        field: "user id, movie id",
        value: `${r.userId[i]}, ${r.movieId[i]}`
      };
      if (row === undefined) {
        throw new DataError({
          ...where,
          expected: `a (user, movie) pair rated in data set ${dataset.name} (clean it with {beforeRelease: false} to keep every fold row)`
        });
      }
      if (dataset.ratings.rating[row] !== r.rating[i]) {
        throw new DataError({
          ...where,
          field: "rating",
          value: String(r.rating[i]),
          expected: `the data set's rating ${dataset.ratings.rating[row]} for user ${r.userId[i]}, movie ${r.movieId[i]}`
        });
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
      throw new RangeError(
        `data set ${dataset.name} rates user ${dataset.userIds[user[row]]}, movie ${dataset.movies.id[movie[row]]} twice (rows ${prev} and ${row}): expected unique pairs (clean duplicates first)`
      );
    }
    index.set(key, row);
  }
  return index;
}

/** Picks rows of rating columns (in the order of `rows`). */
export function selectRows(r: Ratings, rows: Int32Array): Ratings {
  const pick = <T extends Int32Array | Float32Array | Float64Array>(a: T, out: T): T => {
    for (let k = 0; k < rows.length; k++) out[k] = a[rows[k]];
    return out;
  };
  const n = rows.length;
  return {
    user: pick(r.user, new Int32Array(n)),
    movie: pick(r.movie, new Int32Array(n)),
    rating: pick(r.rating, new Float32Array(n)),
    timestamp: pick(r.timestamp, new Float64Array(n))
  };
}

/** One fold: a training set and held-out test ratings with dense indices of the same data set. */
export interface RatingFold {
  /** The fold's name, e.g. "u1" or "fold1". */
  name: string;
  /** What the model is fitted on. */
  train: TrainSet;
  /** The ratings it is scored on. */
  test: Ratings;
  /** The fold as row indices into the data set's ratings, when it was cut from them (every protocol's folds are). */
  rows?: FoldRows;
}

/** A TrainSet of the given rows of the data set (indices into dataset.ratings). */
export function trainSetOf(dataset: Dataset, rows: Int32Array): TrainSet {
  return {
    ratings: selectRows(dataset.ratings, rows),
    nUsers: dataset.userIds.length,
    nMovies: dataset.movies.id.length,
    scale: dataset.scale,
    source: {dataset, rows}
  };
}

/** Every rating of the data set as one TrainSet (for final models and recommendations). */
export function fullTrainSet(dataset: Dataset): TrainSet {
  const rows = Int32Array.from({length: dataset.ratings.rating.length}, (_, i) => i);
  return {
    ratings: dataset.ratings,
    nUsers: dataset.userIds.length,
    nMovies: dataset.movies.id.length,
    scale: dataset.scale,
    source: {dataset, rows}
  };
}

/** Drops the copies a lazy fold made (see lazyFold); keyed weakly so a fold left behind is collected. */
const foldReleasers = new WeakMap<RatingFold, () => void>();

/**
 * A fold whose train and test parts are copied out of the data set when first read, not when made.
 * Eager copies of every fold held k folds' ratings at once: at 25M ratings and 5 folds, 2.5 GB more
 * than the fold in hand (cv mf peaked at 4.2 GB). The copies are the same as trainSetOf/selectRows
 * make, so results do not change; releaseFold drops them, and a later read makes them again.
 */
export function lazyFold(dataset: Dataset, name: string, trainRows: Int32Array, testRows: Int32Array): RatingFold {
  let train: TrainSet | undefined;
  let test: Ratings | undefined;
  const fold: RatingFold = {
    name,
    rows: {name, train: trainRows, test: testRows},
    get train() {
      return (train ??= trainSetOf(dataset, trainRows));
    },
    get test() {
      return (test ??= selectRows(dataset.ratings, testRows));
    }
  };
  foldReleasers.set(fold, () => {
    train = undefined;
    test = undefined;
  });
  return fold;
}

/** Frees a lazy fold's copied ratings once a harness is done with it (a no-op for any other fold). */
export function releaseFold(fold: RatingFold): void {
  foldReleasers.get(fold)?.();
}

/** Rating folds from predefined row indices (e.g. officialFoldRows), named as given; copied on first use. */
export function ratingFoldsFromRows(dataset: Dataset, folds: readonly FoldRows[]): RatingFold[] {
  return folds.map((f) => lazyFold(dataset, f.name, f.train, f.test));
}

/** Seeded random k-fold over every rating (k ≥ 2), folds named "fold1".."foldK"; copied on first use. */
export function randomRatingFolds(dataset: Dataset, k: number, seed: number): RatingFold[] {
  const splits = kFold(dataset.ratings.rating.length, k, seed);
  return splits.map((s, i) => lazyFold(dataset, `fold${i + 1}`, s.train, s.test));
}

/** Fold counts the evaluations take: 2..5, as many as ml-100k's official folds at most. */
export function checkFoldCount(count: number): void {
  if (!(Number.isInteger(count) && count >= 2 && count <= OFFICIAL_FOLDS.length))
    throw new RangeError(`fold count is ${count}: expected an integer from 2 to 5`);
}

/** The classifier's folds and how a page names them. */
export interface ClassifierFolds {
  /** The official split files, or seeded stratified folds when the set has none. */
  protocol: "official" | "stratified-k-fold";
  /** What the page says, e.g. "ml-100k's official folds u1–u5". */
  description: string;
  /** Official fold rows, or the fold count for crossValidateClassifier's seeded stratified k-fold. */
  folds: FoldRows[] | number;
}

/** The given official folds (u1..u`count`), else `count` seeded stratified folds (count 2..5). */
export function classifierFolds(
  dataset: Dataset,
  official: readonly FoldRows[] | null,
  count: number
): ClassifierFolds {
  checkFoldCount(count);
  if (official !== null)
    return {protocol: "official", description: officialDescription(dataset, official), folds: [...official]};
  return {protocol: "stratified-k-fold", description: `${count} stratified folds (seed 42)`, folds: count};
}

/** The rating models' folds and how a page names them. */
export interface RatingFolds {
  /** The official split files, or seeded random folds when the set has none. */
  protocol: "official" | "k-fold";
  /** What a page says, e.g. "ml-100k's official folds u1–u5". */
  description: string;
  /** The folds, in order. */
  folds: RatingFold[];
}

/** The given official folds (u1..u`count`) as rating folds, else `count` random folds (seeded; count 2..5). */
export function ratingFolds(
  dataset: Dataset,
  official: readonly FoldRows[] | null,
  count: number,
  seed: number
): RatingFolds {
  checkFoldCount(count);
  if (official !== null)
    return {
      protocol: "official",
      description: officialDescription(dataset, official),
      folds: ratingFoldsFromRows(dataset, official)
    };
  return {
    protocol: "k-fold",
    description: `${count} random folds (seed ${seed})`,
    folds: randomRatingFolds(dataset, count, seed)
  };
}

/** A hold-out split as sorted row indices, and how a page names it. */
export interface HoldoutSplit {
  /** What a page says, e.g. "ml-100k's official split u1 (u1.base / u1.test)". */
  description: string;
  /** Training rows, ascending indices into dataset.ratings. */
  train: Int32Array;
  /** Test rows, ascending indices into dataset.ratings. */
  test: Int32Array;
}

/** The Training and Evaluation pages' hold-out: the given official split (u1), else stratified 80/20 by rating class (seed 42). */
export function holdoutSplit(dataset: Dataset, official: FoldRows | null): HoldoutSplit {
  if (official !== null) {
    return {
      description: `${dataset.name}'s official split ${official.name} (${official.name}.base / ${official.name}.test)`,
      train: official.train,
      test: official.test
    };
  }
  const all = Int32Array.from({length: dataset.ratings.rating.length}, (_, i) => i);
  const split = stratifiedSplit(labelsOf(dataset, all), 0.2, 42);
  return {description: "a stratified 80/20 split (seed 42)", train: split.train, test: split.test};
}

function officialDescription(dataset: Dataset, folds: readonly FoldRows[]): string {
  return `${dataset.name}'s official folds ${folds[0].name}–${folds[folds.length - 1].name}`;
}

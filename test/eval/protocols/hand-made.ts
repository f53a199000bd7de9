// A hand-made set of 12 ratings (3 users, 5 movies, times 10..60 with one tie) that the protocol tests work out by hand.
import type {RatingFold} from "../../../lib/data/folds.js";
import type {Dataset, Ratings} from "../../../lib/data/types.js";
import type {ProtocolInput} from "../../../lib/eval/protocols/index.js";

/** [user, movie, rating, time]; row i of the set is ROWS[i]. Rows 6 and 9 (user 1) share time 35. */
export const ROWS: ReadonlyArray<[number, number, number, number]> = [
  [0, 0, 4, 10],
  [0, 1, 3, 20],
  [0, 2, 5, 30],
  [0, 3, 2, 40],
  [1, 0, 5, 15],
  [1, 1, 4, 25],
  [1, 2, 1, 35],
  [2, 0, 3, 50],
  [2, 3, 4, 60],
  [1, 3, 3, 35],
  [2, 1, 2, 12],
  [1, 4, 5, 55]
];

/** The set (all times × `timeScale`; 0 gives every rating the same time). */
export function handMade(timeScale = 1): Dataset {
  const nMovies = 5;
  return {
    name: "hand-made",
    source: {kind: "synthetic", format: "synthetic", seed: 0},
    scale: {min: 1, max: 5, step: 1},
    ratings: {
      user: Int32Array.from(ROWS, (r) => r[0]),
      movie: Int32Array.from(ROWS, (r) => r[1]),
      rating: Float32Array.from(ROWS, (r) => r[2]),
      timestamp: Float64Array.from(ROWS, (r) => r[3] * timeScale)
    },
    movies: {
      id: Int32Array.from({length: nMovies}, (_, i) => i + 1),
      title: Array.from({length: nMovies}, (_, i) => `Movie ${i + 1}`),
      year: new Float64Array(nMovies).fill(NaN),
      releaseDate: new Float64Array(nMovies).fill(NaN),
      genreNames: [],
      genres: new Uint8Array(0)
    },
    userIds: Int32Array.from([1, 2, 3])
  };
}

/** The protocol input of a set without official splits. */
export function input(dataset: Dataset, seed = 42, official: ProtocolInput["official"] = null): ProtocolInput {
  return {dataset, official, seed};
}

/** Row indices (into ROWS) of rating columns, found by their (user, movie) pair, in ascending order. */
export function rowsOf(r: Ratings): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.user.length; i++) out.push(ROWS.findIndex(([u, m]) => u === r.user[i] && m === r.movie[i]));
  return out.sort((a, b) => a - b);
}

/** A fold's train and test rows. */
export function foldRows(f: RatingFold): {train: number[]; test: number[]} {
  return {train: rowsOf(f.train.ratings), test: rowsOf(f.test)};
}

/** Whether train and test are disjoint and together every row but `missing`. */
export function partitions(f: RatingFold, missing: readonly number[] = []): boolean {
  const {train, test} = foldRows(f);
  const all = [...train, ...test].sort((a, b) => a - b);
  const expected = ROWS.map((_, i) => i).filter((i) => !missing.includes(i));
  return new Set(all).size === all.length && JSON.stringify(all) === JSON.stringify(expected);
}

// Small hand-made data sets for the feature and evaluation tests (no MovieLens files needed).
import type {Dataset} from "../../lib/data/types.js";
import {createRng} from "../../lib/random.js";
import {ratingColumns, syntheticDataset, type RatingRow} from "../helpers/tiny-dataset.js";

const DAY = 86400;

/** Rating rows as [user, movie, rating, timestamp (days since epoch)]. */
export type Row = RatingRow;

/**
 * A data set with nUsers users (ages 20, 30, …; alternating M/F; occupation u mod 3), nMovies movies
 * (release on day 1000 + 10·m of year 1972, or unknown for the last movie when unknownRelease) and 3 genres.
 */
export function tinyDataset(
  rows: Row[],
  nUsers: number,
  nMovies: number,
  genres: number[][],
  unknownRelease = false
): Dataset {
  const G = 3;
  const genreFlags = new Uint8Array(nMovies * G);
  genres.forEach((gs, m) => gs.forEach((g) => (genreFlags[m * G + g] = 1)));
  const releaseDate = Float64Array.from({length: nMovies}, (_, m) =>
    unknownRelease && m === nMovies - 1 ? NaN : (1000 + 10 * m) * DAY
  );
  const movies = {
    id: Int32Array.from({length: nMovies}, (_, m) => 101 + m),
    title: Array.from({length: nMovies}, (_, m) => `Movie ${m}`),
    year: Float64Array.from(releaseDate, (d) => (Number.isNaN(d) ? NaN : new Date(d * 1000).getUTCFullYear())),
    releaseDate,
    genreNames: ["A", "B", "C"],
    genres: genreFlags
  };
  const users = {
    id: Int32Array.from({length: nUsers}, (_, u) => 11 + u),
    age: Float64Array.from({length: nUsers}, (_, u) => 20 + 10 * u),
    gender: Uint8Array.from({length: nUsers}, (_, u) => u % 2),
    occupation: Uint8Array.from({length: nUsers}, (_, u) => u % 3),
    occupationNames: ["a", "b", "c"],
    zip: Array.from({length: nUsers}, () => "00000")
  };
  return syntheticDataset(ratingColumns(rows, DAY), movies, users);
}

/** A seeded random data set: every user rates a random ~half of the movies, ratings 1..5 after release. */
export function randomDataset(nUsers: number, nMovies: number, seed: number): Dataset {
  const rng = createRng(seed);
  const rows: Row[] = [];
  for (let u = 0; u < nUsers; u++) {
    for (let m = 0; m < nMovies; m++) {
      if (rng.next() < 0.5) rows.push([u, m, 1 + rng.int(5), 2000 + rng.int(500)]);
    }
  }
  const genres = Array.from({length: nMovies}, () => [0, 1, 2].filter(() => rng.next() < 0.4));
  return tinyDataset(rows, nUsers, nMovies, genres);
}

/** A copy of a data set whose rating column can be changed without touching the original. */
export function withRatings(dataset: Dataset, rating: Float32Array): Dataset {
  return {...dataset, ratings: {...dataset.ratings, rating}};
}

/** Two users, three movies (genres: movie 0 = A, movie 1 = A+B, movie 2 = C) and five ratings; the feature tests train on rows 0..3. */
export function fiveRatingSet(): ReturnType<typeof tinyDataset> {
  return tinyDataset(
    [
      [0, 0, 5, 2000],
      [0, 1, 3, 2000],
      [1, 0, 4, 2000],
      [1, 2, 2, 2000],
      [0, 2, 1, 2000]
    ],
    2,
    3,
    [[0], [0, 1], [2]]
  );
}

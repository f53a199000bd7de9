// A hand-built data set small enough to compute every aggregate by hand (see the numbers in the tests).
// 3 users, 4 movies, 3 genres, 7 ratings on a 1..5 scale. Movie 2 is rated once before its release
// (1998-02-01 < 1998-03-01), movie 3 has only a year, movie 4 neither date nor year and no genre.
import type {Dataset} from "../../lib/data/types.js";
import {ratingColumns, syntheticDataset, usersTable, type RatingRow} from "../helpers/tiny-dataset.js";

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 1000;

/** user, movie (dense), rating, timestamp (unix s). */
const ROWS: RatingRow[] = [
  [0, 0, 5, day(1997, 9, 22)], // Monday
  [0, 1, 4, day(1998, 2, 1)], // Sunday; before movie 1's release
  [1, 0, 3, day(1997, 9, 24)],
  [1, 2, 1, day(1997, 10, 1)],
  [2, 0, 4, day(1997, 10, 1) + 3600],
  [2, 1, 2, day(1998, 3, 2)], // Monday
  [2, 3, 5, day(1998, 3, 2) + 60]
];

export function tinyDataset(): Dataset {
  const movies = {
    id: Int32Array.from([1, 2, 3, 4]),
    title: ["Alpha (1995)", "Beta (1998)", "Gamma (1990)", "Delta"],
    year: Float64Array.from([1995, 1998, 1990, NaN]),
    releaseDate: Float64Array.from([day(1995, 1, 1), day(1998, 3, 1), NaN, NaN]),
    genreNames: ["Action", "Comedy", "Drama"],
    // Alpha: Action+Comedy; Beta: Comedy; Gamma: Drama; Delta: none.
    genres: Uint8Array.from([1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0])
  };
  const users = usersTable(
    [
      [10, 20, 0, 0, "00001"],
      [20, 40, 1, 1, "00002"],
      [30, 60, 0, 1, "00003"]
    ],
    ["student", "engineer"]
  );
  return syntheticDataset(ratingColumns(ROWS), movies, users);
}

export const DAY = day;

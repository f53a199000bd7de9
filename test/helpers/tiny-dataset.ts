// Builders of the small hand-made data sets the tests compute by hand (no MovieLens files needed).
import type {Dataset, Movies, Ratings, Users} from "../../lib/data/types.js";

/** A rating row: [user, movie, rating, timestamp]. */
export type RatingRow = [number, number, number, number];

/** A user row: [id, age in years, gender code, occupation index, zip code]. */
export type UserRow = [number, number, number, number, string];

/** Rating columns of rows (dense user and movie indices); timestamps are multiplied by secondsPerUnit (1: already unix seconds). */
export function ratingColumns(rows: readonly RatingRow[], secondsPerUnit = 1): Ratings {
  return {
    user: Int32Array.from(rows, (r) => r[0]),
    movie: Int32Array.from(rows, (r) => r[1]),
    rating: Float32Array.from(rows, (r) => r[2]),
    timestamp: Float64Array.from(rows, (r) => r[3] * secondsPerUnit)
  };
}

/** The users table of one row per user; occupation indices refer to occupationNames. */
export function usersTable(rows: readonly UserRow[], occupationNames: string[]): Users {
  return {
    id: Int32Array.from(rows, (r) => r[0]),
    age: Float64Array.from(rows, (r) => r[1]),
    gender: Uint8Array.from(rows, (r) => r[2]),
    occupation: Uint8Array.from(rows, (r) => r[3]),
    occupationNames,
    zip: rows.map((r) => r[4])
  };
}

/** A synthetic data set named "tiny" on the whole-star 1..5 scale; userIds is a copy of the users' ids. */
export function syntheticDataset(ratings: Ratings, movies: Movies, users: Users): Dataset {
  return {
    name: "tiny",
    source: {kind: "synthetic", format: "synthetic", seed: 0},
    scale: {min: 1, max: 5, step: 1},
    ratings,
    movies,
    userIds: Int32Array.from(users.id),
    users
  };
}

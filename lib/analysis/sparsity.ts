/** How empty the user × movie matrix is, and how many users and movies fall under a minimum count. */

export interface Sparsity {
  users: number;
  movies: number;
  ratings: number;
  /** ratings / (users × movies), 0..1 (0 for an empty matrix). */
  density: number;
}

/** Density of the rating matrix from its dimensions and number of ratings. */
export function sparsity(users: number, movies: number, ratings: number): Sparsity {
  return {users, movies, ratings, density: users > 0 && movies > 0 ? ratings / (users * movies) : 0};
}

export interface ThresholdRow {
  /** Minimum number of ratings. */
  threshold: number;
  /** Users with fewer than threshold ratings. */
  usersBelow: number;
  /** Movies with fewer than threshold ratings. */
  moviesBelow: number;
  /** Ratings given by users below the threshold. */
  ratingsOfUsersBelow: number;
  /** Ratings of movies below the threshold. */
  ratingsOfMoviesBelow: number;
}

/** For each threshold, the users and movies under it and the ratings they hold (counts ≥ 0). */
export function thresholdTable(
  perUser: ArrayLike<number>,
  perMovie: ArrayLike<number>,
  thresholds: number[]
): ThresholdRow[] {
  const below = (counts: ArrayLike<number>, t: number): [number, number] => {
    let k = 0,
      r = 0;
    for (let i = 0; i < counts.length; i++)
      if (counts[i] < t) {
        k++;
        r += counts[i];
      }
    return [k, r];
  };
  return thresholds.map((threshold) => {
    const [usersBelow, ratingsOfUsersBelow] = below(perUser, threshold);
    const [moviesBelow, ratingsOfMoviesBelow] = below(perMovie, threshold);
    return {threshold, usersBelow, moviesBelow, ratingsOfUsersBelow, ratingsOfMoviesBelow};
  });
}

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

/**
 * A count column folded to its distinct values and how often each occurs ("counts of counts"), in
 * ascending value: a page ships this instead of one count per user or movie, so its size grows with
 * the most-rated movie's count at most (a few thousand entries on ml-32m), not with 200k users.
 */
export interface CountsOfCounts {
  value: number[];
  freq: number[];
}

/** Folds counts (integers ≥ 0) to their distinct values and frequencies, ascending. */
export function countsOfCounts(counts: ArrayLike<number>): CountsOfCounts {
  const freq = new Map<number, number>();
  for (let i = 0; i < counts.length; i++) freq.set(counts[i], (freq.get(counts[i]) ?? 0) + 1);
  const value = [...freq.keys()].sort((a, b) => a - b);
  return {value, freq: value.map((v) => freq.get(v)!)};
}

/** For each threshold, the users and movies under it and the ratings they hold (counts of counts, see countsOfCounts). */
export function thresholdTable(
  perUser: CountsOfCounts,
  perMovie: CountsOfCounts,
  thresholds: number[]
): ThresholdRow[] {
  const users = cumulative(perUser),
    movies = cumulative(perMovie);
  return thresholds.map((threshold) => {
    const [usersBelow, ratingsOfUsersBelow] = users(threshold);
    const [moviesBelow, ratingsOfMoviesBelow] = movies(threshold);
    return {threshold, usersBelow, moviesBelow, ratingsOfUsersBelow, ratingsOfMoviesBelow};
  });
}

/** (entities, ratings) with a count below t, by binary search over prefix sums. */
function cumulative(c: CountsOfCounts): (t: number) => [number, number] {
  const n = c.value.length;
  const k = new Float64Array(n + 1),
    r = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    k[i + 1] = k[i] + c.freq[i];
    r[i + 1] = r[i] + c.value[i] * c.freq[i];
  }
  return (t) => {
    let lo = 0,
      hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c.value[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return [k[lo], r[lo]];
  };
}

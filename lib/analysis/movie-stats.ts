/** Per-movie rating count and mean, the input of the popularity and top-movie views. */
import type {Dataset} from "../data/types.js";

export interface MovieStats {
  /** Ratings per movie row. */
  count: Int32Array;
  /** Mean rating per movie row, NaN for an unrated movie. */
  mean: Float64Array;
  /** Mean of all ratings (NaN when there are none), the prior of damped means. */
  globalMean: number;
}

/** Count and mean rating of every movie in one pass over the ratings. */
export function movieStats(d: Dataset): MovieStats {
  const nMovies = d.movies.id.length;
  const count = new Int32Array(nMovies);
  const sum = new Float64Array(nMovies);
  const {movie, rating} = d.ratings;
  let total = 0;
  for (let i = 0; i < movie.length; i++) {
    count[movie[i]]++;
    sum[movie[i]] += rating[i];
    total += rating[i];
  }
  const mean = new Float64Array(nMovies);
  for (let m = 0; m < nMovies; m++) mean[m] = count[m] > 0 ? sum[m] / count[m] : NaN;
  return {count, mean, globalMean: movie.length > 0 ? total / movie.length : NaN};
}

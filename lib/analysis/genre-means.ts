/** Mean rating by genre, with its spread and standard error (a rating counts once in each genre of its movie). */
import type {Dataset} from "../data/types.js";
import {hasGenre} from "./genre-counts.js";

export interface GenreMeans {
  genres: string[];
  /** Ratings of each genre's movies. */
  n: number[];
  /** Mean rating (NaN for a genre without ratings). */
  mean: number[];
  /** Population sd of the ratings (NaN without ratings). */
  sd: number[];
  /** Standard error of the mean, sd / √n (NaN without ratings). */
  se: number[];
  /** Mean of all ratings. */
  overall: number;
}

/** Mean, sd and standard error of the ratings of each genre. */
export function genreMeans(d: Dataset): GenreMeans {
  const G = d.movies.genreNames.length;
  const nMovies = d.movies.id.length;
  // Per-movie sums first: the genre loop then runs over movies, not over every rating.
  const cnt = new Float64Array(nMovies);
  const sum = new Float64Array(nMovies);
  const sq = new Float64Array(nMovies);
  const {movie, rating} = d.ratings;
  let total = 0;
  for (let i = 0; i < movie.length; i++) {
    const r = rating[i];
    cnt[movie[i]]++;
    sum[movie[i]] += r;
    sq[movie[i]] += r * r;
    total += r;
  }
  const n = new Array<number>(G).fill(0);
  const s = new Float64Array(G);
  const s2 = new Float64Array(G);
  for (let m = 0; m < nMovies; m++) {
    for (let g = 0; g < G; g++) {
      if (!hasGenre(d.movies, m, g)) continue;
      n[g] += cnt[m];
      s[g] += sum[m];
      s2[g] += sq[m];
    }
  }
  const mean = n.map((k, g) => (k > 0 ? s[g] / k : NaN));
  const sd = n.map((k, g) => (k > 0 ? Math.sqrt(Math.max(0, s2[g] / k - mean[g] ** 2)) : NaN));
  return {
    genres: d.movies.genreNames.slice(),
    n,
    mean,
    sd,
    se: sd.map((x, g) => (n[g] > 0 ? x / Math.sqrt(n[g]) : NaN)),
    overall: movie.length > 0 ? total / movie.length : NaN
  };
}

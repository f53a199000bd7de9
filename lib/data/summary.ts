/** A JSON-able summary of an encoded data set: counts, rating distribution, dates, density, activity. */
import type {Dataset, DatasetSource, RatingScale} from "./types.js";

/** Min, median and max of a count over users or movies. */
export interface CountStats {
  /** Smallest count (NaN when there is nothing to count). */
  min: number;
  /** Median count (mean of the middle two for an even number). */
  median: number;
  /** Largest count. */
  max: number;
}

/** A JSON-able summary of an encoded data set (what `movielab data check` prints). */
export interface DatasetSummary {
  /** The set's label, e.g. "ml-100k". */
  name: string;
  /** Where the files came from. */
  source: DatasetSource;
  /** Sizes of the cleaned set. */
  counts: {
    /** Ratings. */
    ratings: number;
    /** Users of the encoded set (Dataset.userIds). */
    users: number;
    /** Movies in the movies table. */
    movies: number;
    /** Genre names. */
    genres: number;
  };
  /** The set's rating scale. */
  scale: RatingScale;
  /** One entry per scale value (min, min+step, …, max): how many ratings and their share 0..1. */
  ratingCounts: {
    /** The rating, on the scale. */
    value: number;
    /** Ratings of that value. */
    count: number;
    /** count / all ratings, 0..1. */
    share: number;
  }[];
  /** Ratings that are not on the scale's grid (0 for validated data). */
  offScale: number;
  /** Mean rating, NaN when there are no ratings. */
  mean: number;
  /** Population standard deviation of the ratings, NaN when there are none. */
  sd: number;
  /** ISO time of the earliest rating, null when there are no ratings. */
  firstRating: string | null;
  /** ISO time of the latest rating, null when there are no ratings. */
  lastRating: string | null;
  /** ratings / (users × movies), 0..1. */
  density: number;
  /** Ratings per user over every user of the data set (users without ratings count as 0). */
  perUser: CountStats;
  /** Ratings per movie over every movie of the movies table (unrated movies count as 0). */
  perMovie: CountStats;
}

/** Summarises an encoded data set in one pass over the ratings. */
export function summarizeDataset(d: Dataset): DatasetSummary {
  const {rating, timestamp, user, movie} = d.ratings;
  const n = rating.length;
  const nUsers = d.userIds.length;
  const nMovies = d.movies.id.length;
  const {min, max, step} = d.scale;
  const levels = Math.round((max - min) / step) + 1;
  const levelCount = new Float64Array(levels);
  const perUser = new Int32Array(nUsers);
  const perMovie = new Int32Array(nMovies);
  let offScale = 0;
  let sum = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = rating[i];
    sum += r;
    const k = (r - min) / step;
    const kr = Math.round(k);
    if (Math.abs(k - kr) < 1e-6 && kr >= 0 && kr < levels) levelCount[kr]++;
    else offScale++;
    if (timestamp[i] < first) first = timestamp[i];
    if (timestamp[i] > last) last = timestamp[i];
    perUser[user[i]]++;
    perMovie[movie[i]]++;
  }
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (rating[i] - mean) ** 2;

  const ratingCounts = Array.from(levelCount, (count, k) => ({
    value: roundTo(min + k * step, 6),
    count,
    share: n > 0 ? count / n : 0
  }));
  return {
    name: d.name,
    source: {...d.source},
    counts: {ratings: n, users: nUsers, movies: nMovies, genres: d.movies.genreNames.length},
    scale: {...d.scale},
    ratingCounts,
    offScale,
    mean,
    sd: n > 0 ? Math.sqrt(ss / n) : NaN,
    firstRating: n > 0 && Number.isFinite(first) ? new Date(first * 1000).toISOString() : null,
    lastRating: n > 0 && Number.isFinite(last) ? new Date(last * 1000).toISOString() : null,
    density: nUsers > 0 && nMovies > 0 ? n / (nUsers * nMovies) : 0,
    perUser: countStats(perUser),
    perMovie: countStats(perMovie)
  };
}

/** Min, median (mean of the two middle values for an even length) and max; all NaN for no values. */
export function countStats(counts: Int32Array): CountStats {
  if (counts.length === 0) return {min: NaN, median: NaN, max: NaN};
  const sorted = Int32Array.from(counts).sort();
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {min: sorted[0], median, max: sorted[sorted.length - 1]};
}

function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Rating aggregates of users and movies, fitted on training rows only.
 *
 * Test rows (and new pairs) read the statistics of the whole training part. Training rows read
 * out-of-fold statistics: the training rows are dealt into `folds` seeded folds and a row's
 * aggregates come from the other folds only, so its own rating is never in its own features.
 * Out-of-fold was chosen over leave-one-out because a leave-one-out mean, (sum − r)/(n − 1), is a
 * decreasing function of the row's own rating within a user; with demographics and counts that
 * nearly identify the user, trees learn that inverse relation and it does not transfer to the test
 * part (CatBoost's "target shift"). Out of fold, all of a user's rows in one fold share one value.
 * Counts (activity, popularity) do not involve ratings and always come from the whole training part,
 * so training and test rows see the same scale.
 */
import type {Dataset, RatingScale} from "../data/types.js";
import {createRng} from "../random.js";

/** How the aggregates are damped and folded, and which optional groups they add. */
export interface AggregateOptions {
  /** Prior count of the damped (Bayesian) means and shares: (sum + k·μ)/(n + k); ≥ 0, default 5. */
  priorCount: number;
  /** Out-of-fold folds for the training rows, ≥ 2 (default 5). */
  folds: number;
  /** Seed of the fold assignment. */
  seed: number;
  /** Add per-class rating shares of the user and of the movie (2·K features), default true. */
  classShares: boolean;
  /** Add the user's damped mean residual on the movie's genres (1 feature), default true. */
  genreAffinity: boolean;
}

export const DEFAULT_AGGREGATE_OPTIONS: AggregateOptions = {
  priorCount: 5,
  folds: 5,
  seed: 0,
  classShares: true,
  genreAffinity: true
};

/** Sufficient statistics of a set of rating rows (plain typed arrays). */
export interface AggregateStats {
  /** Rating rows. */
  n: number;
  /** Σ rating, in stars. */
  sum: number;
  /** Global rating count per class, length K. */
  classCount: Float64Array;
  /** Ratings per user (dense index). */
  userCount: Float64Array;
  /** Σ rating per user, stars. */
  userSum: Float64Array;
  /** Σ rating² per user, stars². */
  userSumSq: Float64Array;
  /** Per user, Σ (r − damped movie mean). */
  userResid: Float64Array;
  /** Per user and class, row-major nUsers × K. */
  userClassCount: Float64Array;
  /** Ratings per movie (dense index). */
  movieCount: Float64Array;
  /** Σ rating per movie, stars. */
  movieSum: Float64Array;
  /** Σ rating² per movie, stars². */
  movieSumSq: Float64Array;
  /** Per movie, Σ (r − damped user mean). */
  movieResid: Float64Array;
  /** Per movie and class, row-major nMovies × K. */
  movieClassCount: Float64Array;
  /** Per user and genre (nUsers × G): Σ (r − damped movie mean) over the user's movies with the genre, and their number. */
  userGenreResid: Float64Array;
  /** Per user and genre (nUsers × G): the user's rated movies with the genre. */
  userGenreCount: Float64Array;
}

/** Fitted aggregates: options, scale, the full training statistics, and a fingerprint of the training rows. */
export interface AggregateState {
  /** The options it was fitted with. */
  options: AggregateOptions;
  /** The training set's rating scale. */
  scale: RatingScale;
  /** Rating classes K of the scale. */
  nClasses: number;
  /** Genres G of the movies table. */
  nGenres: number;
  /** Statistics of the whole training part (what test rows read). */
  stats: AggregateStats;
  /** Number and FNV-1a fingerprint of the training rows (in order), to recognise them when building training features. */
  trainRows: number;
  /** FNV-1a fingerprint of the training row indices, in order. */
  trainFingerprint: number;
}

/** Number of rating classes of a scale: (max − min)/step + 1. */
export function classCount(scale: RatingScale): number {
  return Math.round((scale.max - scale.min) / scale.step) + 1;
}

/** Fits the aggregates on the training rows (row indices into dataset.ratings). */
export function fitAggregates(
  dataset: Dataset,
  trainRows: Int32Array,
  options: Partial<AggregateOptions> = {}
): AggregateState {
  const opts = {...DEFAULT_AGGREGATE_OPTIONS, ...options};
  if (!(Number.isInteger(opts.folds) && opts.folds >= 2))
    throw new RangeError(`folds is ${opts.folds}: expected an integer ≥ 2`);
  if (!(opts.priorCount >= 0)) throw new RangeError(`priorCount is ${opts.priorCount}: expected a number ≥ 0`);
  const nClasses = classCount(dataset.scale);
  return {
    options: opts,
    scale: {...dataset.scale},
    nClasses,
    nGenres: dataset.movies.genreNames.length,
    stats: accumulate(dataset, trainRows, null, -1, opts.priorCount),
    trainRows: trainRows.length,
    trainFingerprint: fingerprint(trainRows)
  };
}

/** Feature names written by the aggregate functions, in column order. */
export function aggregateFeatureNames(state: Pick<AggregateState, "options" | "nClasses">): string[] {
  const names = ["u_mean", "u_sd", "u_bias", "u_count"];
  if (state.options.classShares) for (let k = 0; k < state.nClasses; k++) names.push(`u_share_${k}`);
  names.push("i_mean", "i_sd", "i_bias", "i_count");
  if (state.options.classShares) for (let k = 0; k < state.nClasses; k++) names.push(`i_share_${k}`);
  if (state.options.genreAffinity) names.push("u_genre_affinity");
  return names;
}

/**
 * Writes aggregate features of rows into out (row r at out[r * stride + offset ...]).
 * forTraining: rows must be the training rows the state was fitted on (same order); each gets
 * out-of-fold statistics. Otherwise every row reads the full training statistics.
 */
export function writeAggregateFeatures(
  state: AggregateState,
  dataset: Dataset,
  rows: Int32Array,
  forTraining: boolean,
  out: Float32Array,
  stride: number,
  offset: number
): void {
  const {user, movie} = dataset.ratings;
  if (!forTraining) {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      writeRow(state, state.stats, dataset, user[row], movie[row], out, r * stride + offset);
    }
    return;
  }
  if (rows.length !== state.trainRows || fingerprint(rows) !== state.trainFingerprint) {
    throw new RangeError(
      `training features need the ${state.trainRows} training rows the aggregates were fitted on (in the same order), got ${rows.length} other rows`
    );
  }
  const fold = aggregateFolds(rows.length, state.options.folds, state.options.seed);
  for (let f = 0; f < state.options.folds; f++) {
    const stats = accumulate(dataset, rows, fold, f, state.options.priorCount);
    for (let r = 0; r < rows.length; r++) {
      if (fold[r] !== f) continue;
      const row = rows[r];
      writeRow(state, stats, dataset, user[row], movie[row], out, r * stride + offset);
    }
  }
}

/** Aggregate features of one (user, movie) pair from the full training statistics; user or movie −1 = unknown (cold start: prior values). */
export function pairAggregates(state: AggregateState, dataset: Dataset, user: number, movie: number): Float32Array {
  const out = new Float32Array(aggregateFeatureNames(state).length);
  writeRow(state, state.stats, dataset, user, movie, out, 0);
  return out;
}

/** Out-of-fold assignment of n training positions (0..folds-1): a seeded shuffle dealt round-robin, so folds differ in size by at most 1. */
export function aggregateFolds(n: number, folds: number, seed: number): Uint8Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  createRng(seed).shuffle(order);
  const fold = new Uint8Array(n);
  for (let i = 0; i < n; i++) fold[order[i]] = i % folds;
  return fold;
}

/** Statistics of rows (skipping those with fold[r] === skipFold when fold is given). */
function accumulate(
  dataset: Dataset,
  rows: Int32Array,
  fold: Uint8Array | null,
  skipFold: number,
  k: number
): AggregateStats {
  const {user, movie, rating} = dataset.ratings;
  const {min, step} = dataset.scale;
  const K = classCount(dataset.scale);
  const nUsers = dataset.userIds.length;
  const nMovies = dataset.movies.id.length;
  const G = dataset.movies.genreNames.length;
  const genres = dataset.movies.genres;
  const s: AggregateStats = {
    n: 0,
    sum: 0,
    classCount: new Float64Array(K),
    userCount: new Float64Array(nUsers),
    userSum: new Float64Array(nUsers),
    userSumSq: new Float64Array(nUsers),
    userResid: new Float64Array(nUsers),
    userClassCount: new Float64Array(nUsers * K),
    movieCount: new Float64Array(nMovies),
    movieSum: new Float64Array(nMovies),
    movieSumSq: new Float64Array(nMovies),
    movieResid: new Float64Array(nMovies),
    movieClassCount: new Float64Array(nMovies * K),
    userGenreResid: new Float64Array(nUsers * G),
    userGenreCount: new Float64Array(nUsers * G)
  };
  for (let r = 0; r < rows.length; r++) {
    if (fold && fold[r] === skipFold) continue;
    const row = rows[r];
    const u = user[row],
      m = movie[row],
      v = rating[row];
    const c = Math.round((v - min) / step);
    if (!(c >= 0 && c < K))
      throw new RangeError(`rating ${v} at row ${row} is off the scale ${min}..${dataset.scale.max} by ${step}`);
    s.n++;
    s.sum += v;
    s.classCount[c]++;
    s.userCount[u]++;
    s.userSum[u] += v;
    s.userSumSq[u] += v * v;
    s.userClassCount[u * K + c]++;
    s.movieCount[m]++;
    s.movieSum[m] += v;
    s.movieSumSq[m] += v * v;
    s.movieClassCount[m * K + c]++;
  }
  // Genre lists per movie (CSR), so the residual pass touches only the genres a movie has.
  const genreStart = new Int32Array(nMovies + 1);
  for (let m = 0; m < nMovies; m++) {
    let c = 0;
    for (let g = 0; g < G; g++) c += genres[m * G + g] ? 1 : 0;
    genreStart[m + 1] = genreStart[m] + c;
  }
  const genreList = new Int32Array(genreStart[nMovies]);
  for (let m = 0, j = 0; m < nMovies; m++) for (let g = 0; g < G; g++) if (genres[m * G + g]) genreList[j++] = g;
  // Residuals against the partner's damped mean need the first pass complete.
  const mu = s.n > 0 ? s.sum / s.n : (dataset.scale.min + dataset.scale.max) / 2;
  for (let r = 0; r < rows.length; r++) {
    if (fold && fold[r] === skipFold) continue;
    const row = rows[r];
    const u = user[row],
      m = movie[row],
      v = rating[row];
    const movieMean = (s.movieSum[m] + k * mu) / (s.movieCount[m] + k);
    const userMean = (s.userSum[u] + k * mu) / (s.userCount[u] + k);
    const res = v - movieMean;
    s.userResid[u] += res;
    s.movieResid[m] += v - userMean;
    for (let j = genreStart[m]; j < genreStart[m + 1]; j++) {
      s.userGenreResid[u * G + genreList[j]] += res;
      s.userGenreCount[u * G + genreList[j]]++;
    }
  }
  return s;
}

function writeRow(
  state: AggregateState,
  s: AggregateStats,
  dataset: Dataset,
  u: number,
  m: number,
  out: Float32Array,
  o: number
): void {
  const k = state.options.priorCount;
  const K = state.nClasses;
  const full = state.stats;
  const mu = s.n > 0 ? s.sum / s.n : (state.scale.min + state.scale.max) / 2;
  const un = u >= 0 ? s.userCount[u] : 0;
  const mn = m >= 0 ? s.movieCount[m] : 0;

  out[o++] = un + k > 0 ? ((u >= 0 ? s.userSum[u] : 0) + k * mu) / (un + k) : mu;
  out[o++] = un >= 2 ? sd(s.userSum[u], s.userSumSq[u], un) : NaN;
  out[o++] = un + k > 0 && u >= 0 ? s.userResid[u] / (un + k) : 0;
  out[o++] = u >= 0 ? full.userCount[u] : 0;
  if (state.options.classShares) {
    for (let c = 0; c < K; c++) {
      const prior = s.n > 0 ? s.classCount[c] / s.n : 1 / K;
      out[o++] = un + k > 0 ? ((u >= 0 ? s.userClassCount[u * K + c] : 0) + k * prior) / (un + k) : prior;
    }
  }
  out[o++] = mn + k > 0 ? ((m >= 0 ? s.movieSum[m] : 0) + k * mu) / (mn + k) : mu;
  out[o++] = mn >= 2 ? sd(s.movieSum[m], s.movieSumSq[m], mn) : NaN;
  out[o++] = mn + k > 0 && m >= 0 ? s.movieResid[m] / (mn + k) : 0;
  out[o++] = m >= 0 ? full.movieCount[m] : 0;
  if (state.options.classShares) {
    for (let c = 0; c < K; c++) {
      const prior = s.n > 0 ? s.classCount[c] / s.n : 1 / K;
      out[o++] = mn + k > 0 ? ((m >= 0 ? s.movieClassCount[m * K + c] : 0) + k * prior) / (mn + k) : prior;
    }
  }
  if (state.options.genreAffinity) {
    const G = state.nGenres;
    let num = 0,
      den = k;
    if (u >= 0 && m >= 0) {
      const genres = dataset.movies.genres;
      for (let g = 0; g < G; g++) {
        if (genres[m * G + g]) {
          num += s.userGenreResid[u * G + g];
          den += s.userGenreCount[u * G + g];
        }
      }
    }
    out[o++] = den > 0 ? num / den : 0;
  }
}

function sd(sum: number, sumSq: number, n: number): number {
  return Math.sqrt(Math.max(0, (sumSq - (sum * sum) / n) / (n - 1)));
}

/** FNV-1a over the row indices, order-sensitive. */
function fingerprint(rows: Int32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < rows.length; i++) h = Math.imul(h ^ rows[i], 0x01000193);
  return h >>> 0;
}

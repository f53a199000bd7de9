/**
 * The classifier's feature pipeline: fit every transform (genre PCA, aggregates) on the training
 * rows only, after the seed's noise rule has dropped training ratings dated before release, then
 * build a row-major Float32Array feature matrix for any rows, or one vector for a (user, movie) pair.
 * Test rows are never used for fitting and keep every row (the peer drops noise from training only).
 */
import type {Dataset, RatingScale} from "../data/types.js";
import {releaseCutoffs} from "../data/release-noise.js";
import {fitGenrePca, transformAllMovies, transformGenres, type GenrePcaState} from "./genre-pca.js";
import {
  aggregateFeatureNames,
  classCount,
  fitAggregates,
  pairAggregates,
  writeAggregateFeatures,
  DEFAULT_AGGREGATE_OPTIONS,
  type AggregateOptions,
  type AggregateState
} from "./aggregates.js";
import {userFeatureNames, writeUserFeatures} from "./user-features.js";
import {movieFeatureNames, writeMovieFeatures} from "./movie-features.js";
import {
  factorFeatureForPair,
  factorFeatureOf,
  fitFactorFeature,
  type FactorFeatureModel,
  type FactorFeatureState
} from "./factor-feature.js";

/** How the classifier's features are built. */
export interface FeaturePipelineOptions {
  /** Genre PCA components (seed: 5), 1..number of genres. */
  nComponents: number;
  /** Drop training rows dated before their movie's release before fitting (the seed's noise rule), default true. */
  dropBeforeRelease: boolean;
  /** Fit the PCA on training rating rows (each movie weighted by its training count, as the peer) or on distinct movies. */
  pcaWeighting: "ratings" | "movies";
  /** The user and movie rating aggregates. */
  aggregates: AggregateOptions;
  /** A factor model's out-of-fold rating estimate as a last column (factor-feature.ts), or null for none. */
  factors?: FactorFeatureModel | null;
}

export const DEFAULT_PIPELINE_OPTIONS: FeaturePipelineOptions = {
  nComponents: 5,
  dropBeforeRelease: true,
  pcaWeighting: "ratings",
  aggregates: DEFAULT_AGGREGATE_OPTIONS
};

/** Everything fitted, as plain data (typed arrays inside): enough to build features for any row or pair. */
export interface FeaturePipelineState {
  /** Version of this state's layout. */
  version: 1;
  /** The options it was fitted with, defaults merged in. */
  options: FeaturePipelineOptions;
  /** Column names in order. */
  names: string[];
  /** The training set's rating scale. */
  scale: RatingScale;
  /** Rating value of each class index 0..K-1. */
  classValues: number[];
  /** True when the data set had demographics (the age, gender and occupation columns exist). */
  hasUsers: boolean;
  /** Users of the data set (dense indices 0..nUsers-1). */
  nUsers: number;
  /** Movies of the data set (dense indices 0..nMovies-1). */
  nMovies: number;
  /** Genres G of the movies table. */
  nGenres: number;
  /** The fitted genre PCA. */
  pca: GenrePcaState;
  /** The fitted rating aggregates. */
  aggregates: AggregateState;
  /** Training rows given, and how many the noise rule dropped before fitting. */
  trainRowsGiven: number;
  /** Training rows the noise rule dropped (dated before their movie's release). */
  droppedBeforeRelease: number;
  /** The factor feature, present only when options.factors names a model (older states have none). */
  factor?: FactorFeatureState;
}

/** A row-major feature matrix n × nFeatures, the dataset rows it describes (training rows after the noise rule), and column names. */
export interface FeatureMatrix {
  features: Float32Array;
  nFeatures: number;
  names: string[];
  rows: Int32Array;
}

/** Options for the whole pipeline, with aggregate options merged over their defaults. */
export type FeaturePipelineInput = Partial<Omit<FeaturePipelineOptions, "aggregates">> & {
  /** Aggregate options, each over its default. */
  aggregates?: Partial<AggregateOptions>;
};

/** Rating values of the K classes of a scale: min, min + step, …, max. */
export function classValuesOf(scale: RatingScale): number[] {
  return Array.from({length: classCount(scale)}, (_, k) => round9(scale.min + k * scale.step));
}

/** Class index 0..K-1 of each row's rating: round((rating − min)/step); a rating off the scale throws. */
export function labelsOf(dataset: Dataset, rows: Int32Array, scale: RatingScale = dataset.scale): Int32Array {
  const K = classCount(scale);
  const rating = dataset.ratings.rating;
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = rating[rows[i]];
    const c = (v - scale.min) / scale.step;
    const k = Math.round(c);
    if (!(k >= 0 && k < K) || Math.abs(c - k) > 1e-6) {
      throw new RangeError(
        `rating ${v} at row ${rows[i]} is not on the scale ${scale.min}..${scale.max} by ${scale.step}`
      );
    }
    out[i] = k;
  }
  return out;
}

/** Training rows that survive the seed's noise rule (timestamp ≥ the movie's release cutoff), in the given order. */
export function dropBeforeRelease(dataset: Dataset, rows: Int32Array): Int32Array {
  const cutoff = releaseCutoffs(dataset.movies);
  const {movie, timestamp} = dataset.ratings;
  const keep = new Int32Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    // A NaN cutoff compares false: movies without a date keep their ratings, as in the peer.
    if (!(timestamp[row] < cutoff[movie[row]])) keep[n++] = row;
  }
  return keep.slice(0, n);
}

/** Fits genre PCA and aggregates on trainRows (row indices into dataset.ratings) after the noise rule. */
export function fitFeaturePipeline(
  dataset: Dataset,
  trainRows: Int32Array,
  options: FeaturePipelineInput = {}
): FeaturePipelineState {
  const opts: FeaturePipelineOptions = {
    ...DEFAULT_PIPELINE_OPTIONS,
    ...options,
    aggregates: {...DEFAULT_AGGREGATE_OPTIONS, ...options.aggregates}
  };
  checkRows(dataset, trainRows);
  const rows = opts.dropBeforeRelease ? dropBeforeRelease(dataset, trainRows) : trainRows;
  const nGenres = dataset.movies.genreNames.length;
  const ratedMovies =
    opts.pcaWeighting === "ratings" ? Int32Array.from(rows, (r) => dataset.ratings.movie[r]) : undefined;
  const pca = fitGenrePca(dataset.movies.genres, nGenres, ratedMovies, opts.nComponents);
  const aggregates = fitAggregates(dataset, rows, opts.aggregates);
  const hasUsers = dataset.users !== undefined;
  // Fitted on every given row, noise included: a factor model is not misled by an early date.
  const factor = opts.factors
    ? fitFactorFeature(dataset, trainRows, opts.factors, opts.aggregates.folds, opts.aggregates.seed)
    : undefined;
  return {
    version: 1,
    options: opts,
    names: [
      ...userFeatureNames(hasUsers),
      ...movieFeatureNames(opts.nComponents),
      ...aggregateFeatureNames(aggregates),
      ...(factor ? [`factor_${factor.model}`] : [])
    ],
    scale: {...dataset.scale},
    classValues: classValuesOf(dataset.scale),
    hasUsers,
    nUsers: dataset.userIds.length,
    nMovies: dataset.movies.id.length,
    nGenres,
    pca,
    aggregates,
    trainRowsGiven: trainRows.length,
    droppedBeforeRelease: trainRows.length - rows.length,
    ...(factor ? {factor} : {})
  };
}

/**
 * Feature matrix of rows. forTraining: rows are the training rows given to fitFeaturePipeline; the
 * noise rule is applied again and the result's `rows` are the survivors (use them for labels);
 * aggregates are out-of-fold. Otherwise (test rows, any rows) every row is kept and reads the fitted state.
 */
export function buildFeatures(
  state: FeaturePipelineState,
  dataset: Dataset,
  rows: Int32Array,
  {forTraining}: {forTraining: boolean}
): FeatureMatrix {
  checkCompatible(state, dataset);
  checkRows(dataset, rows);
  const used = forTraining && state.options.dropBeforeRelease ? dropBeforeRelease(dataset, rows) : rows;
  const d = state.names.length;
  const n = used.length;
  const features = new Float32Array(n * d);
  const pcScores = transformAllMovies(state.pca, dataset.movies.genres);
  const nc = state.pca.nComponents;
  const nUser = state.hasUsers ? 3 : 0;
  const {user, movie, timestamp} = dataset.ratings;
  for (let i = 0; i < n; i++) {
    const row = used[i];
    const o = i * d;
    writeUserFeatures(dataset, user[row], features, o);
    writeMovieFeatures(dataset, movie[row], timestamp[row], pcScores, movie[row] * nc, nc, features, o + nUser);
  }
  writeAggregateFeatures(state.aggregates, dataset, used, forTraining, features, d, nUser + 2 + nc);
  if (state.factor) {
    const values = factorFeatureOf(state.factor, dataset, used, forTraining);
    for (let i = 0; i < n; i++) features[i * d + d - 1] = values[i];
  }
  return {features, nFeatures: d, names: state.names.slice(), rows: used};
}

/**
 * Feature vector of one (user, movie) pair from the fitted state, dense indices (−1 = unknown: cold
 * start, demographics NaN and aggregates at their priors); timestamp in unix seconds (NaN: movie age unknown).
 */
export function featuresForPair(
  state: FeaturePipelineState,
  dataset: Dataset,
  user: number,
  movie: number,
  timestamp = NaN
): Float32Array {
  checkCompatible(state, dataset);
  const d = state.names.length;
  const out = new Float32Array(d);
  const nc = state.pca.nComponents;
  const nUser = state.hasUsers ? 3 : 0;
  const u = user >= 0 && user < state.nUsers ? user : -1;
  const m = movie >= 0 && movie < state.nMovies ? movie : -1;
  writeUserFeatures(dataset, u, out, 0);
  const G = state.nGenres;
  const scores =
    m >= 0 ? transformGenres(state.pca, dataset.movies.genres.subarray(m * G, (m + 1) * G)) : new Float32Array(nc);
  writeMovieFeatures(dataset, m, timestamp, scores, 0, nc, out, nUser);
  out.set(pairAggregates(state.aggregates, dataset, u, m), nUser + 2 + nc);
  if (state.factor) out[d - 1] = factorFeatureForPair(state.factor, u, m);
  return out;
}

function checkCompatible(state: FeaturePipelineState, dataset: Dataset): void {
  const nGenres = dataset.movies.genreNames.length;
  if (
    dataset.userIds.length !== state.nUsers ||
    dataset.movies.id.length !== state.nMovies ||
    nGenres !== state.nGenres ||
    (dataset.users !== undefined) !== state.hasUsers
  ) {
    throw new RangeError(
      `data set ${dataset.name} (${dataset.userIds.length} users, ${dataset.movies.id.length} movies, ${nGenres} genres) ` +
        `does not match the fitted pipeline (${state.nUsers} users, ${state.nMovies} movies, ${state.nGenres} genres)`
    );
  }
  const s = dataset.scale;
  if (s.min !== state.scale.min || s.max !== state.scale.max || s.step !== state.scale.step) {
    throw new RangeError(
      `data set scale ${s.min}..${s.max} by ${s.step} differs from the fitted ${state.scale.min}..${state.scale.max} by ${state.scale.step}`
    );
  }
}

function checkRows(dataset: Dataset, rows: Int32Array): void {
  const n = dataset.ratings.rating.length;
  for (let i = 0; i < rows.length; i++) {
    if (!(rows[i] >= 0 && rows[i] < n))
      throw new RangeError(`rows[${i}] is ${rows[i]}: expected a rating row 0..${n - 1}`);
  }
}

function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

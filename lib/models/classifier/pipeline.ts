/**
 * The rating classifier end to end: the feature pipeline (genre PCA, demographics, out-of-fold
 * aggregates) fitted on the training rows only, then gradient-boosted trees (multi:softprob) on
 * the feature matrix; prediction of class probabilities for dataset rows or one (user, movie) pair.
 * Plain data in and out (typed arrays, JSON-ready model), no node: imports: it runs in Node, in a
 * Web Worker and in a page alike.
 */
import type {Dataset} from "../../data/types.js";
import {stratifiedSplit} from "../../eval/split.js";
import {
  buildFeatures,
  featuresForPair,
  fitFeaturePipeline,
  labelsOf,
  type FeatureMatrix,
  type FeaturePipelineInput,
  type FeaturePipelineState
} from "../../features/feature-matrix.js";
import {GbdtTrainer, type RoundMetrics, type TrainInput, type TrainOptions} from "../gbdt/train.js";
import {predictProba} from "../gbdt/predict.js";
import type {EvalsResult, GbdtModel, StopReason} from "../gbdt/model.js";
import type {GbdtParams} from "../gbdt/params.js";

/** Hyperparameters of the rating classifier: its features, columns, trees and inner validation. */
export interface ClassifierParams {
  /** Feature pipeline options (PCA components, aggregate options). */
  features: FeaturePipelineInput;
  /** Feature columns kept, in this order (null: every column the pipeline builds). */
  columns: string[] | null;
  /** GBDT hyperparameters with XGBoost's names; num_class and objective come from the rating scale. */
  gbdt: Partial<GbdtParams>;
  /**
   * Share of the training rows held out (stratified by class, seeded) as the eval set of early
   * stopping, in [0, 1); 0 = no inner validation. Needs gbdt.early_stopping_rounds to stop early.
   */
  validationFraction: number;
  /** After early stopping, refit features and trees on all training rows with the best round count. */
  refit: boolean;
  /** Seed of the inner split, the out-of-fold aggregates and the trees' sampling. */
  seed: number;
}

/** Feature columns the peer (seed004_xgb.py) uses: 5 PCA scores, release year, demographics, plain user/movie mean and count. */
export const PEER_COLUMNS: readonly string[] = Object.freeze([
  "pc0",
  "pc1",
  "pc2",
  "pc3",
  "pc4",
  "release_year",
  "age",
  "gender",
  "occupation",
  "u_mean",
  "u_count",
  "i_mean",
  "i_count"
]);

/**
 * The peer's configuration: its 13 features (undamped means), 100 rounds, depth 6, eta 0.3, hist, 256 bins.
 * XGBoost's defaults are pinned rather than left out, because params are merged over the tuned defaults
 * (resolveClassifierParams), which would otherwise add min_child_weight 20, 80% row sampling and early stopping.
 */
export const PEER_CLASSIFIER_PARAMS: Readonly<ClassifierParams> = Object.freeze({
  features: {nComponents: 5, aggregates: {priorCount: 0, classShares: false, genreAffinity: false}},
  columns: [...PEER_COLUMNS],
  gbdt: {
    n_estimators: 100,
    max_depth: 6,
    learning_rate: 0.3,
    max_bin: 256,
    min_child_weight: 1,
    reg_lambda: 1,
    reg_alpha: 0,
    gamma: 0,
    subsample: 1,
    colsample_bytree: 1,
    early_stopping_rounds: null
  },
  validationFraction: 0,
  refit: false,
  seed: 0
});

/**
 * Tuned on ml-100k's u1 (see the report of bench/classifier.ts): every feature (damped means, sd,
 * biases, class shares, genre affinity), eta 0.1, depth 7 with min_child_weight 20 and 80% row
 * sampling, early stopping after 20 rounds without progress on a 10% inner validation part.
 */
export const DEFAULT_CLASSIFIER_PARAMS: Readonly<ClassifierParams> = Object.freeze({
  features: {nComponents: 5},
  columns: null,
  gbdt: {
    n_estimators: 400,
    max_depth: 7,
    learning_rate: 0.1,
    min_child_weight: 20,
    subsample: 0.8,
    max_bin: 256,
    early_stopping_rounds: 20
  },
  validationFraction: 0.1,
  refit: false,
  seed: 0
});

/** What training did: rounds, why it stopped, learning curves, row counts and timings (seconds). */
export interface ClassifierLog {
  /** Boosting rounds trained. */
  rounds: number;
  /** 0-based best round; predictions use rounds 0..bestIteration. */
  bestIteration: number;
  /** Why training ended. */
  stopReason: StopReason;
  /** Per-round metric values on the training rows and the inner validation rows. */
  evalsResult: EvalsResult;
  /** Rows the trees were trained on (after the noise rule and the inner hold-out). */
  trainRows: number;
  /** Rows held out for early stopping (0 without inner validation). */
  validationRows: number;
  /** Training rows dropped for being dated before their movie's release. */
  droppedBeforeRelease: number;
  /** Wall-clock seconds spent fitting the features. */
  featureSeconds: number;
  /** Wall-clock seconds of the whole fit, features included (and the refit, when there was one). */
  fitSeconds: number;
}

/** A fitted classifier as plain data: feature pipeline, column selection, trees, class values, params, log. */
export interface ClassifierState {
  /** Version of this state's layout. */
  version: 1;
  /** The fitted feature pipeline. */
  features: FeaturePipelineState;
  /** Index of each kept column in the pipeline's columns (null: all). */
  columnIndex: Int32Array | null;
  /** Names of the model's columns, in order. */
  columnNames: string[];
  /** The fitted trees. */
  model: GbdtModel;
  /** Rating value of each class 0..K-1. */
  classValues: number[];
  /** The parameters it was fitted with, defaults merged in. */
  params: ClassifierParams;
  /** Latest training timestamp (unix s): "now" for the movie age of pair predictions. */
  referenceTime: number;
  /** What training did. */
  log: ClassifierLog;
}

/**
 * A tree trainer with trainGbdt's contract (same input, parameters and options, same model), e.g.
 * lib/node/threads/gbdt-parallel.ts's worker-thread trainer. Injected so lib/ stays browser-safe.
 */
export type GbdtTrainFn = (train: TrainInput, params: Partial<GbdtParams>, options: TrainOptions) => Promise<GbdtModel>;

/** Options of a fit: per-round callback (return false to stop) for progress bars and cancel buttons. */
export interface FitOptions {
  onRound?: (round: number, metrics: RoundMetrics) => boolean | void;
  /** Trainer of the trees, used by the async fits only (default: the single-thread GbdtTrainer). */
  trainer?: GbdtTrainFn;
}

/** Merges params over the defaults (features.aggregates and gbdt merged field by field). */
export function resolveClassifierParams(
  params: Partial<ClassifierParams> = {},
  base: Readonly<ClassifierParams> = DEFAULT_CLASSIFIER_PARAMS
): ClassifierParams {
  const out: ClassifierParams = {
    features: {
      ...base.features,
      ...params.features,
      aggregates: {...base.features.aggregates, ...params.features?.aggregates}
    },
    columns: params.columns !== undefined ? params.columns : base.columns,
    gbdt: {...base.gbdt, ...params.gbdt},
    validationFraction: params.validationFraction ?? base.validationFraction,
    refit: params.refit ?? base.refit,
    seed: params.seed ?? base.seed
  };
  if (!(out.validationFraction >= 0 && out.validationFraction < 1)) {
    throw new RangeError(
      `classifier parameter "validationFraction": got ${out.validationFraction}, expected a number in [0, 1)`
    );
  }
  if (!Number.isInteger(out.seed))
    throw new RangeError(`classifier parameter "seed": got ${out.seed}, expected an integer`);
  return out;
}

/** A prepared training job: everything before the boosting rounds, so sync and async fits share it. */
interface Prepared {
  params: ClassifierParams;
  features: FeaturePipelineState;
  columnIndex: Int32Array | null;
  columnNames: string[];
  /** The tree training job: run by a GbdtTrainer here, or by an injected trainer. */
  train: TrainInput;
  gbdt: Partial<GbdtParams>;
  trainOptions: TrainOptions;
  validationRows: number;
  featureSeconds: number;
  referenceTime: number;
}

function prepare(dataset: Dataset, trainRows: Int32Array, p: ClassifierParams, options: FitOptions): Prepared {
  const t0 = now();
  if (trainRows.length === 0) throw new RangeError("fitClassifier: no training rows");
  let fitRows = trainRows;
  let evalRows: Int32Array | null = null;
  if (p.validationFraction > 0) {
    const split = stratifiedSplit(labelsOf(dataset, trainRows), p.validationFraction, p.seed);
    fitRows = pick(trainRows, split.train);
    evalRows = pick(trainRows, split.test);
  }
  const featureOptions: FeaturePipelineInput = {...p.features, aggregates: {seed: p.seed, ...p.features.aggregates}};
  const features = fitFeaturePipeline(dataset, fitRows, featureOptions);
  const {columnIndex, columnNames} = selectColumns(features.names, p.columns);
  const train = select(buildFeatures(features, dataset, fitRows, {forTraining: true}), columnIndex);
  const labels = labelsOf(dataset, train.rows);
  const K = features.classValues.length;
  const gbdt: Partial<GbdtParams> = {seed: p.seed, ...p.gbdt, objective: "multi:softprob", num_class: K};
  let evalSet;
  if (evalRows !== null) {
    const ev = select(buildFeatures(features, dataset, evalRows, {forTraining: false}), columnIndex);
    evalSet = {features: ev.features, n: ev.rows.length, d: columnNames.length, labels: labelsOf(dataset, ev.rows)};
  } else {
    // Early stopping needs an eval set: without inner validation it is off.
    gbdt.early_stopping_rounds = null;
  }
  const trainInput: TrainInput = {
    features: train.features,
    n: train.rows.length,
    d: columnNames.length,
    labels,
    featureNames: columnNames
  };
  const trainOptions: TrainOptions = {eval: evalSet, onRound: options.onRound};
  let referenceTime = -Infinity;
  const ts = dataset.ratings.timestamp;
  for (let i = 0; i < trainRows.length; i++) if (ts[trainRows[i]] > referenceTime) referenceTime = ts[trainRows[i]];
  return {
    params: p,
    features,
    columnIndex,
    columnNames,
    train: trainInput,
    gbdt,
    trainOptions,
    validationRows: evalRows?.length ?? 0,
    featureSeconds: now() - t0,
    referenceTime
  };
}

function finish(prep: Prepared, model: GbdtModel, fitStart: number): ClassifierState {
  return {
    version: 1,
    features: prep.features,
    columnIndex: prep.columnIndex,
    columnNames: prep.columnNames,
    model,
    classValues: [...prep.features.classValues],
    params: prep.params,
    referenceTime: prep.referenceTime,
    log: {
      rounds: model.num_rounds,
      bestIteration: model.best_iteration,
      stopReason: model.stop_reason,
      evalsResult: model.evals_result,
      trainRows: prep.train.n,
      validationRows: prep.validationRows,
      droppedBeforeRelease: prep.features.droppedBeforeRelease,
      featureSeconds: prep.featureSeconds,
      fitSeconds: now() - fitStart
    }
  };
}

/** Parameters of the refit after early stopping: all rows, best round count, no inner validation. */
function refitParams(state: ClassifierState): ClassifierParams {
  const p = state.params;
  return {
    ...p,
    validationFraction: 0,
    refit: false,
    gbdt: {...p.gbdt, n_estimators: state.model.best_iteration + 1, early_stopping_rounds: null}
  };
}

/**
 * Fits the classifier on trainRows (row indices into dataset.ratings) synchronously. Every fitted
 * transform sees the training rows only; the seed's noise rule drops training rows dated before release.
 */
export function fitClassifier(
  dataset: Dataset,
  trainRows: Int32Array,
  params: Partial<ClassifierParams> = {},
  options: FitOptions = {}
): ClassifierState {
  const start = now();
  const p = resolveClassifierParams(params);
  const prep = prepare(dataset, trainRows, p, options);
  const trainer = new GbdtTrainer(prep.train, prep.gbdt, prep.trainOptions);
  while (trainer.step());
  const state = finish(prep, trainer.model(), start);
  if (!(p.refit && p.validationFraction > 0)) return state;
  const again = fitClassifier(dataset, trainRows, refitParams(state), options);
  return {
    ...again,
    params: p,
    log: {...again.log, evalsResult: state.log.evalsResult, stopReason: state.log.stopReason, fitSeconds: now() - start}
  };
}

/**
 * As fitClassifier, but yields to the event loop between rounds so a page or Web Worker stays
 * responsive (and can cancel via onRound); with options.trainer, that trainer grows the trees.
 */
export async function fitClassifierAsync(
  dataset: Dataset,
  trainRows: Int32Array,
  params: Partial<ClassifierParams> = {},
  options: FitOptions = {}
): Promise<ClassifierState> {
  const start = now();
  const p = resolveClassifierParams(params);
  const prep = prepare(dataset, trainRows, p, options);
  let model: GbdtModel;
  if (options.trainer) model = await options.trainer(prep.train, prep.gbdt, prep.trainOptions);
  else {
    const trainer = new GbdtTrainer(prep.train, prep.gbdt, prep.trainOptions);
    while (trainer.step()) await new Promise<void>((resolve) => setTimeout(resolve, 0));
    model = trainer.model();
  }
  const state = finish(prep, model, start);
  if (!(p.refit && p.validationFraction > 0)) return state;
  const again = await fitClassifierAsync(dataset, trainRows, refitParams(state), options);
  return {
    ...again,
    params: p,
    log: {...again.log, evalsResult: state.log.evalsResult, stopReason: state.log.stopReason, fitSeconds: now() - start}
  };
}

/** Class probabilities of dataset rows: row-major n × K float32, and the rating value of each class. */
export function predictClassifier(
  state: ClassifierState,
  dataset: Dataset,
  rows: Int32Array
): {probabilities: Float32Array; classes: number[]} {
  const m = select(buildFeatures(state.features, dataset, rows, {forTraining: false}), state.columnIndex);
  return {probabilities: predictProba(state.model, m.features, rows.length), classes: [...state.classValues]};
}

/** One pair's prediction: class probabilities, expected rating Σ p·value, most probable rating, cold start flag. */
export interface PairPrediction {
  probabilities: Float32Array;
  expected: number;
  rating: number;
  /** The user or movie is unknown to the model or had no training rating: features came from priors. */
  coldStart: boolean;
}

/**
 * Prediction for dense user and movie indices (−1 or out of range = unknown). `dataset` gives the
 * movie and user tables (its ratings are not read: a lookup data set with empty ratings works);
 * timestamp (unix s) for the movie's age defaults to the latest training rating's time.
 */
export function predictPair(
  state: ClassifierState,
  dataset: Dataset,
  user: number,
  movie: number,
  timestamp = state.referenceTime
): PairPrediction {
  const full = featuresForPair(state.features, dataset, user, movie, timestamp);
  const x = state.columnIndex === null ? full : Float32Array.from(state.columnIndex, (c) => full[c]);
  const probabilities = predictProba(state.model, x, 1);
  const stats = state.features.aggregates.stats;
  const knownUser = user >= 0 && user < state.features.nUsers && stats.userCount[user] > 0;
  const knownMovie = movie >= 0 && movie < state.features.nMovies && stats.movieCount[movie] > 0;
  return {probabilities, ...summarize(probabilities, state.classValues), coldStart: !(knownUser && knownMovie)};
}

/** Expected rating and most probable rating (first maximum) of one probability vector. */
export function summarize(p: ArrayLike<number>, classValues: readonly number[]): {expected: number; rating: number} {
  let expected = 0;
  let best = 0;
  for (let k = 0; k < classValues.length; k++) {
    expected += p[k] * classValues[k];
    if (p[k] > p[best]) best = k;
  }
  return {expected, rating: classValues[best]};
}

function selectColumns(
  names: string[],
  columns: string[] | null
): {columnIndex: Int32Array | null; columnNames: string[]} {
  if (columns === null) return {columnIndex: null, columnNames: names.slice()};
  const index = new Int32Array(columns.length);
  columns.forEach((c, i) => {
    const j = names.indexOf(c);
    if (j < 0)
      throw new RangeError(
        `classifier parameter "columns": no feature "${c}"; expected names from ${names.join(", ")}`
      );
    index[i] = j;
  });
  return {columnIndex: index, columnNames: columns.slice()};
}

/** The matrix restricted to the kept columns (a copy; the same matrix when all are kept). */
function select(m: FeatureMatrix, columnIndex: Int32Array | null): FeatureMatrix {
  if (columnIndex === null) return m;
  const n = m.rows.length;
  const d = columnIndex.length;
  const out = new Float32Array(n * d);
  for (let i = 0, src = 0, dst = 0; i < n; i++, src += m.nFeatures, dst += d) {
    for (let j = 0; j < d; j++) out[dst + j] = m.features[src + columnIndex[j]];
  }
  return {features: out, nFeatures: d, names: Array.from(columnIndex, (c) => m.names[c]), rows: m.rows};
}

function pick(rows: Int32Array, positions: Int32Array): Int32Array {
  return Int32Array.from(positions, (i) => rows[i]);
}

function now(): number {
  return performance.now() / 1000;
}

/**
 * The gradient-boosted rating classifier behind the common model interface: it predicts a probability
 * for each rating value, and its rating estimate is the expected rating Σ p·value, so it is scored with
 * RMSE and MAE beside the recommenders and can be a blend member. Its features read the movie and user
 * tables, so it is fitted on training ratings that know their data set (TrainSet.source, as every fold
 * of lib/data/folds.ts does); the state keeps those tables (no ratings) to predict with.
 */
import type {Dataset, Ratings} from "../../data/types.js";
import {
  abortError,
  scoreEach,
  type BatchPrediction,
  type FitOptions,
  type Model,
  type ParamSchema,
  type TrainSet
} from "../estimator.js";
import {
  DEFAULT_CLASSIFIER_PARAMS,
  fitClassifier,
  fitClassifierAsync,
  predictClassifier,
  predictPair,
  resolveClassifierParams,
  summarize,
  type ClassifierParams,
  type ClassifierState,
  type GbdtTrainFn
} from "./pipeline.js";
import {numberParam, seedParam} from "../param-specs.js";

/** The classifier's fitted state, the tables its features read, and the scale. */
export interface ClassifierModelState {
  classifier: ClassifierState;
  /** The data set's movie and user tables with no ratings (plain data shared with the data set). */
  lookup: Dataset;
  scale: Dataset["scale"];
}

/** Options of the classifier's asynchronous fit: the common ones, and a tree trainer (e.g. Node worker threads). */
export interface ClassifierFitOptions extends FitOptions {
  gbdtTrainer?: GbdtTrainFn;
}

const PARAMS: ParamSchema<ClassifierParams> = {
  features: {
    type: "json",
    description: "feature pipeline: {nComponents (genre PCA), aggregates {priorCount, classShares, genreAffinity, …}}"
  },
  columns: {type: "json", description: "feature columns kept, in order (null: every column)"},
  gbdt: {
    type: "json",
    description:
      "gradient boosting with XGBoost's names: n_estimators, max_depth, learning_rate, min_child_weight, subsample, …"
  },
  validationFraction: numberParam(0, 0.99, "share of training held out (stratified) for early stopping; 0 = none"),
  refit: {type: "boolean", description: "after early stopping, refit on every training row with the best round count"},
  seed: seedParam("the inner split, the out-of-fold aggregates and the trees' sampling")
};

/** The data set and sorted training rows a classifier is fitted on; throws when the TrainSet has no source. */
function sourceOf(train: TrainSet): {dataset: Dataset; rows: Int32Array} {
  if (!train.source) {
    throw new RangeError(
      "classifier: the training set has no source data set; expected ratings taken from a data set (lib/data/folds.ts), since its features read the movie and user tables"
    );
  }
  if (train.source.rows.length !== train.ratings.rating.length) {
    throw new RangeError(
      `classifier: ${train.source.rows.length} source rows for ${train.ratings.rating.length} training ratings; expected one row per rating`
    );
  }
  // The pipeline's inner split and out-of-fold aggregates go by position, so the rows keep the ratings' order.
  return {dataset: train.source.dataset, rows: train.source.rows};
}

/** The movie and user tables of a data set, with no ratings. */
function lookupOf(dataset: Dataset): Dataset {
  const none: Ratings = {
    user: new Int32Array(0),
    movie: new Int32Array(0),
    rating: new Float32Array(0),
    timestamp: new Float64Array(0)
  };
  return {...dataset, ratings: none};
}

function stateOf(classifier: ClassifierState, dataset: Dataset): ClassifierModelState {
  return {classifier, lookup: lookupOf(dataset), scale: dataset.scale};
}

/** Expected rating, class probabilities and cold-start flags of test ratings (their times give the movies' ages). */
function predictTest(s: ClassifierModelState, test: Ratings): BatchPrediction {
  const n = test.rating.length;
  const rows = Int32Array.from({length: n}, (_, i) => i);
  const {probabilities, classes} = predictClassifier(s.classifier, {...s.lookup, ratings: test}, rows);
  const rating = new Float64Array(n);
  const fallback = new Uint8Array(n);
  const stats = s.classifier.features.aggregates.stats;
  const K = classes.length;
  for (let i = 0; i < n; i++) {
    rating[i] = summarize(probabilities.subarray(i * K, i * K + K), classes).expected;
    const u = test.user[i],
      m = test.movie[i];
    const known =
      u >= 0 &&
      u < stats.userCount.length &&
      stats.userCount[u] > 0 &&
      m >= 0 &&
      m < stats.movieCount.length &&
      stats.movieCount[m] > 0;
    fallback[i] = known ? 0 : 1;
  }
  return {rating, fallback, probabilities, classes};
}

export const classifierModel: Model<ClassifierParams, ClassifierModelState> = {
  name: "classifier",
  label: "GBDT classifier",
  description:
    "gradient-boosted trees (XGBoost's hist) on genre PCA, demographics and out-of-fold aggregates; expected rating of the class probabilities",
  task: "rating",
  classes: true,
  blendable: true,
  slow: true,
  defaults: DEFAULT_CLASSIFIER_PARAMS as ClassifierParams,
  params: PARAMS,
  fit(train, params = {}) {
    const {dataset, rows} = sourceOf(train);
    return stateOf(fitClassifier(dataset, rows, params), dataset);
  },
  async fitAsync(train, params = {}, options: ClassifierFitOptions = {}) {
    const {dataset, rows} = sourceOf(train);
    const rounds = resolveClassifierParams(params).gbdt.n_estimators ?? 100;
    const state = await fitClassifierAsync(dataset, rows, params, {
      trainer: options.gbdtTrainer,
      onRound: (round) => {
        options.onProgress?.(Math.min(1, (round + 1) / rounds));
        return options.signal?.aborted !== true;
      }
    });
    if (options.signal?.aborted) throw abortError("classifier");
    return stateOf(state, dataset);
  },
  estimate(s, user, movie) {
    const p = predictPair(s.classifier, s.lookup, user, movie);
    return {value: p.expected, fallback: p.coldStart};
  },
  scoreAll: (s, user) =>
    scoreEach(s.lookup.movies.id.length, (m) => predictPair(s.classifier, s.lookup, user, m).expected),
  predictBatch: predictTest
};

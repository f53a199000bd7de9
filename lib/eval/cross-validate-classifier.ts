/**
 * Cross-validation of the rating classifier: given folds (ml-100k's official u1..u5 as row indices,
 * from officialFoldRows) or a fold count (seeded stratified k-fold), fits on each training part,
 * predicts its test part and reports the metrics per fold and as mean ± sd, with the majority and
 * rounded user+item bias baselines on the same folds. The folds run through the common harness; this
 * report adds what only a classifier has. Browser-safe: reading the official fold files is the
 * caller's job (lib/node/open-dataset.ts), so this runs in a data loader or a Web Worker.
 */
import type {Dataset} from "../data/types.js";
import {dropBeforeRelease, labelsOf} from "../features/feature-matrix.js";
import {
  resolveClassifierParams,
  type ClassifierParams,
  type ClassifierState,
  type GbdtTrainFn
} from "../models/classifier/pipeline.js";
import {classifierModel} from "../models/classifier/model.js";
import type {BatchPrediction} from "../models/estimator.js";
import {crossValidate, type FoldScore} from "./cross-validate.js";
import {ratingFoldsFromRows} from "../data/folds.js";
import {
  classificationReport,
  regressionErrors,
  trueRatings,
  type ClassificationReport
} from "./classification-metrics.js";
import {fitBiasBaseline, fitMajority, predictBiasBaseline, predictMajority} from "./classifier-baselines.js";
import type {FoldRows} from "../data/folds.js";
import {stratifiedKFold} from "./split.js";
import type {ProtocolName} from "./protocols/index.js";

/** The figures reported per fold and averaged. */
export const CV_METRICS = [
  "accuracy",
  "macro_f1",
  "weighted_f1",
  "log_loss",
  "rmse",
  "mae",
  "fit_seconds",
  "predict_seconds"
] as const;
export type CvMetric = (typeof CV_METRICS)[number];
export type MetricValues = Record<CvMetric, number>;

/** Mean and sample standard deviation (n − 1; 0 for one fold) of each metric over the folds. */
export interface MetricSummary {
  mean: MetricValues;
  sd: MetricValues;
}

export interface PerClassScores {
  /** Rating value of each class. */
  value: number[];
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

export interface FoldResult {
  name: string;
  nTrain: number;
  nTest: number;
  metrics: MetricValues;
  /** Counts, row = true class, column = predicted, row-major K × K. */
  confusion: number[];
  perClass: PerClassScores;
  baselines: {majority: MetricValues; bias: MetricValues};
  /**
   * Rounds trained, best round, why training stopped, training rows after the noise rule, and the
   * split of fit_seconds into feature fitting/building and tree boosting (seconds).
   */
  training: {
    rounds: number;
    bestIteration: number;
    stopReason: string;
    trainRows: number;
    droppedBeforeRelease: number;
    featureSeconds: number;
    treeSeconds: number;
  };
}

export interface CvResult {
  /**
   * "stratified-k-fold" (a fold count), else the name of the protocol that made the given fold rows:
   * "official" by default (u1..u5), or one of lib/eval/protocols (`movielab cv classifier --protocol`).
   */
  protocol: "official" | "stratified-k-fold" | ProtocolName;
  dataset: string;
  classes: number[];
  params: ClassifierParams;
  seed: number;
  folds: FoldResult[];
  summary: MetricSummary;
  baselines: {majority: MetricSummary; bias: MetricSummary};
  /** Confusion counts summed over the folds (row-major K × K). */
  confusion: number[];
}

/** Progress of a run: fold (0-based) of folds, and the boosting round within it (phase "fit"). */
export interface CvProgress {
  fold: number;
  folds: number;
  name: string;
  phase: "fit" | "predict" | "done";
  round?: number;
  rounds?: number;
}

export interface CrossValidateOptions {
  /** Predefined folds as row indices (officialFoldRows, a protocol's folds), or a fold count k ≥ 2 for seeded stratified k-fold. */
  folds: FoldRows[] | number;
  /** The name of the protocol that made predefined folds (default "official"). */
  protocol?: ProtocolName;
  /** Classifier parameters over DEFAULT_CLASSIFIER_PARAMS (or over `base`). */
  params?: Partial<ClassifierParams>;
  /** Parameters the partial params are merged over (default DEFAULT_CLASSIFIER_PARAMS). */
  base?: Readonly<ClassifierParams>;
  /** Seed of the k-fold split (default 42); the classifier's own seed is params.seed. */
  seed?: number;
  onProgress?: (p: CvProgress) => void;
  /** Tree trainer of the async run (e.g. Node's worker-thread trainer); default the single-thread one. */
  trainer?: GbdtTrainFn;
}

/** Cancels the run between folds and between boosting rounds (rejects with an AbortError). */
export interface CrossValidateSignal {
  signal?: AbortSignal;
}

/**
 * Cross-validates the classifier through the common harness (lib/eval/cross-validate.ts) and adds what
 * this report shows besides the metrics: confusion, per-class scores, the majority and bias baselines on
 * the same training rows, and each fold's training log. Yields between boosting rounds (Web Worker,
 * page; onProgress may drive a bar), or grows the trees with options.trainer (Node: worker threads).
 */
export async function crossValidateClassifier(
  dataset: Dataset,
  options: CrossValidateOptions & CrossValidateSignal
): Promise<CvResult> {
  const {params, folds, seed} = setup(dataset, options);
  const rounds = params.gbdt.n_estimators ?? 100;
  const results: FoldResult[] = [];
  const report = options.onProgress;
  await crossValidate(classifierModel, ratingFoldsFromRows(dataset, folds), {
    params,
    metrics: ["rating", "classification"],
    signal: options.signal,
    fitOptions: {gbdtTrainer: options.trainer},
    onProgress:
      report &&
      ((p) => {
        // A progress listener's return value is ignored: it must never stop training by accident.
        if (p.phase === "fit")
          report({
            fold: p.fold,
            folds: p.folds,
            name: p.name,
            phase: "fit",
            round: Math.round((p.fitFraction ?? 0) * rounds),
            rounds
          });
        else report({fold: p.fold, folds: p.folds, name: p.name, phase: p.phase});
      }),
    onFold: ({state, predictions, score}, i) =>
      results.push(foldReport(dataset, folds[i], state.classifier, predictions, score))
  });
  return assemble(dataset, options, params, seed, results);
}

function setup(
  dataset: Dataset,
  options: CrossValidateOptions
): {params: ClassifierParams; folds: FoldRows[]; seed: number} {
  const params = resolveClassifierParams(options.params, options.base);
  const seed = options.seed ?? 42;
  let folds: FoldRows[];
  if (typeof options.folds === "number") {
    const all = Int32Array.from({length: dataset.ratings.rating.length}, (_, i) => i);
    folds = stratifiedKFold(labelsOf(dataset, all), options.folds, seed).map((s, i) => ({
      name: `fold${i + 1}`,
      train: s.train,
      test: s.test
    }));
  } else {
    if (options.folds.length === 0) throw new RangeError("cross-validation needs at least one fold");
    folds = options.folds;
  }
  return {params, folds, seed};
}

function foldReport(
  dataset: Dataset,
  f: FoldRows,
  state: ClassifierState,
  predictions: BatchPrediction,
  score: FoldScore
): FoldResult {
  const classes = predictions.classes!;
  const truth = labelsOf(dataset, f.test);
  const report = classificationReport(truth, predictions.probabilities!, classes);

  // Baselines are fitted on the same training rows after the same noise rule.
  const trainRows = state.features.options.dropBeforeRelease ? dropBeforeRelease(dataset, f.train) : f.train;
  const majority = fitMajority(labelsOf(dataset, trainRows), classes.length);
  const maj = predictMajority(majority, f.test.length, classes);
  const bias = predictBiasBaseline(fitBiasBaseline(dataset, trainRows), dataset, f.test);
  return {
    name: f.name,
    nTrain: f.train.length,
    nTest: f.test.length,
    metrics: metricValues(report, score.fitSeconds, score.predictSeconds),
    confusion: Array.from(report.confusion),
    perClass: {
      value: classes,
      precision: Array.from(report.scores.precision),
      recall: Array.from(report.scores.recall),
      f1: Array.from(report.scores.f1),
      support: Array.from(report.scores.support)
    },
    baselines: {
      majority: metricValues(classificationReport(truth, maj.proba, classes), 0, 0),
      bias: metricValues(classificationReport(truth, bias.proba, classes), 0, 0, bias.rating, truth, classes)
    },
    training: {
      rounds: state.log.rounds,
      bestIteration: state.log.bestIteration,
      stopReason: state.log.stopReason,
      trainRows: state.log.trainRows,
      droppedBeforeRelease: state.log.droppedBeforeRelease,
      featureSeconds: state.log.featureSeconds,
      treeSeconds: state.log.fitSeconds - state.log.featureSeconds
    }
  };
}

/**
 * Metric values of one report. For the bias baseline the RMSE/MAE are those of its continuous
 * rating (μ + b_u + b_i), not of the expected value of its smoothed one-hot probabilities.
 */
function metricValues(
  r: ClassificationReport,
  fitSeconds: number,
  predictSeconds: number,
  rating?: Float64Array,
  truth?: Int32Array,
  classes?: number[]
): MetricValues {
  const {rmse, mae} = rating && truth && classes ? regressionErrors(trueRatings(truth, classes), rating) : r;
  return {
    accuracy: r.accuracy,
    macro_f1: r.scores.macro.f1,
    weighted_f1: r.scores.weighted.f1,
    log_loss: r.logLoss,
    rmse,
    mae,
    fit_seconds: fitSeconds,
    predict_seconds: predictSeconds
  };
}

/** Mean and sample sd of every metric over a list of per-fold values. */
export function summarizeMetrics(values: MetricValues[]): MetricSummary {
  const mean = {} as MetricValues;
  const sd = {} as MetricValues;
  for (const m of CV_METRICS) {
    const xs = values.map((v) => v[m]);
    const mu = xs.reduce((a, b) => a + b, 0) / xs.length;
    mean[m] = mu;
    sd[m] = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mu) * (b - mu), 0) / (xs.length - 1)) : 0;
  }
  return {mean, sd};
}

function assemble(
  dataset: Dataset,
  options: CrossValidateOptions,
  params: ClassifierParams,
  seed: number,
  folds: FoldResult[]
): CvResult {
  const K = folds[0].perClass.value.length;
  const confusion = new Array<number>(K * K).fill(0);
  for (const f of folds) f.confusion.forEach((c, j) => (confusion[j] += c));
  return {
    protocol: typeof options.folds === "number" ? "stratified-k-fold" : (options.protocol ?? "official"),
    dataset: dataset.name,
    classes: folds[0].perClass.value,
    params,
    seed,
    folds,
    summary: summarizeMetrics(folds.map((f) => f.metrics)),
    baselines: {
      majority: summarizeMetrics(folds.map((f) => f.baselines.majority)),
      bias: summarizeMetrics(folds.map((f) => f.baselines.bias))
    },
    confusion
  };
}

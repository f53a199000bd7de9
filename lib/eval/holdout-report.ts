/**
 * Everything the Training and Evaluation pages show of one hold-out fit of the rating classifier:
 * learning curves and feature importance from the training log, and on the test rows the metrics,
 * confusion matrices, per-class scores, reliability bins, errors by user activity and movie
 * popularity, and the two baselines. Plain JSON-ready numbers; browser-safe.
 */
import type {Dataset} from "../data/types.js";
import {dropBeforeRelease, labelsOf} from "../features/feature-matrix.js";
import {featureImportance, type FeatureImportance} from "../models/gbdt/importance.js";
import type {ClassifierState} from "../models/classifier/pipeline.js";
import {classificationReport, regressionErrors, trueRatings} from "./classification-metrics.js";
import {fitBiasBaseline, fitMajority, predictBiasBaseline, predictMajority} from "./classifier-baselines.js";
import {countsOf, errorBreakdown, type ErrorBreakdown} from "./error-breakdown.js";

/** Headline figures of one predictor on the test rows. */
export interface HoldoutMetrics {
  accuracy: number;
  macroF1: number;
  weightedF1: number;
  logLoss: number;
  /** Of the expected rating (the bias baseline: of its continuous rating). */
  rmse: number;
  mae: number;
}

export interface HoldoutReport {
  classes: number[];
  nTrain: number;
  nTest: number;
  training: {
    rounds: number;
    bestIteration: number;
    stopReason: string;
    trainRows: number;
    validationRows: number;
    droppedBeforeRelease: number;
    featureSeconds: number;
    fitSeconds: number;
    /** Multi-class log loss per round on the fitted rows and on the inner validation rows (empty without one). */
    trainLoss: number[];
    validLoss: number[];
  };
  importance: FeatureImportance[];
  metrics: HoldoutMetrics;
  baselines: {majority: HoldoutMetrics; bias: HoldoutMetrics};
  /** Row = true class, column = predicted; row-major K × K. */
  confusion: number[];
  confusionNormalized: number[];
  perClass: {precision: number[]; recall: number[]; f1: number[]; support: number[]};
  calibration: {nBins: number; count: number[]; meanPredicted: (number | null)[]; observed: (number | null)[]};
  /** Buckets of the user's / movie's number of training ratings. */
  byUserActivity: ErrorBreakdown;
  byMoviePopularity: ErrorBreakdown;
}

/** Builds the report of a classifier fitted on trainRows, evaluated on testRows with predicted probabilities proba (n × K). */
export function holdoutReport(
  dataset: Dataset,
  state: ClassifierState,
  trainRows: Int32Array,
  testRows: Int32Array,
  proba: Float32Array
): HoldoutReport {
  const classes = state.classValues;
  const truth = labelsOf(dataset, testRows);
  const r = classificationReport(truth, proba, classes);
  // Baselines and activity counts use the rows the model was fitted on: training rows after the noise rule.
  const fitted = state.features.options.dropBeforeRelease ? dropBeforeRelease(dataset, trainRows) : trainRows;
  const maj = predictMajority(fitMajority(labelsOf(dataset, fitted), classes.length), testRows.length, classes);
  const bias = predictBiasBaseline(fitBiasBaseline(dataset, fitted), dataset, testRows);
  const userCount = countsOf(dataset.ratings.user, fitted, dataset.userIds.length);
  const movieCount = countsOf(dataset.ratings.movie, fitted, dataset.movies.id.length);
  const log = state.log;
  const nb = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    classes: [...classes],
    nTrain: trainRows.length,
    nTest: testRows.length,
    training: {
      rounds: log.rounds,
      bestIteration: log.bestIteration,
      stopReason: log.stopReason,
      trainRows: log.trainRows,
      validationRows: log.validationRows,
      droppedBeforeRelease: log.droppedBeforeRelease,
      featureSeconds: log.featureSeconds,
      fitSeconds: log.fitSeconds,
      trainLoss: log.evalsResult.train.mlogloss ?? [],
      validLoss: log.evalsResult.eval?.mlogloss ?? []
    },
    importance: featureImportance(state.model),
    metrics: metricsOf(truth, proba, classes),
    baselines: {
      majority: metricsOf(truth, maj.proba, classes),
      bias: metricsOf(truth, bias.proba, classes, bias.rating)
    },
    confusion: Array.from(r.confusion),
    confusionNormalized: Array.from(r.confusionNormalized),
    perClass: {
      precision: Array.from(r.scores.precision),
      recall: Array.from(r.scores.recall),
      f1: Array.from(r.scores.f1),
      support: Array.from(r.scores.support)
    },
    calibration: {
      nBins: r.calibration.nBins,
      count: Array.from(r.calibration.count),
      meanPredicted: Array.from(r.calibration.meanPredicted, nb),
      observed: Array.from(r.calibration.observed, nb)
    },
    byUserActivity: errorBreakdown(
      truth,
      proba,
      classes,
      Int32Array.from(testRows, (row) => userCount[dataset.ratings.user[row]])
    ),
    byMoviePopularity: errorBreakdown(
      truth,
      proba,
      classes,
      Int32Array.from(testRows, (row) => movieCount[dataset.ratings.movie[row]])
    )
  };
}

/** Headline metrics; `rating` (continuous prediction) replaces the expected rating in RMSE/MAE when given. */
function metricsOf(truth: Int32Array, proba: Float32Array, classes: number[], rating?: Float64Array): HoldoutMetrics {
  const r = classificationReport(truth, proba, classes);
  const {rmse, mae} = rating ? regressionErrors(trueRatings(truth, classes), rating) : r;
  return {
    accuracy: r.accuracy,
    macroF1: r.scores.macro.f1,
    weightedF1: r.scores.weighted.f1,
    logLoss: r.logLoss,
    rmse,
    mae
  };
}

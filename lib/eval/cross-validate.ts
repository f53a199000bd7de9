/**
 * The one evaluation harness: any model of the registry over any folds (ml-100k's u1..u5, seeded
 * k-fold, a hold-out). Each fold's model is fitted on its training part only and scored on its test
 * part with the rating metrics (RMSE, MAE), the classification metrics when the model predicts classes
 * (accuracy, macro and weighted F1, log loss), and the ranking metrics when asked (precision, recall,
 * nDCG, MAP, hit rate, coverage at each k). Per fold and as mean ± sample sd over folds.
 * Browser-safe and asynchronous: it reports progress, honours an AbortSignal between folds and within
 * long fits, and runs the same in Node, in worker threads and in a Web Worker. The CLI, the data
 * loaders and the benches call it.
 */
import {
  fitModel,
  predictRatings,
  type BatchPrediction,
  type FitOptions,
  type Model,
  abortError
} from "../models/estimator.js";
import type {RatingScale} from "../data/types.js";
import {classificationReport} from "./classification-metrics.js";
import {RANKING_JSON_NAMES, rankAll, type PerUserRankingMetric} from "./evaluate-ranking.js";
import {mae, rmse} from "./rating-metrics.js";
import {perUserErrors, type PerUserErrors} from "./per-user-errors.js";
import {releaseFold, type RatingFold} from "../data/folds.js";
import {fitTimer} from "../models/fit-cache.js";

/** Which metrics to compute. */
export type MetricFamily = "rating" | "classification" | "ranking";

/** Mean and sample standard deviation (0 for a single fold). */
export interface MeanSd {
  /** Arithmetic mean, in the metric's unit. */
  mean: number;
  /** Sample standard deviation (n − 1), same unit; 0 for one value. */
  sd: number;
}

/** One fold's figures: metric name → value, plus counts and seconds. */
export interface FoldScore {
  /** The fold's name, e.g. "u1" or "fold1". */
  fold: string;
  /** Training ratings the model was fitted on. */
  nTrain: number;
  /** Test ratings it was scored on. */
  nTest: number;
  /** Test ratings whose prediction fell back for an unknown user or movie. */
  fallbacks: number;
  /** Wall-clock seconds of the fit. */
  fitSeconds: number;
  /** Wall-clock seconds of predicting the test ratings. */
  predictSeconds: number;
  /**
   * rmse, mae; accuracy, macro_f1, weighted_f1, log_loss; precision@k, recall@k, ndcg@k, map@k,
   * map_msr_old@k, hit_rate@k, coverage@k, distributional_coverage@k, exposure_gini@k, novelty@k,
   * diversity@k, arp@k.
   */
  metrics: Record<string, number>;
  /**
   * Per-user values behind the metrics, for bootstrap intervals, paired tests and group figures: kept in
   * memory (and structured-cloned from workers), never written to run records.
   */
  perUser?: FoldPerUser;
}

/** One fold's per-user values: rating errors summed per test user; ranking metrics per user ("ndcg@10" …). */
export interface FoldPerUser {
  /** Squared and absolute rating errors summed per test user (rating family). */
  errors?: PerUserErrors;
  /** Ranking metrics per evaluated user (ranking family). */
  ranking?: {
    /** Dense indices of the evaluated users. */
    users: Int32Array;
    /** Metric name ("ndcg@10" …) → each user's value, aligned with users. */
    values: Record<string, Float64Array>;
  };
}

/** The JSON name of a per-user ranking metric at cut-off k, as in FoldScore.metrics. */
export function rankingMetricName(metric: PerUserRankingMetric, k: number): string {
  return `${RANKING_JSON_NAMES[metric]}@${k}`;
}

/** A cross-validation: per-fold figures and each metric's mean ± sd over folds. */
export interface CvSummary {
  /** The model's registry name, e.g. "mf". */
  model: string;
  /** Each fold's figures, in fold order. */
  folds: FoldScore[];
  /** Metric name (as in FoldScore.metrics) → mean ± sd over folds. */
  metrics: Record<string, MeanSd>;
  /** Fit wall-clock seconds, mean ± sd over folds. */
  fitSeconds: MeanSd;
  /** Prediction wall-clock seconds, mean ± sd over folds. */
  predictSeconds: MeanSd;
}

/** Progress of a run: fold (0-based) of folds, its phase and the fraction of the fit done. */
export interface CvProgress {
  /** The current fold, 0-based. */
  fold: number;
  /** Number of folds in the run. */
  folds: number;
  /** The current fold's name, e.g. "u1". */
  name: string;
  /** What the fold is doing; "done" once it is scored. */
  phase: "fit" | "predict" | "done";
  /** 0..1 of the fold's fit, for models that report it. */
  fitFraction?: number;
}

/** What a report built on the harness gets after each fold: the fitted state and the test predictions. */
export interface FoldOutcome<S> {
  /** The fold as passed in. */
  fold: RatingFold;
  /** The model fitted on its training part. */
  state: S;
  /** Predictions of its test ratings, in test order. */
  predictions: BatchPrediction;
  /** Its figures, as in the summary. */
  score: FoldScore;
}

/** Options of {@link crossValidate}: parameters, metric families, progress, cancelling. */
export interface CrossValidateOptions<P, S> {
  /** Parameters over the model's defaults. */
  params?: Partial<P>;
  /** Default: rating, plus classification for models that predict classes. */
  metrics?: readonly MetricFamily[];
  /** Cut-offs of the ranking metrics (default [10]). */
  ks?: readonly number[];
  /** Called at each fold's phases and with fit progress. */
  onProgress?: (p: CvProgress) => void;
  /** Cancels between folds and within fits that support it; the run rejects with an AbortError. */
  signal?: AbortSignal;
  /** Passed to the model's fitAsync (e.g. a worker-thread tree trainer). */
  fitOptions?: Omit<FitOptions, "onProgress" | "signal"> & Record<string, unknown>;
  /** Called after each fold, for reports that add their own figures (confusion matrices, baselines). */
  onFold?: (outcome: FoldOutcome<S>, index: number) => void;
}

/** Mean and sample standard deviation of a list of numbers (n ≥ 1). */
export function meanSd(xs: readonly number[]): MeanSd {
  const n = xs.length;
  if (n === 0) throw new RangeError("meanSd: no values; expected at least one");
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return {mean, sd};
}

/** The metric families a model gets when none are asked for. */
export function defaultMetrics(model: {classes?: boolean}): MetricFamily[] {
  return model.classes ? ["rating", "classification"] : ["rating"];
}

/** Class index of each true rating (value → position in classes); −1 for a value not among them. */
function classIndex(truth: ArrayLike<number>, classes: readonly number[]): Int32Array {
  const index = new Map(classes.map((v, i) => [v, i]));
  return Int32Array.from({length: truth.length}, (_, i) => index.get(truth[i]) ?? -1);
}

/** Scores one fold's predictions with the asked metric families: the figures and the per-user values behind them. */
export function scoreFold<P, S extends {scale: RatingScale}>(
  model: Model<P, S>,
  state: S,
  fold: RatingFold,
  predictions: BatchPrediction,
  families: readonly MetricFamily[],
  ks: readonly number[]
): {metrics: Record<string, number>; perUser: FoldPerUser} {
  const metrics: Record<string, number> = {};
  const perUser: FoldPerUser = {};
  const truth = fold.test.rating;
  if (families.includes("rating")) {
    metrics.rmse = rmse(truth, predictions.rating);
    metrics.mae = mae(truth, predictions.rating);
    perUser.errors = perUserErrors(fold.test.user, truth, predictions.rating);
  }
  if (families.includes("classification")) {
    if (!predictions.probabilities || !predictions.classes)
      throw new RangeError(
        `model ${model.name} predicts no classes; expected a classifier for the classification metrics`
      );
    const report = classificationReport(
      classIndex(truth, predictions.classes),
      predictions.probabilities,
      predictions.classes
    );
    metrics.accuracy = report.accuracy;
    metrics.macro_f1 = report.scores.macro.f1;
    metrics.weighted_f1 = report.scores.weighted.f1;
    metrics.log_loss = report.logLoss;
  }
  if (families.includes("ranking")) {
    const ranked = rankAll(model, state, {train: fold.train, test: fold.test}, [...ks]);
    const values: Record<string, Float64Array> = {};
    ranked.byK.forEach((r, i) => {
      metrics[`precision@${r.k}`] = r.precision;
      metrics[`recall@${r.k}`] = r.recall;
      metrics[`ndcg@${r.k}`] = r.ndcg;
      metrics[`map@${r.k}`] = r.map;
      metrics[`map_msr_old@${r.k}`] = r.mapMsrOld;
      metrics[`hit_rate@${r.k}`] = r.hitRate;
      metrics[`coverage@${r.k}`] = r.coverage;
      metrics[`distributional_coverage@${r.k}`] = r.distributionalCoverage;
      metrics[`exposure_gini@${r.k}`] = r.exposureGini;
      metrics[`novelty@${r.k}`] = r.novelty;
      metrics[`diversity@${r.k}`] = r.diversity;
      metrics[`arp@${r.k}`] = r.arp;
      const columns = ranked.perUser.byK[i];
      for (const name of Object.keys(columns) as PerUserRankingMetric[])
        values[rankingMetricName(name, r.k)] = columns[name];
    });
    perUser.ranking = {users: ranked.perUser.users, values};
  }
  return {metrics, perUser};
}

/** Fits and scores the model on every fold (fitted on the training part only); per fold and mean ± sd. */
export async function crossValidate<
  P,
  S extends {
    /** The scale the state was fitted on; predictions are clipped to it. */
    scale: RatingScale;
  }
>(model: Model<P, S>, folds: readonly RatingFold[], options: CrossValidateOptions<P, S> = {}): Promise<CvSummary> {
  if (folds.length === 0) throw new RangeError("crossValidate: no folds; expected at least one");
  const families = options.metrics ?? defaultMetrics(model);
  const ks = options.ks ?? [10];
  const {signal, onProgress} = options;
  const scores: FoldScore[] = [];
  for (let i = 0; i < folds.length; i++) {
    if (signal?.aborted) throw abortError(`cross-validation of ${model.name}`);
    const fold = folds[i];
    const progress = (phase: CvProgress["phase"], fitFraction?: number) =>
      onProgress?.({
        fold: i,
        folds: folds.length,
        name: fold.name,
        phase,
        ...(fitFraction === undefined ? {} : {fitFraction})
      });
    progress("fit", 0);
    // A fit served from a shared one (sharingFits) counts at the seconds it took: the time this model costs alone.
    const fitTime = fitTimer();
    const state = await fitModel(model, fold.train, options.params, {
      ...options.fitOptions,
      signal,
      onProgress: (f) => progress("fit", f)
    });
    const fitSeconds = fitTime();
    progress("predict");
    const t1 = performance.now();
    const predictions = predictRatings(model, state, fold.test);
    const predictSeconds = (performance.now() - t1) / 1000;
    let fallbacks = 0;
    for (let k = 0; k < predictions.fallback.length; k++) fallbacks += predictions.fallback[k];
    const scored = scoreFold(model, state, fold, predictions, families, ks);
    const score: FoldScore = {
      fold: fold.name,
      nTrain: fold.train.ratings.rating.length,
      nTest: fold.test.rating.length,
      fallbacks,
      fitSeconds,
      predictSeconds,
      metrics: scored.metrics,
      perUser: scored.perUser
    };
    scores.push(score);
    options.onFold?.({fold, state, predictions, score}, i);
    // The fold's copied ratings are not needed past here: one fold in memory at a time, not k.
    releaseFold(fold);
    progress("done");
  }
  return summarizeFolds(model.name, scores);
}

/** Mean ± sd of every metric (and of the seconds) over fold scores. */
export function summarizeFolds(model: string, folds: FoldScore[]): CvSummary {
  const metrics: Record<string, MeanSd> = {};
  for (const name of Object.keys(folds[0].metrics)) metrics[name] = meanSd(folds.map((f) => f.metrics[name]));
  return {
    model,
    folds,
    metrics,
    fitSeconds: meanSd(folds.map((f) => f.fitSeconds)),
    predictSeconds: meanSd(folds.map((f) => f.predictSeconds))
  };
}

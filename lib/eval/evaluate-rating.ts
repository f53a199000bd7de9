/**
 * Rating-prediction evaluation over folds (ml-100k's u1..u5, seeded k-fold or one 80/20 split):
 * each fold's model is fitted on its training part only; RMSE and MAE on its test part;
 * per-fold figures plus mean and sample standard deviation over folds.
 */
import type {Ratings} from "../data/types.js";
import type {Model, TrainSet} from "../models/estimator.js";
import {mae, rmse} from "./rating-metrics.js";

/** One fold: a training set and held-out test ratings with dense indices of the same data set. */
export interface RatingFold {
  name: string;
  train: TrainSet;
  test: Ratings;
}

export interface RatingFoldResult {
  fold: string;
  rmse: number;
  mae: number;
  fitSeconds: number;
  /** Test ratings predicted, and how many of them fell back for an unknown user or movie. */
  nTest: number;
  fallbacks: number;
}

/** Mean and sample standard deviation (0 for a single fold). */
export interface MeanSd {
  mean: number;
  sd: number;
}

export interface RatingEvaluation {
  model: string;
  folds: RatingFoldResult[];
  rmse: MeanSd;
  mae: MeanSd;
  fitSeconds: MeanSd;
}

/** Mean and sample standard deviation of a list of numbers (n ≥ 1). */
export function meanSd(xs: readonly number[]): MeanSd {
  const n = xs.length;
  if (n === 0) throw new RangeError("meanSd: no values; expected at least one");
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return {mean, sd};
}

/** Predicts every test rating of a fitted state; returns predictions and the fallback count. */
export function predictTest<P, S>(model: Model<P, S>, state: S, test: Ratings): {predicted: Float64Array; fallbacks: number} {
  const n = test.rating.length;
  const predicted = new Float64Array(n);
  let fallbacks = 0;
  for (let k = 0; k < n; k++) {
    const p = model.predict(state, test.user[k], test.movie[k]);
    predicted[k] = p.rating;
    if (p.fallback) fallbacks++;
  }
  return {predicted, fallbacks};
}

/** Fits and scores the model on every fold; onFold is called after each fold (for progress bars). */
export function evaluateRating<P, S>(
  model: Model<P, S>,
  folds: readonly RatingFold[],
  params?: Partial<P>,
  onFold?: (result: RatingFoldResult, index: number) => void
): RatingEvaluation {
  if (folds.length === 0) throw new RangeError("evaluateRating: no folds; expected at least one");
  const results = folds.map((fold, i) => {
    const t0 = performance.now();
    const state = model.fit(fold.train, params);
    const fitSeconds = (performance.now() - t0) / 1000;
    const {predicted, fallbacks} = predictTest(model, state, fold.test);
    const r: RatingFoldResult = {fold: fold.name, rmse: rmse(fold.test.rating, predicted), mae: mae(fold.test.rating, predicted), fitSeconds, nTest: fold.test.rating.length, fallbacks};
    onFold?.(r, i);
    return r;
  });
  return {
    model: model.name,
    folds: results,
    rmse: meanSd(results.map((r) => r.rmse)),
    mae: meanSd(results.map((r) => r.mae)),
    fitSeconds: meanSd(results.map((r) => r.fitSeconds))
  };
}

/** RMSE of biased MF against its number of factors and of epochs, each swept with the other at Surprise's default. */
import {evaluateRating, type MeanSd, type RatingFold} from "../eval/evaluate-rating.js";
import {MF_DEFAULTS, mfModel} from "../models/recommenders/mf.js";

export interface SweepPoint {
  value: number;
  rmse: MeanSd;
  fitSeconds: number;
}

export interface MfSweep {
  folds: string[];
  /** Epochs held at MF_DEFAULTS.epochs while factors vary. */
  factors: SweepPoint[];
  /** Factors held at MF_DEFAULTS.factors while epochs vary. */
  epochs: SweepPoint[];
  defaults: {factors: number; epochs: number};
}

/** Fits MF on every fold for each number of factors and of epochs (positive integers). */
export function mfSweep(folds: readonly RatingFold[], factors: number[], epochs: number[]): MfSweep {
  const point = (params: {factors: number; epochs: number}, value: number): SweepPoint => {
    const e = evaluateRating(mfModel, folds, params);
    return {value, rmse: e.rmse, fitSeconds: e.fitSeconds.mean};
  };
  return {
    folds: folds.map((f) => f.name),
    factors: factors.map((f) => point({factors: f, epochs: MF_DEFAULTS.epochs}, f)),
    epochs: epochs.map((e) => point({factors: MF_DEFAULTS.factors, epochs: e}, e)),
    defaults: {factors: MF_DEFAULTS.factors, epochs: MF_DEFAULTS.epochs}
  };
}

/** RMSE of biased MF against its number of factors and of epochs, each swept with the other at Surprise's default. */
import {crossValidate, type MeanSd} from "../eval/cross-validate.js";
import type {RatingFold} from "../data/folds.js";
import {MF_DEFAULTS, mfModel} from "../models/factors/mf.js";

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
export async function mfSweep(folds: readonly RatingFold[], factors: number[], epochs: number[]): Promise<MfSweep> {
  const point = async (params: {factors: number; epochs: number}, value: number): Promise<SweepPoint> => {
    const e = await crossValidate(mfModel, folds, {params});
    return {value, rmse: e.metrics.rmse, fitSeconds: e.fitSeconds.mean};
  };
  const factorPoints: SweepPoint[] = [];
  for (const f of factors) factorPoints.push(await point({factors: f, epochs: MF_DEFAULTS.epochs}, f));
  const epochPoints: SweepPoint[] = [];
  for (const e of epochs) epochPoints.push(await point({factors: MF_DEFAULTS.factors, epochs: e}, e));
  return {
    folds: folds.map((f) => f.name),
    factors: factorPoints,
    epochs: epochPoints,
    defaults: {factors: MF_DEFAULTS.factors, epochs: MF_DEFAULTS.epochs}
  };
}

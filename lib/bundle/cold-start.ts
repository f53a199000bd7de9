/**
 * The bundle's cold-start part: the item side of a biased MF fitted on the bundle's training rows (item
 * factors, item biases, global mean and the training regularisation), enough to fold a visitor in
 * (lib/recommend/fold-in.ts) without any user's rows or factors. Users' own factors are dropped: a user
 * of the data set is answered by the classifier, a visitor by the fold-in.
 */
import type {TrainSet} from "../models/estimator.js";
import {fitMf, MF_DEFAULTS, type MfParams} from "../models/factors/mf.js";
import type {FoldInItems} from "../recommend/fold-in.js";

/** Biased MF's item side, named by the registry model it came from ("mf"). */
export interface ColdStartModel extends FoldInItems {
  /** The registry model it came from. */
  name: "mf";
  /** The MF parameters it was fitted with (factors, epochs, lr, reg, initStd, seed). */
  params: MfParams;
}

/** Fits biased MF (MF_DEFAULTS overridden by `params`) on `train` and keeps its item side; biased MF only. */
export function fitColdStart(train: TrainSet, params: Partial<MfParams> = {}): ColdStartModel {
  const p: MfParams = {...MF_DEFAULTS, ...params, biased: true};
  if (!(p.reg > 0)) throw new RangeError(`cold-start MF reg is ${p.reg}: expected > 0 (the fold-in's ridge)`);
  const s = fitMf(train, p);
  return {
    name: "mf",
    params: p,
    rank: s.factors,
    mean: s.mean,
    itemBias: s.itemBias,
    itemFactors: s.itemFactors,
    reg: p.reg
  };
}

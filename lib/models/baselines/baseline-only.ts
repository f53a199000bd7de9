/**
 * BaselineOnly: r̂ = μ + b_u + b_i with regularised biases fitted by alternating least squares,
 * exactly as Surprise's baseline ALS (item step then user step, reg_i 10, reg_u 15, 10 epochs).
 * The biases are reused by KNNBaseline and the Pearson-baseline similarity.
 */
import {scoreEach, type Model} from "../estimator.js";
import type {RatingScale} from "../../data/types.js";
import {globalMean, knownEstimate, knownRows, ratingMatrices} from "../shared.js";
import type {Csr} from "../../linalg/sparse.js";
import {integerParam, numberParam} from "../param-specs.js";

export interface BaselineParams {
  /** Regularisation of item biases (in rating counts). */
  regItem: number;
  /** Regularisation of user biases. */
  regUser: number;
  epochs: number;
}

export interface Baselines {
  mean: number;
  userBias: Float64Array;
  itemBias: Float64Array;
}

export interface BaselineState extends Baselines {
  /** 1 for users/movies seen in training. */
  knownUser: Uint8Array;
  knownMovie: Uint8Array;
  scale: RatingScale;
}

export const BASELINE_DEFAULTS: BaselineParams = {regItem: 10, regUser: 15, epochs: 10};

/** Fits μ, b_u, b_i by ALS over the two rating matrices (Surprise's baseline_als). */
export function fitBaselines(byUser: Csr, byMovie: Csr, mean: number, p: BaselineParams): Baselines {
  const bu = new Float64Array(byUser.nRows);
  const bi = new Float64Array(byMovie.nRows);
  for (let e = 0; e < p.epochs; e++) {
    for (let i = 0; i < byMovie.nRows; i++) {
      let dev = 0;
      const a = byMovie.indptr[i],
        b = byMovie.indptr[i + 1];
      for (let q = a; q < b; q++) dev += byMovie.values[q] - mean - bu[byMovie.indices[q]];
      bi[i] = dev / (p.regItem + (b - a));
    }
    for (let u = 0; u < byUser.nRows; u++) {
      let dev = 0;
      const a = byUser.indptr[u],
        b = byUser.indptr[u + 1];
      for (let q = a; q < b; q++) dev += byUser.values[q] - mean - bi[byUser.indices[q]];
      bu[u] = dev / (p.regUser + (b - a));
    }
  }
  return {mean, userBias: bu, itemBias: bi};
}

/** μ + b_u + b_i, with the missing part left out for an unknown user or movie (unclipped). */
export function baselineEstimate(b: Baselines, user: number, movie: number): number {
  let x = b.mean;
  if (user >= 0 && user < b.userBias.length) x += b.userBias[user];
  if (movie >= 0 && movie < b.itemBias.length) x += b.itemBias[movie];
  return x;
}

/** The baseline parameters' schema (also the kNN models' `baseline` parameter). */
export const BASELINE_PARAMS = {
  regItem: numberParam(0, 1000, "regularisation of movie biases, in rating counts"),
  regUser: numberParam(0, 1000, "regularisation of user biases, in rating counts"),
  epochs: integerParam(1, 100, "alternating least-squares passes")
} as const;

export const baselineModel: Model<BaselineParams, BaselineState> = {
  name: "baseline",
  label: "baselines",
  description: "μ + user bias + movie bias, ALS (Surprise BaselineOnly)",
  task: "rating",
  blendable: true,
  defaults: BASELINE_DEFAULTS,
  params: BASELINE_PARAMS,
  fit(train, params = {}) {
    const p = {...BASELINE_DEFAULTS, ...params};
    const {byUser, byMovie} = ratingMatrices(train);
    const b = fitBaselines(byUser, byMovie, globalMean(train), p);
    return {...b, knownUser: knownRows(byUser), knownMovie: knownRows(byMovie), scale: train.scale};
  },
  estimate: (s, user, movie) => knownEstimate(s, user, movie, baselineEstimate(s, user, movie)),
  scoreAll: (s, user) => scoreEach(s.knownMovie.length, (m) => baselineEstimate(s, user, m))
};

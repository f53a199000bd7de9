/**
 * EASE (Steck 2019): a closed-form item–item model for top-N on implicit feedback.
 * P = (XᵀX + λI)⁻¹, B = I − P·diagMat(1/diag(P)) with a zero diagonal, scores of user u = x_u B.
 * λ defaults to 500 as in the peer (ease_msr.py); the 1,682² inversion is dense, in Float64.
 */
import type {Model} from "../estimator.js";
import {invertSpd} from "../../linalg/spd-inverse.js";
import {binaryMatrix, cooccurrence} from "./binary-matrix.js";
import {itemWeightMethods, ratingFallback, type ItemWeightState} from "./common.js";
import {numberParam} from "../param-specs.js";

export interface EaseParams {
  /** L2 regularisation λ added to the Gram diagonal (> 0). */
  lambda: number;
}

export interface EaseState extends ItemWeightState {
  /** Row-major nMovies × nMovies weights B (zero diagonal). */
  weights: Float32Array;
}

export const EASE_DEFAULTS: EaseParams = {lambda: 500};

/** The EASE weight matrix B from a Gram matrix G = XᵀX (n×n) and λ. */
export function easeWeights(gram: Float64Array, n: number, lambda: number): Float32Array {
  if (!(lambda > 0)) throw new RangeError(`ease: lambda = ${lambda}; expected a positive number`);
  const g = Float64Array.from(gram);
  for (let i = 0; i < n; i++) g[i * n + i] += lambda;
  const p = invertSpd(g, n);
  const b = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) b[i * n + j] = i === j ? 0 : -p[i * n + j] / p[j * n + j];
  }
  return b;
}

export const easeModel: Model<EaseParams, EaseState> = {
  name: "ease",
  label: "EASE",
  description: "EASE closed-form item model, λ = 500",
  task: "ranking",
  defaults: EASE_DEFAULTS,
  params: {
    lambda: numberParam(0, 1e9, "L2 regularisation λ added to the Gram diagonal (> 0)")
  },
  fit(train, params = {}) {
    const p = {...EASE_DEFAULTS, ...params};
    const seen = binaryMatrix(train);
    return {
      ...ratingFallback(train),
      nMovies: train.nMovies,
      weights: easeWeights(cooccurrence(seen), train.nMovies, p.lambda),
      seen
    };
  },
  ...itemWeightMethods((s) => s.weights)
};

/**
 * BPR (Rendle et al. 2009): pairwise ranking on implicit feedback. Each step samples a training
 * pair (u, i) and a movie j the user did not rate, and raises x_ui − x_uj by SGD on
 * ln σ(x_ui − x_uj) with x_ui = b_i + p_u·q_i. Defaults follow the Cornac BPR of the Microsoft
 * Recommenders benchmark (200 factors, 100 epochs, lr 0.01, λ 0.001, init (U(0,1) − 0.5)/k).
 */
import type {Model, TrainSet} from "../estimator.js";
import {createRng} from "../../random.js";
import type {Csr} from "../../linalg/sparse.js";
import {binaryMatrix} from "./binary-matrix.js";
import {ratingFallback, userMeanEstimate, type RatingFallback} from "./common.js";
import {integerParam, numberParam, seedParam, FACTORS} from "../param-specs.js";

export interface BprParams {
  factors: number;
  epochs: number;
  lr: number;
  reg: number;
  seed: number;
}

export interface BprState extends RatingFallback {
  factors: number;
  nMovies: number;
  userFactors: Float32Array;
  itemFactors: Float32Array;
  itemBias: Float32Array;
  seen: Csr;
}

export const BPR_DEFAULTS: BprParams = {factors: 200, epochs: 100, lr: 0.01, reg: 0.001, seed: 42};

/** Fits BPR by SGD over epochs × (training pairs) sampled triples. */
export function fitBpr(train: TrainSet, params: Partial<BprParams> = {}): BprState {
  const p = {...BPR_DEFAULTS, ...params};
  const K = p.factors,
    nU = train.nUsers,
    nM = train.nMovies;
  const rng = createRng(p.seed);
  const P = new Float32Array(nU * K),
    Q = new Float32Array(nM * K),
    b = new Float32Array(nM);
  for (let x = 0; x < P.length; x++) P[x] = (rng.next() - 0.5) / K;
  for (let x = 0; x < Q.length; x++) Q[x] = (rng.next() - 0.5) / K;
  const seen = binaryMatrix(train);
  const rated = new Uint8Array(nU * nM);
  for (let u = 0; u < nU; u++)
    for (let q = seen.indptr[u]; q < seen.indptr[u + 1]; q++) rated[u * nM + seen.indices[q]] = 1;
  const pairsU = new Int32Array(seen.indices.length);
  for (let u = 0; u < nU; u++) pairsU.fill(u, seen.indptr[u], seen.indptr[u + 1]);
  const n = pairsU.length,
    lr = p.lr,
    reg = p.reg;
  for (let e = 0; e < p.epochs; e++) {
    for (let s = 0; s < n; s++) {
      const k = rng.int(n);
      const u = pairsU[k],
        i = seen.indices[k];
      if (seen.indptr[u + 1] - seen.indptr[u] >= nM) continue;
      let j = rng.int(nM);
      while (rated[u * nM + j]) j = rng.int(nM);
      const po = u * K,
        io = i * K,
        jo = j * K;
      let x = b[i] - b[j];
      for (let f = 0; f < K; f++) x += P[po + f] * (Q[io + f] - Q[jo + f]);
      const g = 1 / (1 + Math.exp(x)); // σ(−x)
      b[i] += lr * (g - reg * b[i]);
      b[j] += lr * (-g - reg * b[j]);
      for (let f = 0; f < K; f++) {
        const pu = P[po + f],
          qi = Q[io + f],
          qj = Q[jo + f];
        P[po + f] = pu + lr * (g * (qi - qj) - reg * pu);
        Q[io + f] = qi + lr * (g * pu - reg * qi);
        Q[jo + f] = qj + lr * (-g * pu - reg * qj);
      }
    }
  }
  return {...ratingFallback(train), factors: K, nMovies: nM, userFactors: P, itemFactors: Q, itemBias: b, seen};
}

export const bprModel: Model<BprParams, BprState> = {
  name: "bpr",
  label: "BPR",
  description: "BPR pairwise ranking by SGD, 200 factors, 100 epochs (Cornac's settings)",
  task: "ranking",
  defaults: BPR_DEFAULTS,
  params: {
    factors: FACTORS,
    epochs: integerParam(1, 10000, "passes over the training pairs"),
    lr: numberParam(0, 1, "learning rate"),
    reg: numberParam(0, 10, "L2 regularisation"),
    seed: seedParam("the initialisation and the sampling")
  },
  fit: fitBpr,
  estimate: (s, user) => userMeanEstimate(s, user),
  scoreAll(s, user) {
    const out = Float32Array.from(s.itemBias);
    if (user < 0 || user >= s.userFactors.length / s.factors) return out;
    const K = s.factors,
      po = user * K;
    for (let m = 0; m < s.nMovies; m++) {
      let x = 0;
      for (let f = 0; f < K; f++) x += s.userFactors[po + f] * s.itemFactors[m * K + f];
      out[m] += x;
    }
    return out;
  }
};

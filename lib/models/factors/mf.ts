/**
 * Biased matrix factorisation by SGD (Funk SVD; Surprise's "SVD"):
 * r̂ = μ + b_u + b_i + p_u·q_i, with the update order of the C peer (../shared/peers/svd_sgd.c):
 * user factors then item factors drawn from N(0, 0.1); per epoch a seeded Fisher–Yates shuffle of
 * the rating order; per rating err, then both biases, then every factor from the old p_f and q_f.
 */
import {scoreEach, type Model, type TrainSet} from "../estimator.js";
import type {RatingScale} from "../../data/types.js";
import {createRng, type Rng} from "../../random.js";
import {mfSgdAvailable, mfSgdKernel} from "../../wasm/mf-sgd.js";
import {biasedFactorEstimate, globalMean, knownEstimate, knownRows, ratingMatrices} from "../shared.js";
import {numberParam, seedParam, FACTORS, SGD_EPOCHS, INIT_STD} from "../param-specs.js";

/** Hyperparameters of matrix factorisation by SGD (Surprise's SVD). */
export interface MfParams {
  /** Latent factors per user and movie, 1..1000 (default 100). */
  factors: number;
  /** Passes of SGD over the training ratings, 1..1000 (default 20). */
  epochs: number;
  /** Learning rate of biases and factors. */
  lr: number;
  /** L2 regularisation of biases and factors. */
  reg: number;
  /** Standard deviation of the normal initialisation of factors. */
  initStd: number;
  /** False fits p_u·q_i only (Surprise's biased=False). */
  biased: boolean;
  /** Seed of the factor initialisation and the SGD order: same seed, same factors. */
  seed: number;
}

export interface MfState {
  /** Latent factors per user and movie (1..1000). */
  factors: number;
  /** Global mean of the training ratings, in stars. */
  mean: number;
  /** Per-user bias b_u in stars, by dense user index. */
  userBias: Float32Array;
  /** Per-movie bias b_i in stars, by dense movie index. */
  itemBias: Float32Array;
  /** Row-major nUsers × factors. */
  userFactors: Float32Array;
  /** Row-major nMovies × factors. */
  itemFactors: Float32Array;
  /** 1 where the user had training ratings; an unknown user's prediction falls back to the biases it has. */
  knownUser: Uint8Array;
  /** 1 where the movie had training ratings. */
  knownMovie: Uint8Array;
  /** The rating scale predictions are clipped to. */
  scale: RatingScale;
}

export const MF_DEFAULTS: MfParams = {
  factors: 100,
  epochs: 20,
  lr: 0.005,
  reg: 0.02,
  initStd: 0.1,
  biased: true,
  seed: 42
};

/**
 * Fits biased MF by SGD; time O(epochs · ratings · factors), memory O((users + movies) · factors).
 * Runs the WebAssembly SIMD kernel when `useWasm` and the engine allow (mfSgdAvailable() says
 * which), else the JavaScript loop; the two differ by float rounding.
 */
export function fitMf(train: TrainSet, params: Partial<MfParams> = {}, useWasm = true): MfState {
  const p = {...MF_DEFAULTS, ...params};
  const K = p.factors;
  const rng = createRng(p.seed);
  // Factors start as N(0, initStd): all user factors first, then all item factors, as the C peer draws them.
  const P = new Float32Array(train.nUsers * K);
  const Q = new Float32Array(train.nMovies * K);
  for (let x = 0; x < P.length; x++) P[x] = p.initStd * rng.normal();
  for (let x = 0; x < Q.length; x++) Q[x] = p.initStd * rng.normal();
  const bu = new Float32Array(train.nUsers);
  const bi = new Float32Array(train.nMovies);
  const mu = p.biased ? globalMean(train) : 0;
  const fitted = useWasm && p.biased && K > 0 && sgdWasm(train, p, rng, mu, P, Q, bu, bi);
  if (!fitted) sgdJs(train, p, rng, mu, P, Q, bu, bi);
  const {byUser, byMovie} = ratingMatrices(train);
  return {
    factors: K,
    mean: mu,
    userBias: bu,
    itemBias: bi,
    userFactors: P,
    itemFactors: Q,
    knownUser: knownRows(byUser),
    knownMovie: knownRows(byMovie),
    scale: train.scale
  };
}

function sgdJs(
  train: TrainSet,
  p: MfParams,
  rng: Rng,
  mu: number,
  P: Float32Array,
  Q: Float32Array,
  bu: Float32Array,
  bi: Float32Array
): void {
  const K = p.factors;
  const {user, movie, rating} = train.ratings;
  const n = rating.length;
  const order = new Int32Array(n);
  for (let x = 0; x < n; x++) order[x] = x;
  const lr = p.lr,
    reg = p.reg,
    biased = p.biased;
  for (let e = 0; e < p.epochs; e++) {
    rng.shuffle(order);
    for (let z = 0; z < n; z++) {
      const k = order[z];
      const u = user[k],
        i = movie[k];
      const po = u * K,
        qo = i * K;
      let dot = 0;
      for (let f = 0; f < K; f++) dot += P[po + f] * Q[qo + f];
      const err = rating[k] - (mu + bu[u] + bi[i] + dot);
      if (biased) {
        bu[u] += lr * (err - reg * bu[u]);
        bi[i] += lr * (err - reg * bi[i]);
      }
      for (let f = 0; f < K; f++) {
        const pf = P[po + f],
          qf = Q[qo + f];
        P[po + f] = pf + lr * (err * qf - reg * pf);
        Q[qo + f] = qf + lr * (err * pf - reg * qf);
      }
    }
  }
}

/** The same epochs in the wasm kernel: factors padded to a multiple of 4 (pads stay 0), ratings copied in visit order each epoch. */
function sgdWasm(
  train: TrainSet,
  p: MfParams,
  rng: Rng,
  mu: number,
  P: Float32Array,
  Q: Float32Array,
  bu: Float32Array,
  bi: Float32Array
): boolean {
  if (!mfSgdAvailable()) return false;
  const K = p.factors,
    K4 = Math.ceil(K / 4) * 4;
  const {user, movie, rating} = train.ratings;
  const n = rating.length,
    nU = train.nUsers,
    nM = train.nMovies;
  const align = (x: number) => Math.ceil(x / 16) * 16;
  const oU = 0,
    oI = align(oU + 4 * n),
    oR = align(oI + 4 * n),
    oP = align(oR + 4 * n);
  const oQ = align(oP + 4 * nU * K4),
    oBu = align(oQ + 4 * nM * K4),
    oBi = align(oBu + 4 * nU),
    total = align(oBi + 4 * nM);
  const memory = new WebAssembly.Memory({initial: Math.ceil(total / 65536) + 1});
  const epoch = mfSgdKernel(memory);
  if (epoch === null) return false;
  const buf = memory.buffer;
  const vU = new Int32Array(buf, oU, n),
    vI = new Int32Array(buf, oI, n),
    vR = new Float32Array(buf, oR, n);
  const vP = new Float32Array(buf, oP, nU * K4),
    vQ = new Float32Array(buf, oQ, nM * K4);
  const vBu = new Float32Array(buf, oBu, nU),
    vBi = new Float32Array(buf, oBi, nM);
  for (let u = 0; u < nU; u++) vP.set(P.subarray(u * K, u * K + K), u * K4);
  for (let m = 0; m < nM; m++) vQ.set(Q.subarray(m * K, m * K + K), m * K4);
  const order = new Int32Array(n);
  for (let x = 0; x < n; x++) order[x] = x;
  for (let e = 0; e < p.epochs; e++) {
    rng.shuffle(order);
    for (let z = 0; z < n; z++) {
      const k = order[z];
      vU[z] = user[k];
      vI[z] = movie[k];
      vR[z] = rating[k];
    }
    epoch(oU, oI, oR, n, oP, oQ, oBu, oBi, K4 * 4, mu, p.lr, p.reg);
  }
  for (let u = 0; u < nU; u++) P.set(vP.subarray(u * K4, u * K4 + K), u * K);
  for (let m = 0; m < nM; m++) Q.set(vQ.subarray(m * K4, m * K4 + K), m * K);
  bu.set(vBu);
  bi.set(vBi);
  return true;
}

/** Unclipped μ + b_u + b_i + p_u·q_i, dropping the terms of an unknown user or movie. */
export function mfEstimate(s: MfState, user: number, movie: number): number {
  return biasedFactorEstimate(s, s.userFactors, user, movie);
}

export const mfModel: Model<MfParams, MfState> = {
  name: "mf",
  label: "biased MF",
  description: "biased MF by SGD, 100 factors, 20 epochs (Surprise SVD)",
  task: "rating",
  blendable: true,
  defaults: MF_DEFAULTS,
  params: {
    factors: FACTORS,
    epochs: SGD_EPOCHS,
    lr: numberParam(0, 1, "learning rate of biases and factors"),
    reg: numberParam(0, 10, "L2 regularisation of biases and factors"),
    initStd: INIT_STD,
    biased: {type: "boolean", description: "fit user and movie biases (false: p_u·q_i only)"},
    seed: seedParam("the initialisation and the rating order")
  },
  fit: (train, params) => fitMf(train, params),
  estimate: (s, user, movie) => knownEstimate(s, user, movie, mfEstimate(s, user, movie)),
  scoreAll: (s, user) => scoreEach(s.knownMovie.length, (m) => mfEstimate(s, user, m))
};

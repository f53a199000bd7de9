/**
 * SVD++ (Koren 2008; Surprise's SVDpp): r̂ = μ + b_u + b_i + q_i·(p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j),
 * N(u) = the movies u rated in training (implicit feedback: who rated what). SGD visits ratings
 * grouped by user, as Surprise does (its all_ratings() walks user by user); here the user order and
 * each user's ratings are shuffled per epoch with the seed.
 * Speed: Surprise updates every y_j of N(u) after each rating (O(|N(u)|·F) per rating). Within one
 * user's block every y_j receives the same decay (1 − lr·reg) and the same additive term, so
 * y_j = c^t·y_j⁰ + D exactly; the implicit sum is cached and updated in O(F) per rating, and the
 * y_j are written once at the end of the block. Same arithmetic as the naive loop, O(F) per rating.
 */
import {scoreEach, type Model, type TrainSet} from "../estimator.js";
import type {RatingScale} from "../../data/types.js";
import {createRng} from "../../random.js";
import {biasedFactorEstimate, globalMean, knownEstimate, knownRows, ratingMatrices} from "../shared.js";
import type {Csr} from "../../linalg/sparse.js";
import {numberParam, seedParam, FACTORS, SGD_EPOCHS, INIT_STD} from "../param-specs.js";

export interface SvdppParams {
  factors: number;
  epochs: number;
  lr: number;
  reg: number;
  /** Separate regularisation of the implicit factors y_j (defaults to reg as in Surprise). */
  regImplicit: number;
  initStd: number;
  seed: number;
}

export interface SvdppState {
  factors: number;
  mean: number;
  userBias: Float64Array;
  itemBias: Float64Array;
  /** p_u + |N(u)|^-½ Σ y_j, row-major nUsers × factors (the implicit part folded in after fitting). */
  userVectors: Float64Array;
  /** q_i, row-major nMovies × factors. */
  itemFactors: Float64Array;
  knownUser: Uint8Array;
  knownMovie: Uint8Array;
  scale: RatingScale;
}

export const SVDPP_DEFAULTS: SvdppParams = {
  factors: 20,
  epochs: 20,
  lr: 0.007,
  reg: 0.02,
  regImplicit: 0.02,
  initStd: 0.1,
  seed: 42
};

/** Fits SVD++ by SGD; O(epochs · (ratings + users) · factors). */
export function fitSvdpp(train: TrainSet, params: Partial<SvdppParams> = {}): SvdppState {
  const p = {...SVDPP_DEFAULTS, ...params};
  if (params.regImplicit === undefined) p.regImplicit = p.reg;
  const F = p.factors,
    lr = p.lr,
    reg = p.reg;
  const rng = createRng(p.seed);
  const {byUser, byMovie} = ratingMatrices(train);
  const nU = train.nUsers,
    nM = train.nMovies;
  const P = new Float64Array(nU * F),
    Q = new Float64Array(nM * F),
    Y = new Float64Array(nM * F);
  for (let x = 0; x < P.length; x++) P[x] = p.initStd * rng.normal();
  for (let x = 0; x < Q.length; x++) Q[x] = p.initStd * rng.normal();
  for (let x = 0; x < Y.length; x++) Y[x] = p.initStd * rng.normal();
  const bu = new Float64Array(nU),
    bi = new Float64Array(nM);
  const mu = globalMean(train);
  const users = new Int32Array(nU);
  for (let u = 0; u < nU; u++) users[u] = u;
  const z0 = new Float64Array(F),
    z = new Float64Array(F),
    D = new Float64Array(F);
  const c = 1 - lr * p.regImplicit;
  const perm = new Int32Array(byUser.nCols);
  for (let e = 0; e < p.epochs; e++) {
    rng.shuffle(users);
    for (let t = 0; t < nU; t++) {
      const u = users[t];
      const a = byUser.indptr[u],
        b = byUser.indptr[u + 1],
        n = b - a;
      if (n === 0) continue;
      const sq = 1 / Math.sqrt(n),
        rootN = Math.sqrt(n);
      z0.fill(0);
      for (let q = a; q < b; q++) {
        const yo = byUser.indices[q] * F;
        for (let f = 0; f < F; f++) z0[f] += Y[yo + f];
      }
      for (let f = 0; f < F; f++) z0[f] *= sq;
      D.fill(0);
      let cp = 1;
      for (let q = 0; q < n; q++) perm[q] = a + q;
      rng.shuffle(perm.subarray(0, n));
      const po = u * F;
      for (let s = 0; s < n; s++) {
        const q = perm[s];
        const i = byUser.indices[q],
          qo = i * F;
        let dot = 0;
        for (let f = 0; f < F; f++) {
          z[f] = cp * z0[f] + rootN * D[f];
          dot += Q[qo + f] * (P[po + f] + z[f]);
        }
        const err = byUser.values[q] - (mu + bu[u] + bi[i] + dot);
        bu[u] += lr * (err - reg * bu[u]);
        bi[i] += lr * (err - reg * bi[i]);
        const g = lr * err * sq;
        for (let f = 0; f < F; f++) {
          const pf = P[po + f],
            qf = Q[qo + f];
          P[po + f] = pf + lr * (err * qf - reg * pf);
          Q[qo + f] = qf + lr * (err * (pf + z[f]) - reg * qf);
          D[f] = c * D[f] + g * qf;
        }
        cp *= c;
      }
      for (let q = a; q < b; q++) {
        const yo = byUser.indices[q] * F;
        for (let f = 0; f < F; f++) Y[yo + f] = cp * Y[yo + f] + D[f];
      }
    }
  }
  return {
    factors: F,
    mean: mu,
    userBias: bu,
    itemBias: bi,
    userVectors: foldImplicit(P, Y, byUser, F),
    itemFactors: Q,
    knownUser: knownRows(byUser),
    knownMovie: knownRows(byMovie),
    scale: train.scale
  };
}

/** p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j for every user, so prediction is one dot product. */
function foldImplicit(P: Float64Array, Y: Float64Array, byUser: Csr, F: number): Float64Array {
  const out = Float64Array.from(P);
  for (let u = 0; u < byUser.nRows; u++) {
    const a = byUser.indptr[u],
      b = byUser.indptr[u + 1];
    if (b === a) continue;
    const sq = 1 / Math.sqrt(b - a);
    for (let q = a; q < b; q++) {
      const yo = byUser.indices[q] * F;
      for (let f = 0; f < F; f++) out[u * F + f] += sq * Y[yo + f];
    }
  }
  return out;
}

/** Unclipped estimate; terms of an unknown user or movie are left out. */
export function svdppEstimate(s: SvdppState, user: number, movie: number): number {
  return biasedFactorEstimate(s, s.userVectors, user, movie);
}

export const svdppModel: Model<SvdppParams, SvdppState> = {
  name: "svdpp",
  label: "SVD++",
  description: "SVD++ with implicit feedback, 20 factors (Surprise SVDpp)",
  task: "rating",
  blendable: true,
  defaults: SVDPP_DEFAULTS,
  params: {
    factors: FACTORS,
    epochs: SGD_EPOCHS,
    lr: numberParam(0, 1, "learning rate"),
    reg: numberParam(0, 10, "L2 regularisation of biases and explicit factors"),
    regImplicit: numberParam(0, 10, "L2 regularisation of the implicit factors y_j"),
    initStd: INIT_STD,
    seed: seedParam("the initialisation and the visiting order")
  },
  fit: fitSvdpp,
  estimate: (s, user, movie) => knownEstimate(s, user, movie, svdppEstimate(s, user, movie)),
  scoreAll: (s, user) => scoreEach(s.knownMovie.length, (m) => svdppEstimate(s, user, m))
};

/**
 * Bayesian probabilistic matrix factorisation by Gibbs sampling (Salakhutdinov & Mnih 2008):
 * ratings minus the global mean ~ N(u·v, 1/α); user and movie vectors have Gaussian priors whose
 * means and precisions have Normal–Wishart hyperpriors (μ0 = 0, β0 = 2, ν0 = D, W0 = I).
 * Each sweep samples both hyperpriors, then every user vector, then every movie vector, from
 * their conditionals. The prediction averages the (clipped) rating over the samples kept after
 * burn-in, so the state holds those samples (samples × (users + movies) × D floats).
 * Averaging over the posterior instead of one point estimate is what makes it hard to overfit.
 */
import {clip, type Model, type TrainSet} from "../estimator.js";
import type {RatingScale} from "../../data/types.js";
import {createRng, gammaSample, type Rng} from "../../random.js";
import {globalMean, isUnknown, knownEstimate, knownRows, ratingMatrices} from "../shared.js";
import type {Csr} from "../../linalg/sparse.js";
import {cholesky, solveLower, solveUpperT} from "../../linalg/cholesky.js";
import {withInnerSelection} from "../composite/inner-selection.js";
import {integerParam, numberParam, seedParam} from "../param-specs.js";

export interface BpmfParams {
  /** Latent dimensions D. */
  factors: number;
  /** Gibbs sweeps in total, of which the first `burnIn` are discarded. */
  sweeps: number;
  burnIn: number;
  /** Observation precision α (1/variance of the rating noise). */
  alpha: number;
  seed: number;
}

export interface BpmfState {
  factors: number;
  samples: number;
  mean: number;
  /** samples × nUsers × D, then samples × nMovies × D. */
  userSamples: Float32Array;
  itemSamples: Float32Array;
  nUsers: number;
  nMovies: number;
  knownUser: Uint8Array;
  knownMovie: Uint8Array;
  scale: RatingScale;
}

/** α = 2 is the paper's; sweeps and burn-in are fixed, not selected; the factor count is selected per fold (BPMF_CANDIDATES). */
export const BPMF_DEFAULTS: BpmfParams = {factors: 10, sweeps: 120, burnIn: 20, alpha: 2, seed: 42};

/** Factor counts the registered BPMF chooses between on an inner hold-out of each training part. */
export const BPMF_CANDIDATES: Array<Partial<BpmfParams>> = [{factors: 5}, {factors: 10}, {factors: 20}];

/** Inverse of a small SPD matrix via its Cholesky factor. */
function invertSmall(a: Float64Array, d: number): Float64Array {
  const l = Float64Array.from(a);
  cholesky(l, d, "bpmf: precision matrix");
  const out = new Float64Array(d * d),
    e = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    e.fill(0);
    e[c] = 1;
    solveLower(l, d, e);
    solveUpperT(l, d, e);
    for (let r = 0; r < d; r++) out[r * d + c] = e[r];
  }
  return out;
}

/** Wishart(scale W, ν) sample by the Bartlett decomposition: L A Aᵀ Lᵀ with W = L Lᵀ. */
function wishart(rng: Rng, w: Float64Array, d: number, nu: number): Float64Array {
  const l = Float64Array.from(w);
  cholesky(l, d, "bpmf: precision matrix");
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    a[i * d + i] = Math.sqrt(2 * gammaSample(rng, (nu - i) / 2));
    for (let j = 0; j < i; j++) a[i * d + j] = rng.normal();
  }
  const la = new Float64Array(d * d); // L·A (lower)
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = j; k <= i; k++) s += l[i * d + k] * a[k * d + j];
      la[i * d + j] = s;
    }
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += la[i * d + k] * la[j * d + k];
      out[i * d + j] = s;
      out[j * d + i] = s;
    }
  return out;
}

/** Samples (μ, Λ) of the Normal–Wishart posterior given the rows of x (n × d). */
function sampleHyper(rng: Rng, x: Float64Array, n: number, d: number): {mu: Float64Array; lambda: Float64Array} {
  const beta0 = 2,
    nu0 = d;
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let f = 0; f < d; f++) mean[f] += x[r * d + f];
  for (let f = 0; f < d; f++) mean[f] /= n;
  const winv = new Float64Array(d * d); // W0⁻¹ = I, plus n·S, plus the shrinkage of the mean towards μ0 = 0
  for (let f = 0; f < d; f++) winv[f * d + f] = 1;
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < d; i++) {
      const di = x[r * d + i] - mean[i];
      for (let j = 0; j < d; j++) winv[i * d + j] += di * (x[r * d + j] - mean[j]);
    }
  }
  const shrink = (beta0 * n) / (beta0 + n);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) winv[i * d + j] += shrink * mean[i] * mean[j];
  const lambda = wishart(rng, invertSmall(winv, d), d, nu0 + n);
  // μ ~ N(n·x̄/(β0 + n), ((β0 + n)Λ)⁻¹): mean + L⁻ᵀ z / √(β0 + n) with Λ = L Lᵀ
  const l = Float64Array.from(lambda);
  cholesky(l, d, "bpmf: precision matrix");
  const z = new Float64Array(d);
  for (let f = 0; f < d; f++) z[f] = rng.normal() / Math.sqrt(beta0 + n);
  solveUpperT(l, d, z);
  const mu = new Float64Array(d);
  for (let f = 0; f < d; f++) mu[f] = (n * mean[f]) / (beta0 + n) + z[f];
  return {mu, lambda};
}

/** Samples every row vector of `target` given the other side's vectors and the rows' ratings (centred). */
function sampleSide(
  rng: Rng,
  m: Csr,
  target: Float64Array,
  other: Float64Array,
  d: number,
  mean: number,
  alpha: number,
  hyper: {mu: Float64Array; lambda: Float64Array}
): void {
  const prec = new Float64Array(d * d),
    rhs = new Float64Array(d),
    z = new Float64Array(d);
  const lmu = new Float64Array(d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) lmu[i] += hyper.lambda[i * d + j] * hyper.mu[j];
  for (let r = 0; r < m.nRows; r++) {
    prec.set(hyper.lambda);
    rhs.set(lmu);
    for (let q = m.indptr[r]; q < m.indptr[r + 1]; q++) {
      const o = m.indices[q] * d,
        y = m.values[q] - mean;
      for (let i = 0; i < d; i++) {
        const vi = other[o + i];
        rhs[i] += alpha * y * vi;
        for (let j = 0; j <= i; j++) prec[i * d + j] += alpha * vi * other[o + j];
      }
    }
    cholesky(prec, d, "bpmf: precision matrix");
    // mean = Λ*⁻¹ rhs; sample = mean + L⁻ᵀ z
    solveLower(prec, d, rhs);
    for (let f = 0; f < d; f++) z[f] = rng.normal();
    for (let f = 0; f < d; f++) rhs[f] += z[f];
    solveUpperT(prec, d, rhs);
    target.set(rhs, r * d);
  }
}

/** Runs the Gibbs sampler and keeps the post-burn-in samples. */
export function fitBpmf(train: TrainSet, params: Partial<BpmfParams> = {}): BpmfState {
  const p = {...BPMF_DEFAULTS, ...params};
  if (!(p.sweeps > p.burnIn && p.burnIn >= 0))
    throw new RangeError(`bpmf: sweeps ${p.sweeps}, burnIn ${p.burnIn}; expected sweeps > burnIn ≥ 0`);
  const d = p.factors,
    nU = train.nUsers,
    nM = train.nMovies;
  const rng = createRng(p.seed);
  const {byUser, byMovie} = ratingMatrices(train);
  const mean = globalMean(train);
  const U = new Float64Array(nU * d),
    V = new Float64Array(nM * d);
  for (let x = 0; x < U.length; x++) U[x] = 0.1 * rng.normal();
  for (let x = 0; x < V.length; x++) V[x] = 0.1 * rng.normal();
  const kept = p.sweeps - p.burnIn;
  const userSamples = new Float32Array(kept * nU * d),
    itemSamples = new Float32Array(kept * nM * d);
  for (let s = 0; s < p.sweeps; s++) {
    const hv = sampleHyper(rng, V, nM, d),
      hu = sampleHyper(rng, U, nU, d);
    sampleSide(rng, byUser, U, V, d, mean, p.alpha, hu);
    sampleSide(rng, byMovie, V, U, d, mean, p.alpha, hv);
    if (s >= p.burnIn) {
      userSamples.set(U, (s - p.burnIn) * nU * d);
      itemSamples.set(V, (s - p.burnIn) * nM * d);
    }
  }
  return {
    factors: d,
    samples: kept,
    mean,
    userSamples,
    itemSamples,
    nUsers: nU,
    nMovies: nM,
    knownUser: knownRows(byUser),
    knownMovie: knownRows(byMovie),
    scale: train.scale
  };
}

/** Posterior-mean rating of (user, movie): the average over samples of the clipped μ + u·v. */
export function bpmfEstimate(s: BpmfState, user: number, movie: number): number {
  if (isUnknown(s.knownUser, s.knownMovie, user, movie)) return clip(s.mean, s.scale);
  const d = s.factors;
  let acc = 0;
  for (let k = 0; k < s.samples; k++) {
    const uo = (k * s.nUsers + user) * d,
      vo = (k * s.nMovies + movie) * d;
    let x = s.mean;
    for (let f = 0; f < d; f++) x += s.userSamples[uo + f] * s.itemSamples[vo + f];
    acc += clip(x, s.scale);
  }
  return acc / s.samples;
}

export const bpmfModel: Model<BpmfParams, BpmfState> = {
  name: "bpmf",
  label: "BPMF",
  description: "Bayesian MF by Gibbs sampling (α = 2, posterior mean of 100 samples)",
  task: "rating",
  blendable: true,
  defaults: BPMF_DEFAULTS,
  params: {
    factors: integerParam(1, 500, "latent dimensions D"),
    sweeps: integerParam(1, 10000, "Gibbs sweeps in total"),
    burnIn: integerParam(0, 10000, "first sweeps discarded (fewer than sweeps)"),
    alpha: numberParam(0, 1000, "observation precision α (1/variance of the rating noise)"),
    seed: seedParam("the sampler")
  },
  fit: fitBpmf,
  // The estimate is already an average of clipped values, so predict's clip leaves it as it is.
  estimate: (s, user, movie) => knownEstimate(s, user, movie, bpmfEstimate(s, user, movie)),
  scoreAll(s, user) {
    const out = new Float32Array(s.nMovies);
    for (let m = 0; m < out.length; m++) out[m] = bpmfEstimate(s, user, m);
    return out;
  }
};

/** BPMF with its factor count selected on a seeded 20% inner hold-out of the training part (nested in each outer fold). */
export const bpmfSelectedModel = withInnerSelection(
  bpmfModel,
  BPMF_CANDIDATES,
  "Bayesian MF by Gibbs sampling (α = 2, posterior mean of 100 samples); factors 5/10/20 chosen on an inner hold-out of training"
);

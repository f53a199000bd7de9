/**
 * The seed's "SVD": scikit-learn's TruncatedSVD(n_components = 50) of the user–movie matrix with
 * missing ratings filled with 0, predictions read from inverse_transform(transform(X)) = U Σ Vᵀ.
 * Kept as a lesson: unrated cells count as ratings of 0, so reconstructed values sit near 0 (clipped
 * to the scale's minimum) for most movies. `svd-centred` fills with each user's mean instead.
 */
import {scoreEach, type Model, type TrainSet} from "../estimator.js";
import type {RatingScale} from "../../data/types.js";
import {buildCsr} from "../../linalg/sparse.js";
import {globalMean, knownEstimate, knownRows, ratingMatrices} from "../shared.js";
import {truncatedSvd} from "../../linalg/truncated-svd.js";
import {integerParam, seedParam} from "../param-specs.js";

export interface SvdSeedParams {
  /** Number of singular components (the seed uses 50). */
  components: number;
  /** Power iterations of the randomized SVD (scikit-learn's default 5). */
  powerIterations: number;
  seed: number;
}

export interface SvdSeedState {
  components: number;
  /** Per-user offset added back to the reconstruction: 0 for the seed, the user's mean when centred. */
  userOffset: Float64Array;
  /** Global mean, used for unknown users. */
  mean: number;
  /** Row-major nUsers × k, U·Σ. */
  userFactors: Float32Array;
  /** Row-major nMovies × k, V. */
  itemFactors: Float32Array;
  knownUser: Uint8Array;
  knownMovie: Uint8Array;
  scale: RatingScale;
}

export const SVD_SEED_DEFAULTS: SvdSeedParams = {components: 50, powerIterations: 5, seed: 42};

/** Fits the truncated SVD of the zero-filled matrix (centred = false) or of the user-mean-centred matrix. */
export function fitTruncatedSvdModel(train: TrainSet, params: Partial<SvdSeedParams>, centred: boolean): SvdSeedState {
  const p = {...SVD_SEED_DEFAULTS, ...params};
  const {byUser, byMovie} = ratingMatrices(train);
  const offset = new Float64Array(train.nUsers);
  if (centred) {
    for (let u = 0; u < train.nUsers; u++) {
      const a = byUser.indptr[u],
        b = byUser.indptr[u + 1];
      let s = 0;
      for (let q = a; q < b; q++) s += byUser.values[q];
      offset[u] = b > a ? s / (b - a) : 0;
    }
  }
  const values = new Float32Array(train.ratings.rating.length);
  for (let r = 0; r < values.length; r++) values[r] = train.ratings.rating[r] - offset[train.ratings.user[r]];
  const m = buildCsr(train.ratings.user, train.ratings.movie, values, train.nUsers, train.nMovies);
  const k = Math.min(p.components, train.nUsers, train.nMovies);
  const svd = truncatedSvd(m, k, p.seed, p.powerIterations);
  const userFactors = new Float32Array(train.nUsers * k);
  for (let u = 0; u < train.nUsers; u++)
    for (let f = 0; f < k; f++) userFactors[u * k + f] = svd.u[u * k + f] * svd.sigma[f];
  return {
    components: k,
    userOffset: offset,
    mean: globalMean(train),
    userFactors,
    itemFactors: Float32Array.from(svd.v),
    knownUser: knownRows(byUser),
    knownMovie: knownRows(byMovie),
    scale: train.scale
  };
}

/** The reconstructed matrix cell (U Σ Vᵀ)[user, movie] plus the user's offset, unclipped (NaN-free; global mean for unknown users). */
export function reconstruct(s: SvdSeedState, user: number, movie: number): number {
  if (!(user >= 0 && user < s.userOffset.length && s.knownUser[user])) return s.mean;
  if (!(movie >= 0 && movie < s.knownMovie.length)) return s.userOffset[user];
  const k = s.components;
  let x = s.userOffset[user];
  for (let f = 0; f < k; f++) x += s.userFactors[user * k + f] * s.itemFactors[movie * k + f];
  return x;
}

/** The zero-filled (centred = false) or user-mean-centred truncated-SVD model. */
export function svdModel(name: string, centred: boolean, description: string): Model<SvdSeedParams, SvdSeedState> {
  return {
    name,
    label: centred ? "centred SVD" : "seed SVD (zero-filled)",
    description,
    task: "rating",
    blendable: centred,
    defaults: SVD_SEED_DEFAULTS,
    params: {
      components: integerParam(1, 1000, "number of singular components (the seed uses 50)"),
      powerIterations: integerParam(0, 50, "power iterations of the randomized SVD"),
      seed: seedParam("the random projection")
    },
    fit: (train, params = {}) => fitTruncatedSvdModel(train, params, centred),
    estimate: (s, user, movie) => knownEstimate(s, user, movie, reconstruct(s, user, movie)),
    scoreAll: (s, user) => scoreEach(s.knownMovie.length, (m) => reconstruct(s, user, m))
  };
}

export const svdSeedModel = svdModel("svd-seed", false, "the seed's truncated SVD (k = 50) of the zero-filled matrix");

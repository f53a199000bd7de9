/**
 * Slope One (Lemire & Maclachlan 2005), as Surprise's SlopeOne: r̂_ui = μ_u + mean over the movies j the
 * user rated that share raters with i of dev(i, j), the mean of r_vi − r_vj over users v who rated both.
 * Without co-rated movies the estimate is the user's mean; an unknown user or movie falls back to the
 * global mean (Surprise's default prediction). The deviations are a dense movies × movies matrix, as in
 * Surprise, so the model refuses catalogues above MAX_MOVIES rather than exhaust memory.
 */
import {scoreEach, type Model} from "../estimator.js";
import type {RatingScale} from "../../data/types.js";
import {globalMean, isUnknown, knownRows, ratingMatrices} from "../shared.js";
import {integerParam} from "../param-specs.js";

/** Largest catalogue fitted: 6,000² cells of f64 deviations and i32 counts take 432 MB. */
export const MAX_MOVIES = 6000;

export interface SlopeOneParams {
  /** Fewest common raters for a pair of movies to count (1 = Surprise). */
  minSupport: number;
}

export interface SlopeOneState {
  nMovies: number;
  mean: number;
  /** Each user's mean training rating (0 for users without ratings). */
  userMean: Float64Array;
  /** The movies each user rated, as CSR rows (indptr over users, movie indices). */
  userPtr: Int32Array;
  userMovies: Int32Array;
  /** Row-major nMovies × nMovies: mean of r_i − r_j over common raters, and their number. */
  dev: Float64Array;
  support: Int32Array;
  minSupport: number;
  knownUser: Uint8Array;
  knownMovie: Uint8Array;
  scale: RatingScale;
}

export const SLOPE_ONE_DEFAULTS: SlopeOneParams = {minSupport: 1};

/** Slope One with Surprise's defaults; rating task, a blend candidate. */
export const slopeOneModel: Model<SlopeOneParams, SlopeOneState> = {
  name: "slope-one",
  label: "Slope One",
  description: "user mean plus the mean rating difference to the user's other movies (Surprise SlopeOne)",
  task: "rating",
  defaults: SLOPE_ONE_DEFAULTS,
  params: {
    minSupport: integerParam(1, 1000, "fewest users who rated both movies for their difference to count")
  },
  blendable: true,
  fit(train, params) {
    const {minSupport} = {...SLOPE_ONE_DEFAULTS, ...params};
    if (!Number.isInteger(minSupport) || minSupport < 1)
      throw new RangeError(`slope-one: minSupport ${minSupport}; expected an integer ≥ 1`);
    const n = train.nMovies;
    if (n > MAX_MOVIES) {
      throw new RangeError(
        `slope-one: ${n} movies need a ${n} × ${n} deviation matrix; expected at most ${MAX_MOVIES} movies (filter the catalogue first)`
      );
    }
    const {byUser, byMovie} = ratingMatrices(train);
    const dev = new Float64Array(n * n);
    const support = new Int32Array(n * n);
    const userMean = new Float64Array(byUser.nRows);
    for (let u = 0; u < byUser.nRows; u++) {
      const a = byUser.indptr[u],
        b = byUser.indptr[u + 1];
      let sum = 0;
      for (let p = a; p < b; p++) {
        const i = byUser.indices[p],
          ri = byUser.values[p];
        sum += ri;
        const row = i * n;
        for (let q = a; q < b; q++) {
          dev[row + byUser.indices[q]] += ri - byUser.values[q];
          support[row + byUser.indices[q]]++;
        }
      }
      if (b > a) userMean[u] = sum / (b - a);
    }
    for (let c = 0; c < dev.length; c++) if (support[c] > 0) dev[c] /= support[c];
    return {
      nMovies: n,
      mean: globalMean(train),
      userMean,
      userPtr: byUser.indptr,
      userMovies: byUser.indices,
      dev,
      support,
      minSupport,
      knownUser: knownRows(byUser),
      knownMovie: knownRows(byMovie),
      scale: train.scale
    };
  },
  estimate(s, user, movie) {
    if (isUnknown(s.knownUser, s.knownMovie, user, movie)) return {value: s.mean, fallback: true};
    return {value: slopeOneValue(s, user, movie), fallback: false};
  },
  scoreAll(s, user) {
    const known = user >= 0 && user < s.knownUser.length && s.knownUser[user] === 1;
    return scoreEach(s.nMovies, (m) => (known && s.knownMovie[m] === 1 ? slopeOneValue(s, user, m) : s.mean));
  }
};

/** μ_u + the mean deviation of `movie` from the user's movies with enough common raters (unclipped). */
function slopeOneValue(s: SlopeOneState, user: number, movie: number): number {
  const row = movie * s.nMovies;
  let sum = 0,
    count = 0;
  for (let p = s.userPtr[user]; p < s.userPtr[user + 1]; p++) {
    const c = row + s.userMovies[p];
    if (s.support[c] >= s.minSupport) {
      sum += s.dev[c];
      count++;
    }
  }
  return count > 0 ? s.userMean[user] + sum / count : s.userMean[user];
}

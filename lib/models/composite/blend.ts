/**
 * Linear stacking of rating models. The training part is split (seeded) into an inner-train part
 * and a held-out part; each member is fitted on inner-train and predicts the held-out ratings;
 * least squares (with intercept, small ridge) on those predictions gives the weights. With
 * `supportWeighted` (default) it is feature-weighted linear stacking (Sill et al. 2009): each
 * member's weight is linear in s_u = ln(1 + n_u)/6 and s_m = ln(1 + n_m)/6 (the user's and movie's
 * training counts), since neighbour models and factor models are not equally reliable for users
 * and movies with few ratings.
 * A member with `candidates` has its hyperparameters selected on the same held-out part first:
 * every candidate is fitted on inner-train and the one with the lowest held-out RMSE becomes the
 * member (its held-out predictions are the ones the weights are fitted on). Reusing the split costs
 * no extra fits and keeps inner-train as large as it is; the selection only makes the held-out
 * member errors slightly optimistic, which touches the keep-or-fall-back decision, never the test part.
 * Members are then refitted with their chosen parameters on the whole training part. The blend is
 * kept only when its cross-fitted RMSE on the held-out part (weights fitted on one half, scored on
 * the other, both ways) beats every member; otherwise it is exactly the best member alone.
 * Nothing of the test part is ever seen.
 */
import {clip, predict, type AnyModel, type Estimate, type Model, type TrainSet} from "../estimator.js";
import type {RatingScale} from "../../data/types.js";
import {bestIndexOf, innerHoldout, scoreCandidates, type CandidateScore} from "./inner-selection.js";
import {numberParam, seedParam} from "../param-specs.js";
import {sharedFit} from "../fit-cache.js";

/**
 * The model a member name stands for: a registered rating model that declares itself blendable
 * (lib/models/registry.ts passes its own lookup, so the registry stays the only list of models).
 */
export type MemberLookup = (name: string) => AnyModel;

export interface BlendMember {
  /** Registry name of a blendable rating model. */
  model: string;
  params?: Record<string, unknown>;
  /** Parameter sets (each merged over params) to select between on the held-out part; absent = params as given. */
  candidates?: Record<string, unknown>[];
}

/** How one member's parameters were chosen: each candidate's held-out RMSE and the winner's index. */
export interface MemberSelection {
  scores: CandidateScore[];
  bestIndex: number;
}

export interface BlendParams {
  members: BlendMember[];
  /** Share of the training ratings held out to fit the weights (0..1). */
  holdout: number;
  /** Ridge penalty on the weights (not the intercept), in units of held-out ratings. */
  ridge: number;
  /** Weights linear in the user's and movie's log support (feature-weighted stacking). */
  supportWeighted: boolean;
  seed: number;
}

export interface BlendState {
  /** The members with their chosen parameters (no candidates left). */
  members: BlendMember[];
  /** Per member, its candidates' held-out scores (one candidate for members without a grid). */
  selection: MemberSelection[];
  states: unknown[];
  supportWeighted: boolean;
  /** Intercept and the weights of the stacking features (see blendFeatures). */
  intercept: number;
  weights: Float64Array;
  /** Training rating count of each user and movie (for the support features). */
  userCount: Float32Array;
  movieCount: Float32Array;
  /** True when the blend beat every member on the held-out part; false means the best member alone. */
  kept: boolean;
  /** Held-out RMSE of each member (fitted on inner-train) and of the cross-fitted blend. */
  holdoutRmse: {members: number[]; blend: number};
  nMovies: number;
  scale: RatingScale;
}

/** Neighbourhood sizes and shrinkage for the mean-centred Pearson kNN members (Surprise's k = 40 and shrinkage 100 among them). */
const KNN_GRID = [
  {k: 20, shrinkage: 0},
  {k: 40, shrinkage: 0},
  {k: 60, shrinkage: 0},
  {k: 20, shrinkage: 100},
  {k: 40, shrinkage: 100},
  {k: 60, shrinkage: 100}
];
/** Regularisation × epochs for the MF members beyond Surprise's defaults (lr stays Surprise's 0.005). */
const MF_GRID = [0.02, 0.05, 0.1].flatMap((reg) => [20, 60].map((epochs) => ({reg, epochs})));

/**
 * Members: library defaults as published (Surprise's BaselineOnly, KNNBaseline, SVD), and families
 * whose parameters are selected per training part on the held-out share (none was picked on test ratings).
 */
export const BLEND_DEFAULTS: BlendParams = {
  members: [
    {model: "baseline"},
    {model: "item-knn"},
    {model: "user-knn"},
    {model: "item-knn", params: {variant: "means", similarity: "pearson"}, candidates: KNN_GRID},
    {model: "user-knn", params: {variant: "means", similarity: "pearson"}, candidates: KNN_GRID},
    {model: "mf"},
    {model: "mf", params: {factors: 50}, candidates: MF_GRID},
    {model: "mf", params: {factors: 100}, candidates: MF_GRID},
    {model: "mf", params: {factors: 200}, candidates: MF_GRID},
    {model: "svdpp", candidates: [{}, {epochs: 40, lr: 0.005, reg: 0.05}, {epochs: 40, lr: 0.005, reg: 0.1}]},
    {model: "svd-centred", candidates: [{components: 10}, {components: 20}, {components: 50}]},
    {model: "bpmf", candidates: [{factors: 5}, {factors: 10}, {factors: 20}]}
  ],
  holdout: 0.2,
  ridge: 1e-4,
  supportWeighted: true,
  seed: 42
};

/** Rating counts per user and per movie of a training set. */
function supportCounts(t: TrainSet): {users: Float32Array; movies: Float32Array} {
  const users = new Float32Array(t.nUsers),
    movies = new Float32Array(t.nMovies);
  for (let k = 0; k < t.ratings.user.length; k++) {
    users[t.ratings.user[k]]++;
    movies[t.ratings.movie[k]]++;
  }
  return {users, movies};
}

/**
 * Stacking features of one (user, movie) into out: per member its prediction p (and, support-weighted,
 * p·s_u and p·s_m), then s_u and s_m. Returns the feature count.
 */
export function blendFeatures(
  preds: ArrayLike<number>,
  nUserRatings: number,
  nMovieRatings: number,
  supportWeighted: boolean,
  out: Float64Array,
  offset = 0
): number {
  let j = offset;
  const su = Math.log1p(nUserRatings) / 6,
    sm = Math.log1p(nMovieRatings) / 6;
  for (let i = 0; i < preds.length; i++) {
    out[j++] = preds[i];
    if (supportWeighted) {
      out[j++] = preds[i] * su;
      out[j++] = preds[i] * sm;
    }
  }
  if (supportWeighted) {
    out[j++] = su;
    out[j++] = sm;
  }
  return j - offset;
}

/** Least squares y ≈ b0 + X w over rows `rows` (X row-major n×m), ridge on w; returns [b0, w…]. */
export function fitLinear(
  x: Float64Array,
  y: ArrayLike<number>,
  m: number,
  rows: Int32Array,
  ridge: number
): Float64Array {
  const d = m + 1;
  const a = new Float64Array(d * d),
    rhs = new Float64Array(d);
  const v = new Float64Array(d);
  for (const r of rows) {
    v[0] = 1;
    for (let j = 0; j < m; j++) v[j + 1] = x[r * m + j];
    for (let i = 0; i < d; i++) {
      rhs[i] += v[i] * y[r];
      for (let j = 0; j < d; j++) a[i * d + j] += v[i] * v[j];
    }
  }
  for (let i = 1; i < d; i++) a[i * d + i] += ridge * rows.length;
  // Gaussian elimination with partial pivoting (d is tiny).
  const sol = Float64Array.from(rhs);
  for (let c = 0; c < d; c++) {
    let piv = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r * d + c]) > Math.abs(a[piv * d + c])) piv = r;
    if (piv !== c) {
      for (let j = 0; j < d; j++) [a[c * d + j], a[piv * d + j]] = [a[piv * d + j], a[c * d + j]];
      [sol[c], sol[piv]] = [sol[piv], sol[c]];
    }
    const p = a[c * d + c];
    if (Math.abs(p) < 1e-12)
      throw new RangeError("blend: singular system for the weights; expected members with distinct predictions");
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = a[r * d + c] / p;
      if (f === 0) continue;
      for (let j = c; j < d; j++) a[r * d + j] -= f * a[c * d + j];
      sol[r] -= f * sol[c];
    }
  }
  for (let c = 0; c < d; c++) sol[c] /= a[c * d + c];
  return sol;
}

function rmseOf(pred: (r: number) => number, y: ArrayLike<number>, rows: Int32Array): number {
  let s = 0;
  for (const r of rows) s += (pred(r) - y[r]) ** 2;
  return Math.sqrt(s / rows.length);
}

/** Fits members on inner-train, weights on the held-out part, then members again on all of train. */
export function fitBlend(train: TrainSet, params: Partial<BlendParams>, member: MemberLookup): BlendState {
  const p = {...BLEND_DEFAULTS, ...params};
  if (p.members.length === 0) throw new RangeError("blend: no members; expected at least one rating model");
  const models = p.members.map((mem) => member(mem.model));
  const split = innerHoldout(train, p.holdout, p.seed);
  const {inner, hold} = split;
  const nHold = hold.rating.length;
  const nm = p.members.length;
  const preds = new Float64Array(nHold * nm);
  const selection: MemberSelection[] = [];
  const chosen: BlendMember[] = p.members.map((mem, j) => {
    const candidates = mem.candidates?.map((c) => ({...mem.params, ...c})) ?? [mem.params ?? {}];
    const held: Float64Array[] = [];
    // The blend only repeats fits others make (BPMF's selection): it reads the scope's kept fits, keeps none.
    const scores = scoreCandidates(models[j], split, candidates, (i, pr) => (held[i] = pr), false);
    const bestIndex = bestIndexOf(scores);
    selection.push({scores, bestIndex});
    for (let r = 0; r < nHold; r++) preds[r * nm + j] = held[bestIndex][r];
    return {model: mem.model, params: candidates[bestIndex]};
  });
  const innerCounts = supportCounts(inner);
  const m = nm * (p.supportWeighted ? 3 : 1) + (p.supportWeighted ? 2 : 0);
  const x = new Float64Array(nHold * m);
  for (let r = 0; r < nHold; r++) {
    blendFeatures(
      preds.subarray(r * nm, r * nm + nm),
      innerCounts.users[hold.user[r]],
      innerCounts.movies[hold.movie[r]],
      p.supportWeighted,
      x,
      r * m
    );
  }
  const all = Int32Array.from({length: nHold}, (_, i) => i);
  const memberRmse = selection.map((sel) => sel.scores[sel.bestIndex].rmse);
  // Cross-fitted blend error: weights from one half scored on the other, both ways.
  const half = Math.floor(nHold / 2);
  const a = all.slice(0, half),
    b = all.slice(half);
  const blendPred = (w: Float64Array) => (r: number) => {
    let v = w[0];
    for (let j = 0; j < m; j++) v += w[j + 1] * x[r * m + j];
    return clip(v, train.scale);
  };
  const wa = fitLinear(x, hold.rating, m, a, p.ridge),
    wb = fitLinear(x, hold.rating, m, b, p.ridge);
  const ea = rmseOf(blendPred(wb), hold.rating, a),
    eb = rmseOf(blendPred(wa), hold.rating, b);
  const blendRmse = Math.sqrt((ea * ea * a.length + eb * eb * b.length) / nHold);
  const kept = memberRmse.every((e) => blendRmse < e);
  let intercept = 0;
  let weights = new Float64Array(m);
  // Without the blend, the best member alone: weight 1 on its plain-prediction feature.
  const best = memberRmse.indexOf(Math.min(...memberRmse));
  if (kept) {
    const w = fitLinear(x, hold.rating, m, all, p.ridge);
    intercept = w[0];
    weights = w.slice(1);
  } else {
    weights[best * (p.supportWeighted ? 3 : 1)] = 1;
  }
  const counts = supportCounts(train);
  const states = chosen.map((mem, j) => (kept || j === best ? sharedFit(models[j], train, mem.params, false) : null));
  return {
    members: chosen,
    selection,
    states,
    supportWeighted: p.supportWeighted,
    intercept,
    weights,
    userCount: counts.users,
    movieCount: counts.movies,
    kept,
    holdoutRmse: {members: memberRmse, blend: blendRmse},
    nMovies: train.nMovies,
    scale: train.scale
  };
}
/** The blend's estimate before clipping; a fallback when any member fell back. */
function blendEstimate(s: BlendState, models: readonly AnyModel[], user: number, movie: number): Estimate {
  const nm = s.members.length;
  const preds = new Float64Array(nm);
  let fallback = false;
  s.members.forEach((_, j) => {
    if (s.states[j] === null) return;
    const pr = predict(models[j], s.states[j] as {scale: RatingScale}, user, movie);
    preds[j] = pr.rating;
    fallback ||= pr.fallback;
  });
  const nu = user >= 0 && user < s.userCount.length ? s.userCount[user] : 0;
  const nmv = movie >= 0 && movie < s.movieCount.length ? s.movieCount[movie] : 0;
  const x = new Float64Array(s.weights.length);
  blendFeatures(preds, nu, nmv, s.supportWeighted, x);
  let v = s.intercept;
  for (let j = 0; j < x.length; j++) v += s.weights[j] * x[j];
  return {value: v, fallback};
}

/** The blend model over the members that `member` resolves (the registry's blendable models). */
export function createBlendModel(member: MemberLookup, description: string): Model<BlendParams, BlendState> {
  const membersOf = (s: BlendState) => s.members.map((mem) => member(mem.model));
  return {
    name: "blend",
    label: "blend",
    description,
    task: "rating",
    slow: true,
    defaults: BLEND_DEFAULTS,
    params: {
      members: {type: "json", description: "members [{model, params?, candidates?}], each a blendable rating model"},
      holdout: numberParam(0, 1, "share of the training ratings held out to fit the weights"),
      ridge: numberParam(0, 1, "ridge penalty on the weights, in units of held-out ratings"),
      supportWeighted: {
        type: "boolean",
        description: "weights linear in the user's and movie's log support (feature-weighted stacking)"
      },
      seed: seedParam("the inner split")
    },
    fit: (train, params = {}) => fitBlend(train, params, member),
    estimate: (s, user, movie) => blendEstimate(s, membersOf(s), user, movie),
    scoreAll(s, user) {
      const models = membersOf(s);
      const out = new Float32Array(s.nMovies);
      for (let mv = 0; mv < out.length; mv++) out[mv] = clip(blendEstimate(s, models, user, mv).value, s.scale);
      return out;
    }
  };
}

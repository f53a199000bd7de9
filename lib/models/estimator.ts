/**
 * The one interface every predictor shares, the gradient-boosted classifier included (after Surprise's
 * AlgoBase and scikit-learn's estimators): `fit` is a pure function of the training part that returns
 * plain, serialisable state (numbers, strings, typed arrays); prediction reads only that state.
 * A model declares what it does (its task, optional class probabilities and explanations, whether a
 * blend may use it) and its parameters with defaults, ranges and a one-line description, so that the
 * CLI's help, the pages' inputs and the Lab are generated from the model itself.
 * Clipping to the scale and the unknown-user/movie fallback flag are applied once, in `predict` below.
 * Users and movies are dense indices (see lib/data/encode.ts).
 */
import type {Dataset, RatingScale, Ratings} from "../data/types.js";
import type {Csr} from "../linalg/sparse.js";

/** What a model is fitted on: the training ratings only, with the index ranges and the scale. */
export interface TrainSet {
  /** The training ratings, users and movies as dense indices. */
  ratings: Ratings;
  /** Users are 0..nUsers-1, movies 0..nMovies-1 (dense indices of the whole data set). */
  nUsers: number;
  /** Number of movies in the whole data set (movie indices are 0..nMovies-1). */
  nMovies: number;
  /** The data set's rating scale. */
  scale: RatingScale;
  /**
   * The data set these ratings were taken from and the row of each rating in it (aligned with
   * `ratings`), for models that read more than the rating triples (the classifier's movie and user
   * features). Absent for rating sets built by hand.
   */
  source?: {
    /** The whole data set, with its movie and user tables. */
    dataset: Dataset;
    /** Row in `dataset.ratings` of each training rating. */
    rows: Int32Array;
  };
}

/** A predicted rating on the data set's scale (clipped to min..max). */
export interface Prediction {
  /** The rating, min..max of the scale. */
  rating: number;
  /** True when the user or movie had no training data and the model fell back (e.g. to a mean). */
  fallback: boolean;
}

/** A model's own estimate for one (user, movie) before clipping, and whether it had to fall back. */
export interface Estimate {
  /** The unclipped estimate (a rating for rating models, a ranking score for ranking models). */
  value: number;
  /** True when the user or movie had no training data and the model fell back (e.g. to a mean). */
  fallback: boolean;
}

/** Ratings, fallback flags and (for classifiers) class probabilities of a batch of test ratings. */
export interface BatchPrediction {
  /** Predicted rating of each test rating, clipped to the scale (expected rating for a classifier). */
  rating: Float64Array;
  /** 1 where the prediction fell back for an unknown user or movie. */
  fallback: Uint8Array;
  /** Row-major n × classes.length probabilities, for models that predict classes. */
  probabilities?: Float32Array;
  /** Rating value of each class. */
  classes?: number[];
}

/** One recommended movie: dense movie index and the model's ranking score (higher is better). */
export interface Recommendation {
  /** Dense movie index, 0..nMovies-1. */
  movie: number;
  /** The model's ranking score; higher ranks first, not necessarily a rating. */
  score: number;
}

/** Options of a top-N list (lib/models/top-n.ts). */
export interface RecommendOptions {
  /** Leave out movies the user rated in the training part (default true). */
  excludeSeen?: boolean;
}

/** One rated movie behind a recommendation: its weight (similarity or EASE weight, > 0) and the user's rating. */
export interface RatedReason {
  /** Dense index of the rated movie. */
  movie: number;
  /** Similarity or EASE weight between it and the scored movie, > 0. */
  weight: number;
  /** The user's rating of it, on the scale. */
  rating: number;
}

/** One similar user behind a recommendation: similarity (> 0) and their rating of the movie. */
export interface NeighbourReason {
  /** Dense index of the similar user. */
  user: number;
  /** Their similarity to the user, > 0. */
  similarity: number;
  /** Their rating of the scored movie, on the scale. */
  rating: number;
}

/** Why a model scores a movie for a user: the user's rated movies that pushed it up, or similar users who rated it. */
export type Explanation =
  | {
      /** The user's own rated movies pushed the score up (item-based models). */
      kind: "rated";
      /** Largest weight first. */
      reasons: RatedReason[];
    }
  | {
      /** Similar users who rated the movie pushed the score up (user-based models). */
      kind: "neighbours";
      /** Largest similarity first. */
      neighbours: NeighbourReason[];
    };

/** One hyperparameter: its kind, a one-line description, and its range where numeric. */
export interface ParamSpec {
  /** "json" is a structured value (an object or list), shown and parsed as JSON. */
  type: "integer" | "number" | "boolean" | "enum" | "json";
  /** One line for help texts and the Lab's form. */
  description: string;
  /** Inclusive lower bound for numbers. */
  min?: number;
  /** Inclusive upper bound for numbers. */
  max?: number;
  /** Allowed values of an enum. */
  values?: readonly string[];
}

/** The declared parameters of a model: every key of P, described. */
export type ParamSchema<P> = {readonly [K in keyof P]-?: ParamSpec};

/** Rating models estimate ratings (`movielab cv`); ranking models are trained for top-N (`movielab rank`). */
export type ModelTask = "rating" | "ranking";

/** Options of an asynchronous fit: progress (0..1 of the fit) and cancellation. */
export interface FitOptions {
  /** Called with the fraction of the fit done, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Aborting it rejects the fit with an AbortError. */
  signal?: AbortSignal;
  /** Resources a model may use when present (e.g. the classifier's worker-thread tree trainer); others ignore them. */
  [resource: string]: unknown;
}

/** A model: hyperparameters P with defaults and a schema, fitted state S (plain data carrying its scale). */
export interface Model<
  P = unknown,
  S extends {
    /** The scale the state was fitted on; predictions are clipped to it. */
    scale: RatingScale;
  } = {
    /** The scale the state was fitted on. */
    scale: RatingScale;
  }
> {
  /** Short identifier used by the CLI and pages, e.g. "mf", "item-knn". */
  readonly name: string;
  /** A short name for charts and tables, e.g. "biased MF". */
  readonly label: string;
  /** One line for help texts and leaderboards. */
  readonly description: string;
  /** Whether it estimates ratings or only ranks movies. */
  readonly task: ModelTask;
  /** The hyperparameters a fit uses where params leave them out. */
  readonly defaults: P;
  /** Every hyperparameter's kind, range and description (the CLI's options and the Lab's form come from it). */
  readonly params: ParamSchema<P>;
  /** True when a blend may use this model as a member. */
  readonly blendable?: boolean;
  /** True when predictBatch gives class probabilities (a classifier). */
  readonly classes?: boolean;
  /** True when a fit takes minutes on ml-100k: pages and leaderboards run it on one fold and say so. */
  readonly slow?: boolean;
  /** Fits on the training part only; the same seed in params gives the same state. */
  fit(train: TrainSet, params?: Partial<P>): S;
  /** As fit, for models that train for long (yields, reports progress, can be cancelled); the same state. */
  fitAsync?(train: TrainSet, params: Partial<P> | undefined, options: FitOptions): Promise<S>;
  /** The model's estimate for one pair before clipping; fallback when the user or movie was not in training. */
  estimate(state: S, user: number, movie: number): Estimate;
  /** Ranking scores of every movie for one user (length nMovies); higher ranks first. */
  scoreAll(state: S, user: number): Float32Array;
  /** Predictions of a batch of test ratings, for models whose prediction reads more than (user, movie) (e.g. the time). */
  predictBatch?(state: S, test: Ratings): BatchPrediction;
  /** Up to `count` reasons for the score of (user, movie); `ratings` is the training matrix (users × movies). */
  explain?(state: S, ratings: Csr, user: number, movie: number, count: number): Explanation | null;
  /**
   * For item–item rankers (score_j = Σ over seen movies i of w(i, j)): the dense nMovies × nMovies
   * row-major w. A model bundle stores it pruned to the largest weights per movie.
   */
  itemWeights?(state: S): Float32Array;
}

/**
 * A model whose parameters and state are not known statically (the registry's list, the CLI's
 * --model): every Model<P, S> is one. Its defaults and state read as `unknown`, so no `any` reaches a caller.
 */
export type AnyModel = Omit<
  Model<
    unknown,
    {
      /** The rating scale the state was fitted on: every state carries one. */
      scale: RatingScale;
    }
  >,
  "params"
> & {
  /** Each parameter's spec (default, range, help) by name. */
  readonly params: Readonly<Record<string, ParamSpec>>;
};

/** Clips a rating to the scale's min..max (NaN becomes the scale's midpoint so nothing downstream sees NaN). */
export function clip(x: number, scale: RatingScale): number {
  if (x !== x) return (scale.min + scale.max) / 2;
  return x < scale.min ? scale.min : x > scale.max ? scale.max : x;
}

/** The rating of movie by user on the scale (clipped), with the fallback flag (Surprise's AlgoBase.predict). */
export function predict<
  P,
  S extends {
    /** The scale the state was fitted on; predictions are clipped to it. */
    scale: RatingScale;
  }
>(model: Model<P, S>, state: S, user: number, movie: number): Prediction {
  const e = model.estimate(state, user, movie);
  return {rating: clip(e.value, state.scale), fallback: e.fallback};
}

/** Predictions of every test rating: the model's batch prediction when it has one, else predict() pair by pair. */
export function predictRatings<
  P,
  S extends {
    /** The scale the state was fitted on; predictions are clipped to it. */
    scale: RatingScale;
  }
>(model: Model<P, S>, state: S, test: Ratings): BatchPrediction {
  if (model.predictBatch) return model.predictBatch(state, test);
  const n = test.rating.length;
  const rating = new Float64Array(n);
  const fallback = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const p = predict(model, state, test.user[k], test.movie[k]);
    rating[k] = p.rating;
    fallback[k] = p.fallback ? 1 : 0;
  }
  return {rating, fallback};
}

/** Fits with fitAsync when the model has one (progress, cancel), else with fit. */
export async function fitModel<
  P,
  S extends {
    /** The scale the state was fitted on; predictions are clipped to it. */
    scale: RatingScale;
  }
>(model: Model<P, S>, train: TrainSet, params?: Partial<P>, options: FitOptions = {}): Promise<S> {
  if (options.signal?.aborted) throw abortError(model.name);
  if (model.fitAsync) return model.fitAsync(train, params, options);
  const state = model.fit(train, params);
  options.onProgress?.(1);
  return state;
}

/** Every parameter's default as a fit sees it: a selecting model's own defaults over those of the model it selects for. */
export function effectiveDefaults(model: AnyModel): Record<string, unknown> {
  const base = "base" in model ? (model.base as {defaults: unknown}).defaults : {};
  return {...(base as object), ...(model.defaults as object)} as Record<string, unknown>;
}

/** True when the model takes a seed (so a run's --seed reseeds it). */
export function isSeeded(model: AnyModel): boolean {
  return "seed" in model.params;
}

/** The params a run passes for a seed: {seed} for seeded models, nothing for the others. */
export function seedParams(model: AnyModel, seed: number): Record<string, unknown> | undefined {
  return isSeeded(model) ? {seed} : undefined;
}

/** What a model can do, for help texts and the Lab. */
export function capabilities(model: AnyModel): Array<"rating" | "ranking" | "classes" | "explain" | "blend"> {
  const out: Array<"rating" | "ranking" | "classes" | "explain" | "blend"> = [];
  if (model.task === "rating") out.push("rating");
  out.push("ranking");
  if (model.classes) out.push("classes");
  if (model.explain) out.push("explain");
  if (model.blendable) out.push("blend");
  return out;
}

/** Scores of movies 0..n-1 by f (the unclipped estimate), for scoreAll of pointwise models. */
export function scoreEach(n: number, f: (movie: number) => number): Float32Array {
  const out = new Float32Array(n);
  for (let m = 0; m < n; m++) out[m] = f(m);
  return out;
}

/** The error a cancelled run rejects with (name "AbortError", as fetch's). */
export function abortError(what: string): Error {
  const e = new Error(`${what}: cancelled`);
  e.name = "AbortError";
  return e;
}

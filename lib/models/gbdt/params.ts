/**
 * Hyperparameters of the gradient-boosted trees engine, named and defaulted as XGBoost 1.7
 * names them (scikit-learn wrapper names, `tree_method = "hist"`), plus their validation.
 */

/** Learning task: softmax over K classes, logistic for 2 classes, or squared-error regression. */
export type Objective = "multi:softprob" | "binary:logistic" | "reg:squarederror";

/** Evaluation metrics as XGBoost names them. */
export type EvalMetric = "mlogloss" | "merror" | "logloss" | "error" | "rmse";

/** Hyperparameters of the GBDT engine, with XGBoost 1.7's names and meanings. */
export interface GbdtParams {
  /** The loss the trees are fitted to. */
  objective: Objective;
  /** Number of classes K (multi:softprob only; 1 otherwise). */
  num_class: number;
  /** Boosting rounds (one tree per class per round). */
  n_estimators: number;
  /** Shrinkage eta applied to leaf weights, in (0, 1]. */
  learning_rate: number;
  /** Maximum tree depth (root at depth 0), 1..30. */
  max_depth: number;
  /** Minimum hessian sum in a child, >= 0. */
  min_child_weight: number;
  /** L2 regularisation on leaf weights (lambda), >= 0. */
  reg_lambda: number;
  /** L1 regularisation on leaf weights (alpha), >= 0. */
  reg_alpha: number;
  /** Minimum loss reduction to split (min_split_loss), >= 0. */
  gamma: number;
  /** Fraction of rows sampled (without replacement, Bernoulli) per tree, in (0, 1]. */
  subsample: number;
  /** Fraction of features sampled per tree, in (0, 1]. */
  colsample_bytree: number;
  /** Maximum number of value bins per feature, 2..256 (255 when the feature has missing values). */
  max_bin: number;
  /** Global bias: initial prediction before any tree (probability for binary:logistic). */
  base_score: number;
  /** Seed of every random choice (row and column sampling). */
  seed: number;
  /** Stop when the last eval metric has not improved for this many rounds (null: never). */
  early_stopping_rounds: number | null;
  /** Metrics computed per round; the last one drives early stopping. */
  eval_metric: EvalMetric[];
}

/** XGBoost 1.7's defaults (base_score 0.5 as in 1.7; 2.x estimates it). */
export const GBDT_DEFAULTS: Readonly<GbdtParams> = Object.freeze({
  objective: "multi:softprob",
  num_class: 2,
  n_estimators: 100,
  learning_rate: 0.3,
  max_depth: 6,
  min_child_weight: 1,
  reg_lambda: 1,
  reg_alpha: 0,
  gamma: 0,
  subsample: 1,
  colsample_bytree: 1,
  max_bin: 256,
  base_score: 0.5,
  seed: 0,
  early_stopping_rounds: null,
  eval_metric: []
} as GbdtParams);

const METRICS_BY_OBJECTIVE: Record<Objective, EvalMetric[]> = {
  "multi:softprob": ["mlogloss", "merror"],
  "binary:logistic": ["logloss", "error"],
  "reg:squarederror": ["rmse"]
};

/** Default metrics of an objective (XGBoost's default metric comes last, so it drives early stopping). */
export function defaultMetrics(objective: Objective): EvalMetric[] {
  const m = METRICS_BY_OBJECTIVE[objective];
  // XGBoost's default for multi:softprob is mlogloss: put it last.
  return objective === "reg:squarederror" ? [...m] : [m[1], m[0]];
}

/** Number of trees per round: K for multi:softprob, else 1. */
export function numGroups(p: Pick<GbdtParams, "objective" | "num_class">): number {
  return p.objective === "multi:softprob" ? p.num_class : 1;
}

/** Merges user parameters over the defaults and checks every range; throws a RangeError naming the parameter. */
export function resolveParams(user: Partial<GbdtParams> = {}): GbdtParams {
  const p: GbdtParams = {...GBDT_DEFAULTS, ...stripUndefined(user)};
  if (!(p.objective in METRICS_BY_OBJECTIVE))
    bad("objective", p.objective, `one of ${Object.keys(METRICS_BY_OBJECTIVE).join(", ")}`);
  if (p.objective !== "multi:softprob") p.num_class = 1;
  else if (user.num_class === undefined) bad("num_class", undefined, "an integer >= 2 (required with multi:softprob)");
  checkInt("num_class", p.num_class, p.objective === "multi:softprob" ? 2 : 1, 1 << 16);
  checkInt("n_estimators", p.n_estimators, 1, 1e6);
  checkNum("learning_rate", p.learning_rate, 0, 1, false);
  checkInt("max_depth", p.max_depth, 1, 30);
  checkNum("min_child_weight", p.min_child_weight, 0, Infinity, true);
  checkNum("reg_lambda", p.reg_lambda, 0, Infinity, true);
  checkNum("reg_alpha", p.reg_alpha, 0, Infinity, true);
  checkNum("gamma", p.gamma, 0, Infinity, true);
  checkNum("subsample", p.subsample, 0, 1, false);
  checkNum("colsample_bytree", p.colsample_bytree, 0, 1, false);
  checkInt("max_bin", p.max_bin, 2, 256);
  if (!Number.isFinite(p.base_score)) bad("base_score", p.base_score, "a finite number");
  if (p.objective === "binary:logistic" && !(p.base_score > 0 && p.base_score < 1))
    bad("base_score", p.base_score, "a probability in (0, 1) for binary:logistic");
  checkInt("seed", p.seed, -(2 ** 31), 2 ** 32 - 1);
  if (p.early_stopping_rounds !== null) checkInt("early_stopping_rounds", p.early_stopping_rounds, 1, 1e6);
  const allowed = METRICS_BY_OBJECTIVE[p.objective];
  const metrics = typeof p.eval_metric === "string" ? [p.eval_metric as EvalMetric] : [...p.eval_metric];
  for (const m of metrics)
    if (!allowed.includes(m)) bad("eval_metric", m, `one of ${allowed.join(", ")} for ${p.objective}`);
  p.eval_metric = metrics.length > 0 ? metrics : defaultMetrics(p.objective);
  return p;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function bad(name: string, value: unknown, expected: string): never {
  throw new RangeError(`gbdt parameter "${name}": got ${JSON.stringify(value) ?? String(value)}, expected ${expected}`);
}

function checkInt(name: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max) bad(name, v, `an integer from ${min} to ${max}`);
}

function checkNum(name: string, v: number, min: number, max: number, minInclusive: boolean): void {
  const okMin = minInclusive ? v >= min : v > min;
  if (typeof v !== "number" || !okMin || !(v <= max))
    bad(name, v, `a number in ${minInclusive ? "[" : "("}${min}, ${max}]`);
}

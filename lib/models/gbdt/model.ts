/**
 * The fitted model as plain JSON-ready data, its compact serialisation (float32 values written
 * with the fewest digits that read back to the same float32, so a loaded model predicts
 * bit-identically) and a validating parser that names what is wrong in a bad file.
 */
import {GBDT_DEFAULTS, numGroups, resolveParams, type EvalMetric, type GbdtParams, type Objective} from "./params.js";
import type {GbdtTree} from "./tree.js";

export const GBDT_FORMAT = "movielab-gbdt";
export const GBDT_VERSION = 1;

/** Why training ended. */
export type StopReason = "completed" | "early_stopping" | "cancelled";

/** Per-round metric values: evals_result.train.mlogloss[round], and .eval when an eval set was given. */
export interface EvalsResult {
  /** Metric name → value per round on the training rows. */
  train: Partial<Record<EvalMetric, number[]>>;
  /** Metric name → value per round on the eval set, when one was given. */
  eval?: Partial<Record<EvalMetric, number[]>>;
}

/** A fitted gradient-boosted tree model as plain JSON-ready data (XGBoost's field names). */
export interface GbdtModel {
  /** Always "movielab-gbdt"; the parser refuses anything else. */
  format: typeof GBDT_FORMAT;
  /** Layout version; the parser refuses other versions. */
  version: typeof GBDT_VERSION;
  /** The loss the trees were fitted to. */
  objective: Objective;
  /** Classes: K for multi:softprob, 2 for binary:logistic, 1 for reg:squarederror. */
  num_class: number;
  /** Trees per round: K for multi:softprob, 1 otherwise. */
  num_group: number;
  /** Columns d of the training matrix; predictions need the same columns. */
  num_feature: number;
  /** Optional feature names (null when not given). */
  feature_names: string[] | null;
  /** Global bias as given (a probability for binary:logistic). */
  base_score: number;
  /** Initial margin of every group (logit of base_score for binary:logistic). */
  base_margin: number;
  /** Every hyperparameter, defaults merged in. */
  params: GbdtParams;
  /** Rounds trained; trees.length = num_rounds × num_group. */
  num_rounds: number;
  /** 0-based best round (the last one without early stopping); predictions use rounds 0..best_iteration. */
  best_iteration: number;
  /** Value of the early-stopping metric at best_iteration on the eval set (null without one). */
  best_score: number | null;
  /** Why training ended. */
  stop_reason: StopReason;
  /** Round-major: trees[round × num_group + group]. */
  trees: GbdtTree[];
  /** Per-round metric values (learning curves). */
  evals_result: EvalsResult;
}

/** Shortest decimal text that reads back as the same float32 (at most 9 significant digits). */
export function float32Text(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? "0" : String(x);
  const f = Math.fround(x);
  for (let digits = 6; digits < 9; digits++) {
    const s = Number(f.toPrecision(digits));
    if (Math.fround(s) === f) return String(s);
  }
  return String(Number(f.toPrecision(9)));
}

const FLOAT_ARRAYS = new Set(["threshold", "value", "gain"]);

/** Serialises a model to JSON text; tree floats are written as the shortest float32-exact decimals. */
export function modelToJSON(model: GbdtModel): string {
  const trees = model.trees.map((t) => {
    const parts = Object.entries(t).map(([k, arr]) => {
      const a = arr as number[];
      const body = FLOAT_ARRAYS.has(k) ? a.map(float32Text).join(",") : a.join(",");
      return `${JSON.stringify(k)}:[${body}]`;
    });
    return `{${parts.join(",")}}`;
  });
  const {trees: _t, ...rest} = model;
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)},"trees":[${trees.join(",")}]}`;
}

/** A model file that cannot be used: says which field is wrong and what was expected. */
export class GbdtModelError extends Error {
  constructor(message: string) {
    super(`gbdt model: ${message}`);
    this.name = "GbdtModelError";
  }
}

/** Parses and validates a model from JSON text or an already parsed object; throws GbdtModelError. */
export function parseModel(input: string | unknown): GbdtModel {
  let o: unknown = input;
  if (typeof input === "string") {
    try {
      o = JSON.parse(input);
    } catch (e) {
      throw new GbdtModelError(`not valid JSON (${(e as Error).message}); the file may be truncated or corrupted`);
    }
  }
  if (typeof o !== "object" || o === null) throw new GbdtModelError("expected a JSON object");
  const m = {...(o as Record<string, unknown>)};
  if (m.format !== GBDT_FORMAT)
    throw new GbdtModelError(`field "format": got ${JSON.stringify(m.format)}, expected "${GBDT_FORMAT}"`);
  if (m.version !== GBDT_VERSION)
    throw new GbdtModelError(
      `field "version": got ${JSON.stringify(m.version)}, expected ${GBDT_VERSION} (this library reads version ${GBDT_VERSION} only)`
    );
  let params: GbdtParams;
  try {
    params = resolveParams({...GBDT_DEFAULTS, ...(m.params as Partial<GbdtParams>)});
  } catch (e) {
    throw new GbdtModelError(`field "params": ${(e as Error).message}`);
  }
  const groups = numGroups(params);
  expectInt(m, "num_group", groups, groups);
  const classes = params.objective === "multi:softprob" ? groups : params.objective === "binary:logistic" ? 2 : 1;
  // num_class and base_score were added to version 1 later: derive them when absent.
  if (m.num_class === undefined) m.num_class = classes;
  if (m.base_score === undefined) m.base_score = params.base_score;
  expectInt(m, "num_class", classes, classes);
  if (m.base_score !== params.base_score)
    throw new GbdtModelError(
      `field "base_score": got ${JSON.stringify(m.base_score)}, expected ${params.base_score} as in params`
    );
  expectInt(m, "num_feature", 1, 1e7);
  expectInt(m, "num_rounds", 0, 1e7);
  const rounds = m.num_rounds as number;
  expectInt(m, "best_iteration", rounds === 0 ? -1 : 0, Math.max(rounds - 1, -1));
  if (m.objective !== params.objective)
    throw new GbdtModelError(
      `field "objective": got ${JSON.stringify(m.objective)}, expected "${params.objective}" as in params`
    );
  if (typeof m.base_margin !== "number" || !Number.isFinite(m.base_margin))
    throw new GbdtModelError(`field "base_margin": expected a finite number`);
  if (
    m.feature_names !== null &&
    !(
      Array.isArray(m.feature_names) &&
      m.feature_names.length === m.num_feature &&
      m.feature_names.every((s) => typeof s === "string")
    )
  )
    throw new GbdtModelError(`field "feature_names": expected null or ${m.num_feature} strings`);
  if (!Array.isArray(m.trees) || m.trees.length !== rounds * groups)
    throw new GbdtModelError(
      `field "trees": expected ${rounds * groups} trees (num_rounds × num_group), got ${Array.isArray(m.trees) ? m.trees.length : typeof m.trees}`
    );
  (m.trees as unknown[]).forEach((t, i) => validateTree(t, i, m.num_feature as number));
  if (!["completed", "early_stopping", "cancelled"].includes(m.stop_reason as string))
    throw new GbdtModelError(`field "stop_reason": got ${JSON.stringify(m.stop_reason)}`);
  if (m.best_score !== null && typeof m.best_score !== "number")
    throw new GbdtModelError(`field "best_score": expected a number or null`);
  if (typeof m.evals_result !== "object" || m.evals_result === null)
    throw new GbdtModelError(`field "evals_result": expected an object`);
  return {...(m as unknown as GbdtModel), params};
}

function expectInt(m: Record<string, unknown>, field: string, min: number, max: number): void {
  const v = m[field];
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
    throw new GbdtModelError(`field "${field}": got ${JSON.stringify(v)}, expected an integer from ${min} to ${max}`);
}

const TREE_FIELDS = ["feature", "threshold", "default_left", "left", "right", "value", "gain"] as const;

function validateTree(t: unknown, i: number, d: number): void {
  const where = `trees[${i}]`;
  if (typeof t !== "object" || t === null) throw new GbdtModelError(`${where}: expected an object`);
  const tree = t as Record<string, unknown>;
  const size = Array.isArray(tree.feature) ? tree.feature.length : 0;
  if (size === 0) throw new GbdtModelError(`${where}.feature: expected a non-empty array`);
  for (const k of TREE_FIELDS) {
    const a = tree[k];
    if (!Array.isArray(a) || a.length !== size)
      throw new GbdtModelError(`${where}.${k}: expected an array of ${size} numbers`);
    for (let j = 0; j < size; j++)
      if (typeof a[j] !== "number" || !Number.isFinite(a[j]))
        throw new GbdtModelError(`${where}.${k}[${j}]: got ${JSON.stringify(a[j])}, expected a finite number`);
  }
  const f = tree.feature as number[];
  const l = tree.left as number[];
  const r = tree.right as number[];
  // Children must point forward so that traversal always ends.
  for (let j = 0; j < size; j++) {
    if (f[j] === -1) {
      if (l[j] !== -1 || r[j] !== -1)
        throw new GbdtModelError(`${where} node ${j}: a leaf must have left = right = -1`);
    } else {
      if (!Number.isInteger(f[j]) || f[j] < 0 || f[j] >= d)
        throw new GbdtModelError(
          `${where}.feature[${j}]: got ${f[j]}, expected -1 or a feature index from 0 to ${d - 1}`
        );
      for (const c of [l[j], r[j]])
        if (!Number.isInteger(c) || c <= j || c >= size)
          throw new GbdtModelError(`${where} node ${j}: child ${c} out of range (expected ${j + 1}..${size - 1})`);
    }
  }
}

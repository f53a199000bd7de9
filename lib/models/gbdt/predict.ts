/**
 * Prediction from a GbdtModel on a row-major n × d float32 matrix (NaN = missing). Forests of
 * depth <= 10 run compiled (rank-forest.ts: integer codes, complete trees); deeper ones node by
 * node on flat arrays. Both are built once per model (cached) and sum the leaves tree by tree in
 * float32 as XGBoost does, so predictions on the training rows equal the training margins bit for bit.
 */
import type {GbdtModel} from "./model.js";
import {transformMargins} from "./objective.js";
import {addRankForest, encodeRanks, rankForest} from "./rank-forest.js";

/** Trees in flat arrays for node-by-node traversal (forests too deep for the compiled form). */
interface PackedTrees {
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float32Array;
  defaultLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float32Array;
}

const packedCache = new WeakMap<GbdtModel, PackedTrees>();

function pack(model: GbdtModel): PackedTrees {
  const cached = packedCache.get(model);
  if (cached) return cached;
  let total = 0;
  for (const t of model.trees) total += t.feature.length;
  const p: PackedTrees = {
    roots: new Int32Array(model.trees.length),
    feature: new Int32Array(total),
    threshold: new Float32Array(total),
    defaultLeft: new Uint8Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    value: new Float32Array(total)
  };
  let off = 0;
  model.trees.forEach((t, i) => {
    p.roots[i] = off;
    for (let j = 0; j < t.feature.length; j++) {
      const o = off + j;
      p.feature[o] = t.feature[j];
      p.threshold[o] = t.threshold[j];
      p.defaultLeft[o] = t.default_left[j];
      // Leaves point to themselves so the traversal loop needs no leaf test inside the row loop.
      p.left[o] = t.feature[j] < 0 ? o : off + t.left[j];
      p.right[o] = t.feature[j] < 0 ? o : off + t.right[j];
      p.value[o] = t.value[j];
    }
    off += t.feature.length;
  });
  packedCache.set(model, p);
  return p;
}

/** Options of a GBDT prediction. */
export interface PredictOptions {
  /** Rounds to use, from 0 (default: best_iteration + 1). */
  rounds?: number;
}

function checkInput(model: GbdtModel, features: Float32Array, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`gbdt predict: n = ${n}, expected a row count >= 0`);
  if (features.length !== n * model.num_feature)
    throw new RangeError(
      `gbdt predict: features has ${features.length} values, expected n × num_feature = ${n} × ${model.num_feature}`
    );
}

/** Raw margins, row-major n × num_group (float32): base margin plus the sum of the used trees' leaves. */
export function predictMargin(
  model: GbdtModel,
  features: Float32Array,
  n: number,
  options: PredictOptions = {}
): Float32Array {
  checkInput(model, features, n);
  const groups = model.num_group;
  const rounds = Math.min(options.rounds ?? model.best_iteration + 1, model.num_rounds);
  const out = new Float32Array(n * groups).fill(model.base_margin);
  const d = model.num_feature;
  const nTrees = rounds * groups;
  const forest = rankForest(model);
  if (forest !== null) {
    addRankForest(forest, encodeRanks(forest, features, n), n, nTrees, groups, out);
    return out;
  }
  const p = pack(model);
  const {feature, threshold, defaultLeft, left, right, value} = p;
  for (let t = 0; t < nTrees; t++) {
    const root = p.roots[t];
    const k = t % groups;
    if (feature[root] < 0) {
      const v = value[root];
      for (let i = 0, o = k; i < n; i++, o += groups) out[o] += v;
      continue;
    }
    for (let i = 0, base = 0, o = k; i < n; i++, base += d, o += groups) {
      let node = root;
      let f = feature[node];
      while (f >= 0) {
        const x = features[base + f];
        node =
          x < threshold[node]
            ? left[node]
            : x >= threshold[node]
              ? right[node]
              : defaultLeft[node] === 1
                ? left[node]
                : right[node];
        f = feature[node];
      }
      out[o] += value[node];
    }
  }
  return out;
}

/**
 * Predictions, row-major: class probabilities n × K for multi:softprob, P(class 1) per row for
 * binary:logistic, the predicted value per row for reg:squarederror.
 */
export function predict(
  model: GbdtModel,
  features: Float32Array,
  n: number,
  options: PredictOptions = {}
): Float32Array {
  const m = predictMargin(model, features, n, options);
  transformMargins(model.objective, m, n, model.num_group);
  return m;
}

/** Class probabilities, row-major n × K (K = 2 for binary:logistic: [1 − p, p]). */
export function predictProba(
  model: GbdtModel,
  features: Float32Array,
  n: number,
  options: PredictOptions = {}
): Float32Array {
  if (model.objective === "reg:squarederror")
    throw new RangeError("gbdt predictProba: a reg:squarederror model has no class probabilities (use predict)");
  const p = predict(model, features, n, options);
  if (model.objective === "multi:softprob") return p;
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = 1 - p[i];
    out[2 * i + 1] = p[i];
  }
  return out;
}

/** Most probable class per row (0..K-1); ties go to the lower class. */
export function predictClass(
  model: GbdtModel,
  features: Float32Array,
  n: number,
  options: PredictOptions = {}
): Int32Array {
  const p = predictProba(model, features, n, options);
  const K = p.length / Math.max(n, 1);
  const out = new Int32Array(n);
  for (let i = 0, base = 0; i < n; i++, base += K) {
    let arg = 0;
    for (let k = 1; k < K; k++) if (p[base + k] > p[base + arg]) arg = k;
    out[i] = arg;
  }
  return out;
}

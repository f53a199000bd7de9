import {describe, expect, it} from "vitest";
import type {GbdtModel} from "../../../lib/models/gbdt/model.js";
import {resolveParams} from "../../../lib/models/gbdt/params.js";
import {predictMargin, predictProba} from "../../../lib/models/gbdt/predict.js";
import {addRankForest, encodeRanks, rankForest} from "../../../lib/models/gbdt/rank-forest.js";
import {kernelModuleBytes, wasmKernel} from "../../../lib/wasm/rank-forest.js";
import {syntheticClassification} from "../../../lib/models/gbdt/synthetic.js";
import {trainGbdt} from "../../../lib/models/gbdt/train.js";
import {emptyTree, leafIndex, type GbdtTree} from "../../../lib/models/gbdt/tree.js";
import {createRng, type Rng} from "../../../lib/random.js";

/** Reference margins: base margin plus each tree's leaf by the float traversal of tree.ts, summed in float32 tree by tree. */
function referenceMargins(
  model: GbdtModel,
  x: Float32Array,
  n: number,
  rounds = model.best_iteration + 1
): Float32Array {
  const K = model.num_group;
  const out = new Float32Array(n * K).fill(model.base_margin);
  model.trees.slice(0, rounds * K).forEach((t, ti) => {
    for (let i = 0; i < n; i++) out[i * K + (ti % K)] += t.value[leafIndex(t, x, model.num_feature, i)];
  });
  return out;
}

/** Margins from the compiled forest with the JavaScript kernel only (predictMargin prefers WebAssembly). */
function jsMargins(model: GbdtModel, x: Float32Array, n: number, rounds = model.best_iteration + 1): Float32Array {
  const forest = rankForest(model)!;
  const out = new Float32Array(n * model.num_group).fill(model.base_margin);
  addRankForest(
    forest,
    encodeRanks(forest, x, n),
    n,
    Math.min(rounds, model.num_rounds) * model.num_group,
    model.num_group,
    out,
    "js"
  );
  return out;
}

/** Rows whose margins (from predictMargin, then from the JavaScript kernel) differ from the reference bit for bit, as "row: got vs expected" strings. */
function mismatches(model: GbdtModel, x: Float32Array, n: number, rounds?: number): string[] {
  const want = referenceMargins(model, x, n, rounds);
  const K = model.num_group;
  const bad: string[] = [];
  for (const [name, got] of [
    ["predictMargin", predictMargin(model, x, n, rounds === undefined ? {} : {rounds})],
    ["js kernel", jsMargins(model, x, n, rounds)]
  ] as const) {
    for (let i = 0; i < n; i++) {
      const g = Array.from(got.subarray(i * K, (i + 1) * K));
      const w = Array.from(want.subarray(i * K, (i + 1) * K));
      if (g.some((v, k) => !Object.is(v, w[k]))) bad.push(`${name} row ${i}: ${g} vs ${w}`);
    }
  }
  return bad;
}

/** A random tree of depth <= maxDepth whose thresholds come from pool (float32 values). */
function randomTree(rng: Rng, d: number, maxDepth: number, pool: number[]): GbdtTree {
  const t = emptyTree();
  const grow = (level: number): number => {
    const id = t.feature.length;
    t.feature.push(-1);
    t.threshold.push(0);
    t.default_left.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push(Math.fround(rng.normal()));
    t.gain.push(0);
    if (level < maxDepth && rng.next() < 0.8) {
      t.feature[id] = rng.int(d);
      t.threshold[id] = pool[rng.int(pool.length)];
      t.default_left[id] = rng.int(2);
      t.value[id] = 0;
      t.left[id] = grow(level + 1);
      t.right[id] = grow(level + 1);
    }
    return id;
  };
  grow(0);
  return t;
}

/** A model around the given trees (round-major, groups trees per round). */
function modelOf(trees: GbdtTree[], d: number, groups: number): GbdtModel {
  const objective = groups > 1 ? "multi:softprob" : "reg:squarederror";
  const params = resolveParams(groups > 1 ? {objective, num_class: groups} : {objective});
  const rounds = trees.length / groups;
  return {
    format: "movielab-gbdt",
    version: 1,
    objective,
    num_class: groups,
    num_group: groups,
    num_feature: d,
    feature_names: null,
    base_score: params.base_score,
    base_margin: 0.5,
    params,
    num_rounds: rounds,
    best_iteration: rounds - 1,
    best_score: null,
    stop_reason: "completed",
    trees,
    evals_result: {train: {}}
  };
}

/** Inputs drawn from the thresholds themselves, their float32 neighbours, ±0, ±Infinity, NaN and plain normals. */
function trickyInputs(rng: Rng, n: number, d: number, pool: number[]): Float32Array {
  const x = new Float32Array(n * d);
  const f32 = new Float32Array(1);
  const i32 = new Int32Array(f32.buffer);
  const neighbour = (v: number, step: number): number => {
    f32[0] = v;
    if (v === 0) return step > 0 ? 1.4e-45 : -1.4e-45;
    i32[0] += v > 0 ? step : -step;
    return f32[0];
  };
  for (let i = 0; i < x.length; i++) {
    const r = rng.next();
    const t = pool[rng.int(pool.length)];
    x[i] =
      r < 0.3
        ? t
        : r < 0.45
          ? neighbour(t, 1)
          : r < 0.6
            ? neighbour(t, -1)
            : r < 0.65
              ? 0
              : r < 0.7
                ? -0
                : r < 0.74
                  ? Infinity
                  : r < 0.78
                    ? -Infinity
                    : r < 0.86
                      ? NaN
                      : rng.normal() * 3;
  }
  return x;
}

describe("compiled (rank-coded) prediction agrees bit for bit with the float traversal", () => {
  it("the WebAssembly kernel assembles, validates and instantiates here (so predictMargin runs it)", () => {
    expect(WebAssembly.validate(kernelModuleBytes())).toBe(true);
    expect(wasmKernel()).not.toBeNull();
  });

  it("random trees of mixed depths on inputs equal to thresholds, their neighbours, ±0, ±Infinity and NaN", () => {
    const rng = createRng(41);
    const d = 6;
    // Model thresholds are float32 values (tree.ts), so the pool is too.
    const pool = [0, -2.5, 1, 0.1, -1e-30, 3e38, -3e38, Math.PI, 7, 7.5, -0.25].map(Math.fround);
    // [groups, trees, max depth, rows]: 9003 rows span three WebAssembly chunks of 4096 and a tail of three.
    for (const [groups, nTrees, maxDepth, n] of [
      [1, 7, 4, 301],
      [3, 18, 6, 301],
      [5, 23 * 5, 3, 301],
      [2, 6, 10, 301],
      [3, 15, 6, 9003]
    ]) {
      const trees = Array.from({length: nTrees}, () => randomTree(rng, d, maxDepth, pool));
      const model = modelOf(trees, d, groups);
      expect(rankForest(model)).not.toBeNull();
      expect(mismatches(model, trickyInputs(rng, n, d, pool), n)).toEqual([]);
    }
  });

  it("negative-zero thresholds, a forest of single leaves, and a single-leaf tree among deep ones", () => {
    const rng = createRng(5);
    const d = 3;
    const leaves = Array.from({length: 6}, () => randomTree(rng, d, 0, [0]));
    const leafModel = modelOf(leaves, d, 2);
    expect(rankForest(leafModel)!.depth).toBe(0);
    expect(mismatches(leafModel, trickyInputs(rng, 9, d, [0, 1]), 9)).toEqual([]);
    const pool = [-0, 0, 1, -1];
    const mixed = [
      ...Array.from({length: 5}, () => randomTree(rng, d, 5, pool)),
      leaves[0],
      randomTree(rng, d, 5, pool),
      randomTree(rng, d, 5, pool)
    ];
    expect(mismatches(modelOf(mixed, d, 1), trickyInputs(rng, 200, d, pool), 200)).toEqual([]);
  });

  it("more than 255 thresholds on one feature (the generic search, wider than one table of 256)", () => {
    const rng = createRng(8);
    const pool = Array.from({length: 700}, (_, i) => Math.fround((i - 350) / 7));
    const trees = Array.from({length: 40}, () => randomTree(rng, 2, 6, pool));
    const model = modelOf(trees, 2, 1);
    const forest = rankForest(model)!;
    expect(forest.slots).toBeGreaterThan(256);
    expect(mismatches(model, trickyInputs(rng, 500, 2, pool), 500)).toEqual([]);
  });

  it("a model trained on data with missing values: every row, every round count, odd row counts, binary and multiclass", () => {
    const s = syntheticClassification(3001, 3, 17);
    const d = s.d;
    const nTrain = 2400;
    const train = {features: s.features.slice(0, nTrain * d), labels: s.labels.slice(0, nTrain), n: nTrain};
    const x = s.features.slice(nTrain * d);
    const n = s.n - nTrain;
    // NaN in every feature of a few rows, on top of feature 13's own 5 %.
    for (let i = 0; i < n; i += 37) x[i * d + ((i / 37) % d)] = NaN;
    const multi = trainGbdt(train, {num_class: 3, n_estimators: 13, max_depth: 6});
    expect(mismatches(multi, x, n)).toEqual([]);
    expect(mismatches(multi, x, n, 5)).toEqual([]);
    expect(mismatches(multi, x.slice(0, d), 1)).toEqual([]);
    const binary = trainGbdt(
      {...train, labels: Int32Array.from(train.labels, (y) => (y === 2 ? 1 : 0))},
      {objective: "binary:logistic", n_estimators: 11, max_depth: 5}
    );
    expect(mismatches(binary, x, n)).toEqual([]);
    expect(mismatches(binary, x.slice(0, (n - 1) * d), n - 1, 6)).toEqual([]);
  });

  it("missing values follow each node's learned default direction, via the low and high code columns", () => {
    // One stump on feature 0 at 1.0, missing left; one on feature 1 at 2.0, missing right.
    const stump = (f: number, t: number, missingLeft: number, lv: number, rv: number): GbdtTree => ({
      feature: [f, -1, -1],
      threshold: [t, 0, 0],
      default_left: [missingLeft, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, lv, rv],
      gain: [1, 0, 0]
    });
    const model = modelOf([stump(0, 1, 1, 1, 2), stump(1, 2, 0, 10, 20)], 2, 1);
    const x = Float32Array.of(NaN, NaN, 0.5, 2, 1, 1.5, -Infinity, Infinity);
    expect(Array.from(predictMargin(model, x, 4))).toEqual([0.5 + 1 + 20, 0.5 + 1 + 20, 0.5 + 2 + 10, 0.5 + 1 + 20]);
    const forest = rankForest(model)!;
    // Row 0 is all missing: high codes 65535, low codes 0. Row 1: 0.5 is below feature 0's one threshold
    // (rank 0), 2 is not below feature 1's (rank 1); low codes are rank + 1.
    expect(Array.from(encodeRanks(forest, x, 4).subarray(0, 8))).toEqual([65535, 65535, 0, 0, 0, 1, 1, 2]);
  });

  it("probabilities through the public API equal the softmax of the reference margins", () => {
    const s = syntheticClassification(1200, 4, 3);
    const model = trainGbdt(
      {features: s.features.slice(0, 1000 * s.d), labels: s.labels.slice(0, 1000), n: 1000},
      {num_class: 4, n_estimators: 6}
    );
    const x = s.features.slice(1000 * s.d);
    const m = referenceMargins(model, x, 200);
    const p = predictProba(model, x, 200);
    for (let i = 0; i < 200; i++) {
      let max = -Infinity;
      for (let k = 0; k < 4; k++) max = Math.max(max, m[i * 4 + k]);
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += Math.exp(m[i * 4 + k] - max);
      for (let k = 0; k < 4; k++) expect(p[i * 4 + k]).toBeCloseTo(Math.exp(m[i * 4 + k] - max) / sum, 6);
    }
  });
});

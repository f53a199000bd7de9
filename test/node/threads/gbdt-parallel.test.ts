import {describe, expect, it} from "vitest";
import {parallelTrainer, trainGbdtParallel} from "../../../lib/node/threads/gbdt-parallel.js";
import {SHARDED_MAX_DEPTH} from "../../../lib/node/threads/gbdt-sharded.js";
import {modelToJSON, type GbdtModel} from "../../../lib/models/gbdt/model.js";
import {predict} from "../../../lib/models/gbdt/predict.js";
import {syntheticClassification} from "../../../lib/models/gbdt/synthetic.js";
import {trainGbdt} from "../../../lib/models/gbdt/train.js";

/** Largest absolute difference between two models' predictions on the same rows. */
function maxPredictionGap(a: GbdtModel, b: GbdtModel, x: Float32Array, n: number): number {
  const pa = predict(a, x, n);
  const pb = predict(b, x, n);
  let gap = 0;
  for (let i = 0; i < pa.length; i++) gap = Math.max(gap, Math.abs(pa[i] - pb[i]));
  return gap;
}

describe("trainGbdtParallel", () => {
  const s = syntheticClassification(6000, 5, 17);
  const train = {features: s.features, labels: s.labels, n: s.n};

  it("grows each tree on row shards in two threads: deterministic, and the single-thread model up to rounding", async () => {
    const p = {num_class: 5, n_estimators: 6, subsample: 0.8, colsample_bytree: 0.7, seed: 3};
    const rounds: number[] = [];
    const par = await trainGbdtParallel(train, p, {threads: 2, strategy: "rows", onRound: (r) => void rounds.push(r)});
    expect(rounds).toEqual([0, 1, 2, 3, 4, 5]);
    expect(modelToJSON(await trainGbdtParallel(train, p, {threads: 2, strategy: "rows"}))).toBe(modelToJSON(par));
    const single = trainGbdt(train, p);
    expect(par.trees.length).toBe(single.trees.length);
    // Histogram sums differ only in the order of float64 additions: same splits here.
    for (let t = 0; t < par.trees.length; t++) expect(par.trees[t].feature).toEqual(single.trees[t].feature);
    expect(maxPredictionGap(par, single, s.features, s.n)).toBeLessThan(1e-4);
    for (const m of ["mlogloss", "merror"] as const)
      expect(par.evals_result.train[m]!.at(-1)).toBeCloseTo(single.evals_result.train[m]!.at(-1)!, 6);
  });

  it("supports cancellation through onRound and three threads over row shards", async () => {
    const p = {num_class: 5, n_estimators: 20};
    const par = await trainGbdtParallel(train, p, {threads: 3, strategy: "rows", onRound: (r) => r < 2});
    expect(par.stop_reason).toBe("cancelled");
    expect(par.num_rounds).toBe(3);
    const single = trainGbdt(train, p, {onRound: (r) => r < 2});
    expect(maxPredictionGap(par, single, s.features, s.n)).toBeLessThan(1e-4);
  });

  it("trains binary and regression objectives and early-stops on an eval set in two threads", async () => {
    const y = Int32Array.from(s.labels, (c) => (c >= 2 ? 1 : 0));
    const binary = {...train, labels: y};
    const p = {objective: "binary:logistic" as const, n_estimators: 5, max_depth: 4};
    expect(
      maxPredictionGap(await trainGbdtParallel(binary, p, {threads: 2}), trainGbdt(binary, p), s.features, s.n)
    ).toBeLessThan(1e-4);
    const reg = {...train, labels: Float32Array.from(s.labels, (c) => c * 0.5)};
    const r = {objective: "reg:squarederror" as const, n_estimators: 5};
    expect(
      maxPredictionGap(await trainGbdtParallel(reg, r, {threads: 2}), trainGbdt(reg, r), s.features, s.n)
    ).toBeLessThan(1e-4);
    const half = 3000;
    const fit = {features: s.features.slice(0, half * s.d), labels: s.labels.slice(0, half), n: half};
    const ev = {features: s.features.slice(half * s.d), labels: s.labels.slice(half), n: s.n - half};
    const es = {num_class: 5, n_estimators: 200, learning_rate: 0.8, early_stopping_rounds: 3};
    const par = await trainGbdtParallel(fit, es, {threads: 2, strategy: "rows", eval: ev});
    const single = trainGbdt(fit, es, {eval: ev});
    expect(par.stop_reason).toBe("early_stopping");
    expect(par.best_iteration).toBe(single.best_iteration);
    expect(par.best_score!).toBeCloseTo(single.best_score!, 5);
  });

  it("grows whole class trees per thread by default: exactly the single-thread model, with sampling, cancellation and three threads", async () => {
    const p = {num_class: 5, n_estimators: 6, subsample: 0.8, colsample_bytree: 0.7, seed: 3};
    expect(modelToJSON(await trainGbdtParallel(train, p, {threads: 2}))).toBe(modelToJSON(trainGbdt(train, p)));
    const stop = {onRound: (r: number) => r < 2};
    expect(modelToJSON(await trainGbdtParallel(train, {num_class: 5, n_estimators: 20}, {threads: 3, ...stop}))).toBe(
      modelToJSON(trainGbdt(train, {num_class: 5, n_estimators: 20}, stop))
    );
    // Row shards only take trees up to SHARDED_MAX_DEPTH; deeper ones go per class.
    const deep = {num_class: 5, n_estimators: 2, max_depth: SHARDED_MAX_DEPTH + 1, seed: 5};
    expect(modelToJSON(await trainGbdtParallel(train, deep, {threads: 2, strategy: "rows"}))).toBe(
      modelToJSON(trainGbdt(train, deep))
    );
  });

  it("parallelTrainer trains on one thread below its row threshold and in two above, with the chosen strategy", async () => {
    const p = {num_class: 5, n_estimators: 4, seed: 5};
    const single = trainGbdt(train, p);
    expect(modelToJSON(await parallelTrainer({threads: 2, minRows: 10_000})(train, p, {}))).toBe(modelToJSON(single));
    expect(modelToJSON(await parallelTrainer({threads: 2, minRows: 0})(train, p, {}))).toBe(modelToJSON(single));
    const rows = await parallelTrainer({threads: 2, minRows: 0, strategy: "rows"})(train, p, {});
    expect(modelToJSON(rows)).toBe(modelToJSON(await trainGbdtParallel(train, p, {threads: 2, strategy: "rows"})));
    expect(maxPredictionGap(rows, single, s.features, s.n)).toBeLessThan(1e-4);
  });
});

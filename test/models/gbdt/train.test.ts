import {describe, expect, it} from "vitest";
import {modelToJSON} from "../../../lib/models/gbdt/model.js";
import {predictClass, predictMargin} from "../../../lib/models/gbdt/predict.js";
import {GbdtTrainer, trainGbdt, trainGbdtAsync} from "../../../lib/models/gbdt/train.js";
import {accuracy, blobs, slice} from "./fixtures.js";

const data = blobs(3000, 6, 4, 3, 1.2);
const train = slice(data, 0, 2400);
const test = slice(data, 2400, 3000);

describe("trainGbdt", () => {
  it("classifies a separable 4-class problem far above chance", () => {
    const model = trainGbdt(train, {num_class: 4, n_estimators: 30, max_depth: 4});
    const acc = accuracy(predictClass(model, test.features, test.n), test.labels);
    expect(acc).toBeGreaterThan(0.85);
    const curve = model.evals_result.train.mlogloss!;
    expect(curve.length).toBe(30);
    expect(curve[29]).toBeLessThan(curve[0]);
  });

  it("is deterministic: the same seed gives the same JSON, with sampling on", () => {
    const p = {num_class: 4, n_estimators: 8, subsample: 0.7, colsample_bytree: 0.5, seed: 9};
    expect(modelToJSON(trainGbdt(train, p))).toBe(modelToJSON(trainGbdt(train, p)));
  });

  it("subsample and colsample_bytree change the model; a different seed changes a sampled model", () => {
    const base = modelToJSON(trainGbdt(train, {num_class: 4, n_estimators: 5}));
    const sub = modelToJSON(trainGbdt(train, {num_class: 4, n_estimators: 5, subsample: 0.6}));
    const col = modelToJSON(trainGbdt(train, {num_class: 4, n_estimators: 5, colsample_bytree: 0.5}));
    const col2 = modelToJSON(trainGbdt(train, {num_class: 4, n_estimators: 5, colsample_bytree: 0.5, seed: 1}));
    expect(sub).not.toBe(base);
    expect(col).not.toBe(base);
    expect(col2).not.toBe(col);
    // colsample 0.5 of 6 features: each tree splits on at most 3 distinct features.
    const m = trainGbdt(train, {num_class: 4, n_estimators: 5, colsample_bytree: 0.5});
    for (const t of m.trees) expect(new Set(t.feature.filter((f) => f >= 0)).size).toBeLessThanOrEqual(3);
  });

  it("training margins equal the predictions of the model on the training rows", () => {
    const t = new GbdtTrainer(train, {num_class: 4, n_estimators: 6, subsample: 0.8});
    while (t.step());
    const pm = predictMargin(t.model(), train.features, train.n);
    expect(Array.from(pm)).toEqual(Array.from(t.margins));
  });

  it("early stopping stops after early_stopping_rounds without improvement and keeps the best iteration", () => {
    // Noisy labels: the eval loss turns up after a few rounds at a high learning rate.
    const noisy = blobs(1200, 4, 3, 5, 3);
    const tr = slice(noisy, 0, 800);
    const ev = slice(noisy, 800, 1200);
    const model = trainGbdt(
      tr,
      {
        num_class: 3,
        n_estimators: 200,
        learning_rate: 0.5,
        max_depth: 6,
        min_child_weight: 0,
        early_stopping_rounds: 5
      },
      {eval: ev}
    );
    const curve = model.evals_result.eval!.mlogloss!;
    expect(model.stop_reason).toBe("early_stopping");
    expect(model.num_rounds).toBeLessThan(200);
    expect(model.num_rounds).toBe(model.best_iteration + 6);
    const best = Math.min(...curve);
    expect(curve[model.best_iteration]).toBe(best);
    expect(model.best_score).toBe(best);
    // Predictions use the rounds up to best_iteration by default.
    const dflt = predictMargin(model, ev.features, ev.n);
    const upToBest = predictMargin(model, ev.features, ev.n, {rounds: model.best_iteration + 1});
    const all = predictMargin(model, ev.features, ev.n, {rounds: model.num_rounds});
    expect(Array.from(dflt)).toEqual(Array.from(upToBest));
    expect(Array.from(dflt)).not.toEqual(Array.from(all));
  });

  it("onRound receives per-round metrics and cancels by returning false", () => {
    const seen: number[] = [];
    const model = trainGbdt(
      train,
      {num_class: 4, n_estimators: 50},
      {
        eval: test,
        onRound: (round, m) => {
          seen.push(round);
          expect(m.train.mlogloss).toBeGreaterThan(0);
          expect(m.eval?.merror).toBeGreaterThanOrEqual(0);
          return round < 4;
        }
      }
    );
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(model.stop_reason).toBe("cancelled");
    expect(model.num_rounds).toBe(5);
    expect(model.trees.length).toBe(20);
  });

  it("trainGbdtAsync yields between rounds and gives the same model", async () => {
    const p = {num_class: 4, n_estimators: 4};
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const a = await trainGbdtAsync(train, p);
    clearInterval(timer);
    expect(modelToJSON(a)).toBe(modelToJSON(trainGbdt(train, p)));
    expect(ticks).toBeGreaterThan(0);
  });

  it("binary:logistic and reg:squarederror learn", () => {
    const y2 = Int32Array.from(train.labels, (y) => (y < 2 ? 0 : 1));
    const bin = trainGbdt({...train, labels: y2}, {objective: "binary:logistic", n_estimators: 20});
    expect(bin.evals_result.train.logloss!.at(-1)).toBeLessThan(0.3);
    const yr = Float64Array.from(train.labels, (y) => y * 1.5 + 2);
    const reg = trainGbdt({...train, labels: yr}, {objective: "reg:squarederror", n_estimators: 30});
    expect(reg.evals_result.train.rmse!.at(-1)).toBeLessThan(0.5);
  });

  it("row weights matter: zero weight on a class removes it from the predictions", () => {
    const w = Float32Array.from(train.labels, (y) => (y === 3 ? 0 : 1));
    const model = trainGbdt({...train, weights: w}, {num_class: 4, n_estimators: 10});
    expect(predictClass(model, test.features, test.n).includes(3)).toBe(false);
  });

  it("handles more than 256 features (32-bit histogram slots)", () => {
    const wide = blobs(400, 300, 2, 6, 1);
    const model = trainGbdt(wide, {num_class: 2, n_estimators: 3, max_depth: 3});
    expect(model.num_feature).toBe(300);
    expect(accuracy(predictClass(model, wide.features, wide.n), wide.labels)).toBeGreaterThan(0.9);
  });

  it("rejects bad input with a message naming the value", () => {
    expect(() => trainGbdt({...train, labels: Int32Array.from(train.labels, (y) => y + 1)}, {num_class: 4})).toThrow(
      /training set labels: row \d+ has label 4, expected an integer class from 0 to 3/
    );
    expect(() => trainGbdt(train, {objective: "multi:softprob"})).toThrow(/num_class/);
    expect(() => trainGbdt(train, {num_class: 4, max_depth: 0})).toThrow(/"max_depth": got 0/);
    expect(() => trainGbdt(train, {num_class: 4, early_stopping_rounds: 3})).toThrow(/needs an eval set/);
    const inf = train.features.slice();
    inf[7] = Infinity;
    expect(() => trainGbdt({...train, features: inf}, {num_class: 4})).toThrow(/row 1, feature 1 is Infinity/);
    expect(() => trainGbdt({...train, weights: new Float32Array(train.n).fill(-1)}, {num_class: 4})).toThrow(
      /row 0 has weight -1/
    );
    expect(() =>
      trainGbdt(train, {num_class: 4}, {eval: {...test, d: 3, features: test.features.subarray(0, test.n * 3)}})
    ).toThrow(/eval set: 3 features, expected 6/);
  });
});

import {describe, expect, it} from "vitest";
import {
  fitBiasBaseline,
  fitMajority,
  predictBiasBaseline,
  predictMajority
} from "../../lib/eval/classifier-baselines.js";
import {classificationReport, regressionErrors} from "../../lib/eval/classification-metrics.js";
import {labelsOf} from "../../lib/features/feature-matrix.js";
import {fiveRatingSet, tinyDataset} from "../features/tiny-dataset.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";
import {openDataset} from "../../lib/node/open-dataset.js";

const ds = fiveRatingSet();
const train = Int32Array.from([0, 1, 2, 3]);

describe("majority baseline", () => {
  it("predicts the most frequent training class (first on ties) with the class shares as probabilities", () => {
    const state = fitMajority(Int32Array.from([4, 2, 3, 1, 3]), 5);
    expect(state.majority).toBe(3);
    expect(fitMajority(Int32Array.from([4, 2, 3, 1]), 5).majority).toBe(1);
    const p = predictMajority(state, 2, [1, 2, 3, 4, 5]);
    expect(Array.from(p.classes)).toEqual([3, 3]);
    expect(Array.from(p.proba.subarray(5, 10))).toEqual([0, 0.2, 0.2, 0.4, 0.2].map((v) => Math.fround(v)));
    expect(p.rating[0]).toBeCloseTo(0.2 * 2 + 0.2 * 3 + 0.4 * 4 + 0.2 * 5, 6);
    expect(() => fitMajority(Int32Array.from([5]), 5)).toThrow(/label 5/);
  });
});

describe("rounded damped bias baseline", () => {
  it("fits μ, item then user biases with damping (hand-computed) and rounds to the nearest class", () => {
    const state = fitBiasBaseline(ds, train, {itemDamping: 1, userDamping: 1});
    expect(state.mu).toBe(3.5);
    expect(Array.from(state.itemBias)).toEqual([2 / 3, -0.25, -0.75].map((v) => expect.closeTo(v, 12)));
    expect(state.userBias[0]).toBeCloseTo((5 - 3.5 - 2 / 3 + (3 - 3.5 + 0.25)) / 3, 12);
    expect(state.userBias[1]).toBeCloseTo((4 - 3.5 - 2 / 3 + (2 - 3.5 + 0.75)) / 3, 12);
    const p = predictBiasBaseline(state, ds, Int32Array.from([4, 0]), 0.2);
    expect(p.rating[0]).toBeCloseTo(3.5 + state.userBias[0] - 0.75, 12);
    expect(p.classes[0]).toBe(2);
    expect(Array.from(p.proba.subarray(0, 5))).toEqual([0.05, 0.05, 0.8, 0.05, 0.05].map((v) => Math.fround(v)));
    expect(p.classes[1]).toBe(3); // 3.5 + 0.19 + 0.67 = 4.36 → rating 4, class index 3
  });

  it("clips predictions to the scale and rejects a bad epsilon", () => {
    const state = {
      mu: 4.9,
      userBias: Float64Array.from([0.5]),
      itemBias: Float64Array.from([0.5]),
      scale: {min: 1, max: 5, step: 1}
    };
    const one = tinyDataset([[0, 0, 5, 2000]], 1, 1, [[0]]);
    const p = predictBiasBaseline(state, one, Int32Array.from([0]));
    expect(p.rating[0]).toBe(5);
    expect(p.classes[0]).toBe(4);
    expect(() => predictBiasBaseline(state, one, Int32Array.from([0]), 1)).toThrow(/epsilon is 1/);
  });
});

describe.skipIf(!HAS_ML100K)("baselines on ml-100k u1..u5 reproduce the anchors", async () => {
  it("majority ≈ 0.342 accuracy, rounded bias ≈ 0.403 accuracy and RMSE ≈ 0.953", async () => {
    const opened = await openDataset({spec: ML100K_DIR, clean: {beforeRelease: false}});
    const data = opened.dataset;
    const folds = await opened.folds.official();
    const values = [1, 2, 3, 4, 5];
    let maj = 0,
      acc = 0,
      rmse = 0;
    for (const f of folds) {
      const yTrain = labelsOf(data, f.train),
        yTest = labelsOf(data, f.test);
      maj +=
        classificationReport(yTest, predictMajority(fitMajority(yTrain, 5), f.test.length, values).proba, values)
          .accuracy / 5;
      const p = predictBiasBaseline(fitBiasBaseline(data, f.train), data, f.test);
      acc += classificationReport(yTest, p.proba, values).accuracy / 5;
      rmse +=
        regressionErrors(
          Float64Array.from(yTest, (c) => c + 1),
          p.rating
        ).rmse / 5;
    }
    expect(Math.abs(maj - 0.342)).toBeLessThan(0.01);
    expect(Math.abs(acc - 0.403)).toBeLessThan(0.01);
    expect(Math.abs(rmse - 0.953)).toBeLessThan(0.01);
  });
});

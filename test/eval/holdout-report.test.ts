import {describe, expect, it} from "vitest";
import {holdoutReport} from "../../lib/eval/holdout-report.js";
import {stratifiedSplit} from "../../lib/eval/split.js";
import {labelsOf} from "../../lib/features/feature-matrix.js";
import {fitClassifier, predictClassifier} from "../../lib/models/classifier/pipeline.js";
import {randomDataset} from "../features/tiny-dataset.js";

describe("holdoutReport", () => {
  it("reports consistent metrics, curves and breakdowns of a hold-out fit", () => {
    const ds = randomDataset(40, 30, 3);
    const all = Int32Array.from({length: ds.ratings.rating.length}, (_, i) => i);
    const split = stratifiedSplit(labelsOf(ds, all), 0.25, 1);
    const state = fitClassifier(ds, split.train, {
      features: {nComponents: 2},
      gbdt: {n_estimators: 8, max_depth: 3, learning_rate: 0.3, early_stopping_rounds: null},
      validationFraction: 0.2
    });
    const {probabilities} = predictClassifier(state, ds, split.test);
    const r = holdoutReport(ds, state, split.train, split.test, probabilities);
    const K = 5;
    expect(r.classes).toEqual([1, 2, 3, 4, 5]);
    expect(r.nTest).toBe(split.test.length);
    expect(r.confusion.reduce((a, b) => a + b, 0)).toBe(split.test.length);
    const diag = r.classes.reduce((s, _, k) => s + r.confusion[k * K + k], 0);
    expect(r.metrics.accuracy).toBeCloseTo(diag / split.test.length, 12);
    expect(r.training.trainLoss).toHaveLength(8);
    expect(r.training.validLoss).toHaveLength(8);
    expect(r.importance).toHaveLength(state.columnNames.length);
    expect(r.byUserActivity.rows.reduce((a, b) => a + b, 0)).toBe(split.test.length);
    expect(r.byMoviePopularity.rows.reduce((a, b) => a + b, 0)).toBe(split.test.length);
    expect(r.perClass.support.reduce((a, b) => a + b, 0)).toBe(split.test.length);
    expect(r.calibration.count.length).toBe(K * r.calibration.nBins);
    // Majority baseline: one class predicted for every row.
    expect(r.baselines.majority.accuracy).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(r)).metrics.accuracy).toBe(r.metrics.accuracy);
  });
});

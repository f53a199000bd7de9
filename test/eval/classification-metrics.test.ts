import {describe, expect, it} from "vitest";
import {
  accuracy,
  argmaxClasses,
  calibrationBins,
  classificationReport,
  classScores,
  confusionMatrix,
  expectedRating,
  logLoss,
  normalizeRows,
  regressionErrors
} from "../../lib/eval/classification-metrics.js";

// Reference values from scikit-learn 1.2.1 (precision_recall_fscore_support zero_division=0, log_loss) on this input.
const y = Int32Array.from([0, 0, 1, 2, 2, 2, 1, 0]);
const P = Float32Array.from([
  0.7, 0.2, 0.1, 0.3, 0.4, 0.3, 0.2, 0.5, 0.3, 0.1, 0.1, 0.8, 0.2, 0.5, 0.3, 0.4, 0.3, 0.3, 0.5, 0.25, 0.25, 0.6, 0.3,
  0.1
]);

describe("classification metrics", () => {
  it("argmax, accuracy and confusion match scikit-learn", () => {
    const pred = argmaxClasses(P, 3);
    expect(Array.from(pred)).toEqual([0, 1, 1, 2, 1, 0, 0, 0]);
    expect(accuracy(y, pred)).toBe(0.5);
    expect(Array.from(confusionMatrix(y, pred, 3))).toEqual([2, 1, 0, 1, 1, 0, 1, 1, 1]);
  });

  it("argmax takes the first maximum on ties", () => {
    expect(Array.from(argmaxClasses(Float32Array.from([0.5, 0.5, 0.2, 0.4, 0.4]), 5))).toEqual([0]);
  });

  it("per-class, macro and weighted scores match scikit-learn", () => {
    const s = classScores(confusionMatrix(y, argmaxClasses(P, 3), 3), 3);
    expect(Array.from(s.precision)).toEqual([0.5, 1 / 3, 1].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(s.recall)).toEqual([2 / 3, 0.5, 1 / 3].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(s.f1)).toEqual([0.5714285714285714, 0.4, 0.5].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(s.support)).toEqual([3, 2, 3]);
    expect(s.macro.precision).toBeCloseTo(0.611111111111111, 12);
    expect(s.macro.recall).toBeCloseTo(0.5, 12);
    expect(s.macro.f1).toBeCloseTo(0.4904761904761905, 12);
    expect(s.weighted.precision).toBeCloseTo(0.6458333333333333, 12);
    expect(s.weighted.f1).toBeCloseTo(0.5017857142857143, 12);
  });

  it("zero division counts as 0 and absent classes stay in the macro average", () => {
    const s = classScores(confusionMatrix(Int32Array.from([0, 1, 1, 0]), Int32Array.from([0, 0, 1, 1]), 3), 3);
    expect(Array.from(s.f1)).toEqual([0.5, 0.5, 0]);
    expect(s.macro.f1).toBeCloseTo(1 / 3, 12);
    expect(s.weighted.f1).toBeCloseTo(0.5, 12);
  });

  it("log loss matches scikit-learn and clips zero probabilities at 1e-15", () => {
    expect(logLoss(y, P, 3)).toBeCloseTo(0.8477505092095721, 6);
    expect(logLoss(Int32Array.from([1]), Float32Array.from([1, 0]), 2)).toBeCloseTo(-Math.log(1e-15), 9);
  });

  it("row-normalised confusion divides by the true-class totals, empty rows stay 0", () => {
    const n = normalizeRows(Int32Array.from([1, 3, 0, 0]), 2);
    expect(Array.from(n)).toEqual([0.25, 0.75, 0, 0]);
  });

  it("expected rating and its RMSE / MAE", () => {
    const e = expectedRating(Float32Array.from([0.5, 0.5, 0, 0, 0, 1]), [1, 2, 3]);
    expect(e[0]).toBeCloseTo(1.5, 6);
    expect(e[1]).toBeCloseTo(3, 6);
    const {rmse, mae} = regressionErrors([1, 3], [1.5, 2]);
    expect(rmse).toBeCloseTo(Math.sqrt((0.25 + 1) / 2), 12);
    expect(mae).toBeCloseTo(0.75, 12);
  });

  it("calibration bins count rows, mean prediction and observed frequency per class", () => {
    const c = calibrationBins(Int32Array.from([0, 1, 0]), Float32Array.from([0.95, 0.05, 0.15, 0.85, 1, 0]), 2, 10);
    // class 0: p = 0.95 (true), 0.15 (false), 1.0 (true, last bin)
    expect(c.count[9]).toBe(2);
    expect(c.meanPredicted[9]).toBeCloseTo(0.975, 6);
    expect(c.observed[9]).toBe(1);
    expect(c.count[1]).toBe(1);
    expect(c.observed[1]).toBe(0);
    expect(Number.isNaN(c.observed[5])).toBe(true);
    // class 1: p = 0.05 (false), 0.85 (true), 0 (false)
    expect(c.count[10 + 0]).toBe(2);
    expect(c.observed[10 + 8]).toBe(1);
    expect(c.edges.length).toBe(11);
  });

  it("the full report agrees with the parts", () => {
    const r = classificationReport(y, P, [1, 2, 3]);
    expect(r.accuracy).toBe(0.5);
    expect(r.scores.macro.f1).toBeCloseTo(0.4904761904761905, 12);
    expect(r.logLoss).toBeCloseTo(0.8477505092095721, 6);
    const truth = Array.from(y, (t) => t + 1);
    const e = expectedRating(P, [1, 2, 3]);
    expect(r.rmse).toBeCloseTo(Math.sqrt(truth.reduce((s, t, i) => s + (t - e[i]) ** 2, 0) / 8), 12);
    expect(r.confusionNormalized[0]).toBeCloseTo(2 / 3, 12);
  });

  it("rejects shapes and classes that do not fit", () => {
    expect(() => argmaxClasses(new Float32Array(5), 3)).toThrow(/multiple of 3/);
    expect(() => confusionMatrix(Int32Array.from([3]), Int32Array.from([0]), 3)).toThrow(/true class 3/);
    expect(() => accuracy(new Int32Array(2), new Int32Array(3))).toThrow(/2 rows/);
  });
});

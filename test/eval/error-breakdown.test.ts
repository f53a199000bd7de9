import {describe, expect, it} from "vitest";
import {countsOf, errorBreakdown, quantileUppers} from "../../lib/eval/error-breakdown.js";

describe("quantileUppers", () => {
  it("puts about equal rows in each bucket and merges ties", () => {
    expect(quantileUppers([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([2, 4, 6, 8, 10]);
    expect(quantileUppers([3, 3, 3, 3, 9], 4)).toEqual([3, 9]);
    expect(quantileUppers([], 3)).toEqual([]);
    expect(() => quantileUppers([1], 0)).toThrow(/nBuckets is 0/);
  });
});

describe("countsOf", () => {
  it("counts training rows per index", () => {
    expect(Array.from(countsOf(Int32Array.from([0, 1, 1, 2, 1]), Int32Array.from([1, 2, 4]), 4))).toEqual([0, 3, 0, 0]);
  });
});

describe("errorBreakdown", () => {
  it("computes accuracy and expected-rating errors per bucket", () => {
    const classes = [1, 2, 3];
    // Row 0: sure of class 0, truth 0. Row 1: p = (0.5, 0.5, 0), truth 1 (argmax 0: wrong). Rows 2, 3: sure of 2, truth 2 and 0.
    const proba = Float32Array.from([1, 0, 0, 0.5, 0.5, 0, 0, 0, 1, 0, 0, 1]);
    const truth = Int32Array.from([0, 1, 2, 0]);
    const b = errorBreakdown(truth, proba, classes, [1, 2, 10, 10], 2);
    expect(b.lower).toEqual([1, 3]);
    expect(b.upper).toEqual([2, 10]);
    expect(b.rows).toEqual([2, 2]);
    expect(b.accuracy).toEqual([0.5, 0.5]);
    // Bucket 0 errors: 0 and (1.5 − 2); bucket 1: 0 and (3 − 1).
    expect(b.rmse[0]).toBeCloseTo(Math.sqrt(0.25 / 2), 6);
    expect(b.mae[0]).toBeCloseTo(0.25, 6);
    expect(b.rmse[1]).toBeCloseTo(Math.sqrt(2), 6);
    expect(b.mae[1]).toBeCloseTo(1, 6);
  });

  it("rejects mismatched inputs", () => {
    expect(() => errorBreakdown(Int32Array.from([0]), Float32Array.from([1, 0]), [1, 2, 3], [1])).toThrow(
      /expected 1 rows × 3 classes/
    );
    expect(() => errorBreakdown(Int32Array.from([0]), Float32Array.from([1, 0, 0]), [1, 2, 3], [1, 2])).toThrow(
      /one per row/
    );
  });
});

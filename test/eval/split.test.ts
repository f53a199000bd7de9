import {describe, expect, it} from "vitest";
import {
  kFold,
  largestRemainder,
  roundHalfEven,
  stratifiedKFold,
  stratifiedSplit,
  stratifiedSplitBy
} from "../../lib/eval/split.js";

function countsOf(labels: Int32Array, rows: Int32Array, k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (const r of rows) c[labels[r]]++;
  return c;
}

function isSortedPartition(a: Int32Array, b: Int32Array, n: number): boolean {
  const seen = new Uint8Array(n);
  for (const x of [...a, ...b]) {
    if (seen[x]) return false;
    seen[x] = 1;
  }
  const sorted = (v: Int32Array) => v.every((x, i) => i === 0 || v[i - 1] < x);
  return seen.every((s) => s === 1) && sorted(a) && sorted(b);
}

// 10 of class 0, 7 of class 1, 3 of class 2.
const labels = Int32Array.from([...new Array(10).fill(0), ...new Array(7).fill(1), ...new Array(3).fill(2)]);

describe("largestRemainder", () => {
  it("shares integers by largest remainder", () => {
    // 4 of 20 rows: exact 2, 1.4, 0.6 → floors 2,1,0 and the one left goes to the largest remainder (0.6).
    expect(Array.from(largestRemainder([10, 7, 3], 4))).toEqual([2, 1, 1]);
    expect(Array.from(largestRemainder([1, 1, 1], 2))).toEqual([1, 1, 0]);
  });
});

describe("stratifiedSplit", () => {
  it("keeps class proportions exactly and is deterministic per seed", () => {
    const s = stratifiedSplit(labels, 0.2, 7);
    expect(s.test.length).toBe(4);
    expect(countsOf(labels, s.test, 3)).toEqual([2, 1, 1]);
    expect(isSortedPartition(s.train, s.test, 20)).toBe(true);
    expect(stratifiedSplit(labels, 0.2, 7)).toEqual(s);
    const others = [1, 2, 3, 4, 5].map((seed) => Array.from(stratifiedSplit(labels, 0.2, seed).test).join());
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it("rejects a fraction outside (0, 1) and negative labels", () => {
    expect(() => stratifiedSplit(labels, 1, 0)).toThrow(/strictly between/);
    expect(() => stratifiedSplit(Int32Array.from([0, -1]), 0.5, 0)).toThrow(/labels\[1\] is -1/);
  });
});

describe("stratifiedKFold", () => {
  it("gives disjoint test folds covering every row with per-class counts within one", () => {
    const folds = stratifiedKFold(labels, 3, 1);
    const all = folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({length: 20}, (_, i) => i));
    for (const f of folds) {
      expect(isSortedPartition(f.train, f.test, 20)).toBe(true);
      const c = countsOf(labels, f.test, 3);
      expect(c[0] === 3 || c[0] === 4).toBe(true);
      expect(c[1] === 2 || c[1] === 3).toBe(true);
      expect(c[2]).toBe(1);
    }
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it("rejects k outside 2..n", () => {
    expect(() => stratifiedKFold(labels, 1, 0)).toThrow(/k is 1/);
    expect(() => kFold(3, 4, 0)).toThrow(/k is 4/);
  });
});

describe("kFold", () => {
  it("cuts n rows into k folds of floor or ceil n/k", () => {
    const folds = kFold(10, 3, 5);
    expect(folds.map((f) => f.test.length).sort()).toEqual([3, 3, 4]);
    expect(folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b)).toEqual(
      Array.from({length: 10}, (_, i) => i)
    );
  });

  it("gives the n mod k extra rows to the first folds, as Surprise's KFold", () => {
    // Surprise: stop += n // k, plus 1 while fold_i < n % k → sizes 2, 2, 1, 1, 1 for n = 7, k = 5.
    expect(kFold(7, 5, 1).map((f) => f.test.length)).toEqual([2, 2, 1, 1, 1]);
  });
});

describe("roundHalfEven", () => {
  it("rounds halves to the even integer, as Python's round", () => {
    expect([0.5, 1.5, 2.5, 3.5, 4.5, 10.5, 2.4, 2.6, 3].map(roundHalfEven)).toEqual([0, 2, 2, 4, 4, 10, 2, 3, 3]);
  });
});

describe("stratifiedSplitBy", () => {
  it("puts round-half-even(0.75 n) of each group's rows in train", () => {
    // group 0: 4 rows → 3 train; group 1: 2 rows → round(1.5) = 2; group 2: 1 row → round(0.75) = 1;
    // group 3: 6 rows → round(4.5) = 4 (Python's round; Math.round would give 5).
    const groups = Int32Array.from([0, 1, 0, 2, 0, 1, 0, 3, 3, 3, 3, 3, 3]);
    const s = stratifiedSplitBy(groups, 0.75, 3);
    expect(countsOf(groups, s.train, 4)).toEqual([3, 2, 1, 4]);
    expect(countsOf(groups, s.test, 4)).toEqual([1, 0, 0, 2]);
    expect(isSortedPartition(s.train, s.test, groups.length)).toBe(true);
  });

  it("drops groups with fewer than minRows rows from both parts", () => {
    const groups = Int32Array.from([0, 0, 0, 0, 1, 1]);
    const s = stratifiedSplitBy(groups, 0.75, 3, 3);
    expect([...s.train, ...s.test].sort()).toEqual([0, 1, 2, 3]);
    expect(() => stratifiedSplitBy(groups, 0.75, 3, 0)).toThrow(/minRows is 0/);
  });
});

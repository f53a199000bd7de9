import {describe, expect, it} from "vitest";
import {binMatrix, binOf, binTrainingMatrix, computeCuts, MISSING_CODE} from "../../../lib/models/gbdt/binning.js";
import {createRng} from "../../../lib/random.js";

describe("computeCuts", () => {
  it("uses every distinct value as its own bin when there are at most max_bin of them (XGBoost's layout)", () => {
    const x = Float32Array.from([3, 1, 2, 2, 1, 5]);
    const c = computeCuts(x, 6, 1, 256);
    // Cuts: v1..vk-1 then a value above the maximum.
    expect(Array.from(c.cuts)).toEqual([2, 3, 5, Math.fround(5 + 5 + 1e-5)]);
    expect(c.ptr[1] - c.ptr[0]).toBe(4);
    expect(c.minValues[0]).toBeCloseTo(1 - 1 - 1e-5, 6);
    expect(Array.from(binMatrix(c, x, 6))).toEqual([2, 0, 1, 1, 0, 3]);
  });

  it("places at most max_bin quantile bins with roughly equal counts on continuous data", () => {
    const n = 10000;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.fround(Math.sin(i) * 1000 + i / 7);
    const c = computeCuts(x, n, 1, 16);
    const nb = c.ptr[1] - c.ptr[0];
    expect(nb).toBeLessThanOrEqual(16);
    expect(nb).toBeGreaterThanOrEqual(15);
    const counts = new Array(nb).fill(0);
    for (const b of binMatrix(c, x, n)) counts[b]++;
    for (const k of counts) expect(Math.abs(k - n / 16)).toBeLessThan((n / 16) * 0.1);
  });

  it("codes NaN to the missing code and keeps that code out of the value bins", () => {
    const vals = Array.from({length: 600}, (_, i) => (i % 7 === 0 ? NaN : i));
    const x = Float32Array.from(vals);
    const c = computeCuts(x, 600, 1, 256);
    expect(c.hasMissing[0]).toBe(1);
    expect(c.ptr[1] - c.ptr[0]).toBeLessThanOrEqual(255);
    const b = binMatrix(c, x, 600);
    for (let i = 0; i < 600; i++) {
      if (Number.isNaN(vals[i])) expect(b[i]).toBe(MISSING_CODE);
      else expect(b[i]).toBeLessThan(255);
    }
  });

  it("bins agree with the split test x < cut: bin <= b exactly when x < cuts[b]", () => {
    const n = 2000;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.fround(Math.cos(i * 1.3) * 50);
    const c = computeCuts(x, n, 1, 32);
    const nb = c.ptr[1];
    const codes = binMatrix(c, x, n);
    let disagreements = 0;
    for (let i = 0; i < n; i++) {
      const bin = binOf(c, 0, x[i]);
      if (bin !== codes[i]) disagreements++;
      for (let b = 0; b < nb; b++) if (bin <= b !== x[i] < c.cuts[b]) disagreements++;
    }
    expect(disagreements).toBe(0);
  });

  it("rejects NaN at encoding time in a feature trained without missing values, and a wrong shape", () => {
    const c = computeCuts(Float32Array.from([1, 2, 3]), 3, 1, 256);
    expect(() => binMatrix(c, Float32Array.from([1, NaN]), 2)).toThrow(/row 1, feature 0 is missing/);
    expect(() => computeCuts(Float32Array.from([1, 2, 3]), 2, 2, 256)).toThrow(/expected n × d = 2 × 2/);
  });

  it("clamps values above the training maximum to the last bin", () => {
    const c = computeCuts(Float32Array.from([1, 2, 3]), 3, 1, 256);
    expect(binOf(c, 0, 100)).toBe(2);
    expect(binOf(c, 0, -100)).toBe(0);
  });
});

describe("binTrainingMatrix", () => {
  it("gives exactly computeCuts and binMatrix's cuts and codes (negatives, −0, ties, NaN, more values than bins)", () => {
    const rng = createRng(11);
    const n = 5000;
    const d = 6;
    const x = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      x[i * d] = rng.normal() * 1e3;
      x[i * d + 1] = rng.int(5) - 2;
      x[i * d + 2] = rng.next() < 0.2 ? NaN : rng.normal();
      x[i * d + 3] = [0, -0, 1e-30, -1e-30][rng.int(4)];
      x[i * d + 4] = rng.next() < 0.5 ? NaN : 7;
      x[i * d + 5] = Math.exp(rng.normal() * 20);
    }
    for (const maxBin of [256, 16, 2]) {
      const ref = computeCuts(x, n, d, maxBin);
      const {cuts, bins} = binTrainingMatrix(x, n, d, maxBin);
      expect(cuts).toEqual(ref);
      expect(bins).toEqual(binMatrix(ref, x, n));
    }
  });

  it("handles a feature that is missing everywhere and rejects a wrong shape", () => {
    const x = Float32Array.of(NaN, 1, NaN, 2, NaN, 3);
    const {cuts, bins} = binTrainingMatrix(x, 3, 2, 256);
    expect(cuts).toEqual(computeCuts(x, 3, 2, 256));
    expect(bins).toEqual(binMatrix(cuts, x, 3));
    expect(() => binTrainingMatrix(x, 4, 2, 256)).toThrow(/expected n × d = 4 × 2/);
  });
});

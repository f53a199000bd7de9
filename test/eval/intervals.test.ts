import {describe, expect, it} from "vitest";
import {
  bootstrapMean,
  bootstrapStatistic,
  logGamma,
  quantileSorted,
  studentQuantile,
  studentTwoSidedP,
  tInterval
} from "../../lib/eval/intervals.js";

describe("confidence intervals", () => {
  it("gives Student's t quantiles of the textbook tables", () => {
    // t(0.975) for df 1, 4, 9, 30 from any t table: 12.706, 2.776, 2.262, 2.042.
    expect(studentQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(studentQuantile(0.975, 9)).toBeCloseTo(2.262, 3);
    expect(studentQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(studentQuantile(0.025, 4)).toBeCloseTo(-2.776, 3);
    expect(studentQuantile(0.95, 10)).toBeCloseTo(1.812, 3);
    expect(studentTwoSidedP(0, 5)).toBe(1);
    expect(studentTwoSidedP(2.228, 10)).toBeCloseTo(0.05, 4);
    expect(Math.exp(logGamma(5))).toBeCloseTo(24, 9);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it("makes the t interval of a mean over folds by hand", () => {
    // 1..5: mean 3, sd √2.5, se √0.5; half-width 2.7764 × 0.7071 = 1.9632.
    const iv = tInterval([1, 2, 3, 4, 5]);
    expect(iv.method).toBe("t");
    expect(iv.estimate).toBe(3);
    expect(iv.lo).toBeCloseTo(3 - 1.9632, 4);
    expect(iv.hi).toBeCloseTo(3 + 1.9632, 4);
    expect(tInterval([0.9])).toEqual({estimate: 0.9, lo: 0.9, hi: 0.9, level: 0.95, method: "none", n: 1});
    expect(() => tInterval([])).toThrow(/no values/);
  });

  it("bootstraps a mean over users: seeded, deterministic, around the mean, narrowing with n", () => {
    const xs = Array.from({length: 200}, (_, i) => (i * 37) % 11);
    const a = bootstrapMean(xs, {seed: 7});
    const b = bootstrapMean(xs, {seed: 7});
    expect(a).toEqual(b);
    expect(bootstrapMean(xs, {seed: 8}).lo).not.toBe(a.lo);
    expect(a.lo).toBeLessThan(a.estimate);
    expect(a.hi).toBeGreaterThan(a.estimate);
    // The normal approximation: mean ± 1.96·sd/√n; the percentile bootstrap lands close to it.
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
    expect(a.hi - a.lo).toBeGreaterThan(0.85 * 2 * 1.96 * (sd / Math.sqrt(200)));
    expect(a.hi - a.lo).toBeLessThan(1.15 * 2 * 1.96 * (sd / Math.sqrt(200)));
    // A constant has no spread.
    expect(bootstrapMean([2, 2, 2])).toMatchObject({lo: 2, hi: 2, estimate: 2});
  });

  it("resamples units for a ratio statistic and takes numpy's linear quantiles", () => {
    // Units are users with (sum, count); the statistic pools them.
    const sums = [1, 2, 30],
      counts = [1, 1, 10];
    const iv = bootstrapStatistic(
      3,
      (idx) => {
        let s = 0,
          n = 0;
        for (const i of idx) {
          s += sums[i];
          n += counts[i];
        }
        return s / n;
      },
      {resamples: 500, seed: 1}
    );
    expect(iv.estimate).toBeCloseTo(33 / 12, 12);
    expect(iv.lo).toBeGreaterThanOrEqual(1);
    expect(iv.hi).toBeLessThanOrEqual(3);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 12);
    expect(() => bootstrapStatistic(0, () => 0)).toThrow(/at least one unit/);
  });
});

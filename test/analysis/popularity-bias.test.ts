import {describe, expect, it} from "vitest";
import {popularityBias} from "../../lib/analysis/popularity-bias.js";

describe("popularityBias", () => {
  it("correlates the mean with log10 of the count (hand-computed r ≈ 0.2339)", () => {
    // x = log10([3, 2, 1, 1]), y = [4, 3, 1, 5]: cov 0.28258, var x 0.16688, var y 8.75.
    const p = popularityBias([3, 2, 1, 1, 0], [4, 3, 1, 5, NaN], 5);
    expect(p.movies).toBe(4);
    expect(p.correlation).toBeCloseTo(0.28258 / Math.sqrt(0.16688 * 8.75), 3);
    // Bins [1,2), [2,3), [3,4): movies with 1 rating average (1 + 5) / 2.
    expect(p.bins.lo).toEqual([1, 2, 3]);
    expect(p.bins.movies).toEqual([2, 1, 1]);
    expect(p.bins.meanOfMeans).toEqual([3, 3, 4]);
  });

  it("gives a perfect correlation on a straight line and NaN when undefined", () => {
    expect(popularityBias([1, 10, 100], [2, 3, 4]).correlation).toBeCloseTo(1, 12);
    expect(Number.isNaN(popularityBias([5], [3]).correlation)).toBe(true);
    expect(Number.isNaN(popularityBias([5, 5], [3, 4]).correlation)).toBe(true);
  });
});

import {describe, expect, it} from "vitest";
import {ratingHistogram, scaleLevel, scaleValues} from "../../lib/analysis/rating-histogram.js";
import {tinyDataset} from "./tiny-dataset.js";

describe("ratingHistogram", () => {
  it("counts each value of a whole-star scale", () => {
    const d = tinyDataset();
    const h = ratingHistogram(d.ratings.rating, d.scale);
    expect(h.values).toEqual([1, 2, 3, 4, 5]);
    expect(h.counts).toEqual([1, 1, 1, 2, 2]);
    expect(h.total).toBe(7);
    expect(h.offScale).toBe(0);
    expect(h.shares[3]).toBeCloseTo(2 / 7, 12);
    expect(h.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("reads half stars from the scale and flags off-grid ratings", () => {
    const scale = {min: 0.5, max: 5, step: 0.5};
    expect(scaleValues(scale)).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    const h = ratingHistogram([0.5, 3.5, 3.5, 5, 4.25, 6], scale);
    expect(h.counts).toEqual([1, 0, 0, 0, 0, 0, 2, 0, 0, 1]);
    expect(h.offScale).toBe(2);
    expect(h.shares[6]).toBeCloseTo(2 / 6, 12);
    expect(scaleLevel(4.25, scale)).toBe(-1);
  });

  it("gives zero shares for no ratings", () => {
    const h = ratingHistogram([], {min: 1, max: 5, step: 1});
    expect(h.counts).toEqual([0, 0, 0, 0, 0]);
    expect(h.shares).toEqual([0, 0, 0, 0, 0]);
  });
});

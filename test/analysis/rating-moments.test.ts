import {describe, expect, it} from "vitest";
import {ratingMoments} from "../../lib/analysis/rating-moments.js";
import {tinyDataset} from "./tiny-dataset.js";

describe("ratingMoments", () => {
  it("computes mean, population sd and median by hand", () => {
    // Ratings 5,4,3,1,4,2,5: sum 24, sum of squares 96.
    const m = ratingMoments(tinyDataset().ratings.rating);
    expect(m.n).toBe(7);
    expect(m.mean).toBeCloseTo(24 / 7, 12);
    expect(m.sd).toBeCloseTo(Math.sqrt(96 / 7 - (24 / 7) ** 2), 12);
    expect(m.median).toBe(4);
  });

  it("averages the two middle values for an even count", () => {
    expect(ratingMoments([1, 2, 4, 5]).median).toBe(3);
  });

  it("is NaN for no ratings", () => {
    const m = ratingMoments([]);
    expect(m.n).toBe(0);
    expect(Number.isNaN(m.mean) && Number.isNaN(m.sd) && Number.isNaN(m.median)).toBe(true);
  });
});

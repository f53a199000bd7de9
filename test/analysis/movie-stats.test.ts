import {describe, expect, it} from "vitest";
import {movieStats} from "../../lib/analysis/movie-stats.js";
import {tinyDataset} from "./tiny-dataset.js";

describe("movieStats", () => {
  it("gives the count and mean of each movie and the global mean", () => {
    const s = movieStats(tinyDataset());
    expect(Array.from(s.count)).toEqual([3, 2, 1, 1]);
    expect(Array.from(s.mean)).toEqual([4, 3, 1, 5]);
    expect(s.globalMean).toBeCloseTo(24 / 7, 12);
  });

  it("is NaN for an unrated movie", () => {
    const d = tinyDataset();
    d.ratings = {
      user: new Int32Array(0),
      movie: new Int32Array(0),
      rating: new Float32Array(0),
      timestamp: new Float64Array(0)
    };
    const s = movieStats(d);
    expect(Array.from(s.count)).toEqual([0, 0, 0, 0]);
    expect(Number.isNaN(s.mean[0]) && Number.isNaN(s.globalMean)).toBe(true);
  });
});

import {describe, expect, it} from "vitest";
import {countStats, summarizeDataset} from "../../lib/data/summary.js";
import type {Dataset} from "../../lib/data/types.js";

// 3 users × 4 movies, 6 ratings on a half-star scale 0.5..2.
function tiny(): Dataset {
  return {
    name: "tiny",
    source: {kind: "synthetic", format: "synthetic", seed: 1},
    scale: {min: 0.5, max: 2, step: 0.5},
    ratings: {
      user: Int32Array.from([0, 0, 0, 1, 1, 2]),
      movie: Int32Array.from([0, 1, 2, 0, 1, 0]),
      rating: Float32Array.from([0.5, 1.5, 2, 2, 1.5, 1.5]),
      timestamp: Float64Array.from([86400, 0, 3 * 86400, 2 * 86400, 86400 + 1, 5])
    },
    movies: {
      id: Int32Array.from([1, 2, 3, 4]),
      title: ["a", "b", "c", "d"],
      year: new Float64Array(4).fill(NaN),
      releaseDate: new Float64Array(4).fill(NaN),
      genreNames: ["X", "Y", "Z"],
      genres: new Uint8Array(12)
    },
    userIds: Int32Array.from([10, 20, 30])
  };
}

describe("summarizeDataset", () => {
  it("matches hand-computed counts, shares, moments, dates and activity", () => {
    const s = summarizeDataset(tiny());
    expect(s.counts).toEqual({ratings: 6, users: 3, movies: 4, genres: 3});
    expect(s.ratingCounts).toEqual([
      {value: 0.5, count: 1, share: 1 / 6},
      {value: 1, count: 0, share: 0},
      {value: 1.5, count: 3, share: 0.5},
      {value: 2, count: 2, share: 1 / 3}
    ]);
    expect(s.offScale).toBe(0);
    // mean = 9 / 6 = 1.5; squared deviations 1 + 0 + .25 + .25 + 0 + 0 = 1.5 → sd = √0.25
    expect(s.mean).toBeCloseTo(1.5, 12);
    expect(s.sd).toBeCloseTo(0.5, 12);
    expect(s.firstRating).toBe("1970-01-01T00:00:00.000Z");
    expect(s.lastRating).toBe("1970-01-04T00:00:00.000Z");
    expect(s.density).toBe(6 / 12);
    expect(s.perUser).toEqual({min: 1, median: 2, max: 3});
    expect(s.perMovie).toEqual({min: 0, median: 1.5, max: 3});
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it("counts ratings off the scale's grid instead of hiding them", () => {
    const d = tiny();
    d.ratings.rating[0] = 0.75;
    d.ratings.rating[1] = 9;
    const s = summarizeDataset(d);
    expect(s.offScale).toBe(2);
    expect(s.ratingCounts.reduce((a, r) => a + r.count, 0)).toBe(4);
  });

  it("handles an empty rating set", () => {
    const d = tiny();
    d.ratings = {
      user: new Int32Array(0),
      movie: new Int32Array(0),
      rating: new Float32Array(0),
      timestamp: new Float64Array(0)
    };
    const s = summarizeDataset(d);
    expect(s.mean).toBeNaN();
    expect(s.firstRating).toBeNull();
    expect(s.density).toBe(0);
    expect(s.perMovie).toEqual({min: 0, median: 0, max: 0});
  });
});

describe("countStats", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(countStats(Int32Array.from([5, 1, 3]))).toEqual({min: 1, median: 3, max: 5});
    expect(countStats(Int32Array.from([4, 1, 10, 2]))).toEqual({min: 1, median: 3, max: 10});
    expect(countStats(new Int32Array(0)).median).toBeNaN();
  });
});

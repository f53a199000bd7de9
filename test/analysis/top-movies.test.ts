import {describe, expect, it} from "vitest";
import {dampedMean, rankMovies} from "../../lib/analysis/top-movies.js";

// Counts and means of the tiny data set's movies.
const COUNT = [3, 2, 1, 1];
const MEAN = [4, 3, 1, 5];

describe("rankMovies", () => {
  it("ranks by count, ties by row", () => {
    expect(rankMovies(COUNT, MEAN, {by: "count"})).toEqual([0, 1, 2, 3]);
  });

  it("ranks by mean with a minimum count", () => {
    expect(rankMovies(COUNT, MEAN, {by: "mean"})).toEqual([3, 0, 1, 2]);
    expect(rankMovies(COUNT, MEAN, {by: "mean", minCount: 2})).toEqual([0, 1]);
    expect(rankMovies(COUNT, MEAN, {by: "mean", minCount: 4})).toEqual([]);
    expect(rankMovies(COUNT, MEAN, {by: "mean", limit: 2})).toEqual([3, 0]);
  });

  it("damps means toward the prior: the single 5-star movie falls behind with k = 10", () => {
    // k = 2, prior 3: 3.6, 3, 2.33, 3.67.  k = 10: 3.23, 3, 2.82, 3.18.
    expect(rankMovies(COUNT, MEAN, {by: "mean", damping: 2, prior: 3})).toEqual([3, 0, 1, 2]);
    expect(rankMovies(COUNT, MEAN, {by: "mean", damping: 10, prior: 3})).toEqual([0, 3, 1, 2]);
    expect(dampedMean(3, 4, 2, 3)).toBeCloseTo(3.6, 12);
    expect(dampedMean(3, 4, 0, 3)).toBe(4);
  });

  it("rejects a negative damping or a missing prior", () => {
    expect(() => rankMovies(COUNT, MEAN, {by: "mean", damping: -1, prior: 3})).toThrow(/damping/);
    expect(() => rankMovies(COUNT, MEAN, {by: "mean", damping: 5})).toThrow(/prior/);
  });
});

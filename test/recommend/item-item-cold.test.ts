import {describe, expect, it} from "vitest";
import type {SparseRanker} from "../../lib/bundle/workbench.js";
import {rankerScores} from "../../lib/bundle/workbench.js";
import {itemItemContributions, itemItemScores, rankerWeight} from "../../lib/recommend/item-item-cold.js";

/** Four movies; row i lists w(i, j) by ascending j. */
const ranker: SparseRanker = {
  name: "ease",
  nMovies: 4,
  neighbours: 2,
  indptr: Int32Array.of(0, 2, 4, 5, 5),
  indices: Uint16Array.of(1, 3, 0, 3, 3),
  weights: Float32Array.of(0.5, 0.25, 0.5, -0.125, 1)
};

describe("item–item scores for a visitor", () => {
  it("sums w(i, j) · x_i over the rated movies (hand-worked)", () => {
    // Rated 0 and 2 with x = 1: movie 1 gets w(0,1) = 0.5; movie 3 gets w(0,3) + w(2,3) = 1.25.
    expect(Array.from(itemItemScores(ranker, [0, 2], [1, 1]))).toEqual([0, 0.5, 0, 1.25]);
    expect(Array.from(itemItemScores(ranker, [0, 2], [2, 0]))).toEqual([0, 1, 0, 0.5]);
  });

  it("with x = 1 equals the bundle's scoring of a user who rated the same movies", () => {
    expect(Array.from(itemItemScores(ranker, [0, 1, 2], [1, 1, 1]))).toEqual(
      Array.from(rankerScores(ranker, [0, 1, 2]))
    );
  });

  it("finds single weights and splits a score into its terms", () => {
    expect(rankerWeight(ranker, 1, 3)).toBe(-0.125);
    expect(rankerWeight(ranker, 1, 2)).toBe(0);
    expect(rankerWeight(ranker, 3, 0)).toBe(0);
    expect(Array.from(itemItemContributions(ranker, [0, 1, 2], [1, 1, 1], 3))).toEqual([0.25, -0.125, 1]);
  });
});

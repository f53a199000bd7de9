import {describe, expect, it} from "vitest";
import {becauseYouRated} from "../../lib/recommend/because-you-rated.js";
import {itemItemContributions} from "../../lib/recommend/item-item-cold.js";
import {foldIn, foldInContributions} from "../../lib/recommend/fold-in.js";
import {TINY_ITEMS, TINY_VISITOR} from "../helpers/tiny-fold-in.js";
import type {SparseRanker} from "../../lib/bundle/workbench.js";

describe("becauseYouRated", () => {
  it("names the largest positive terms, largest first, ties to the lower movie, at most count", () => {
    expect(becauseYouRated([7, 3, 9, 5, 1], [0.2, -1, 0.5, 0.2, 0], 3)).toEqual([
      {movie: 9, contribution: 0.5},
      {movie: 5, contribution: 0.2},
      {movie: 7, contribution: 0.2}
    ]);
    expect(becauseYouRated([7, 3], [0.2, 0.9], 1)).toEqual([{movie: 3, contribution: 0.9}]);
    expect(becauseYouRated([7, 3], [-0.2, 0], 3)).toEqual([]);
  });

  it("pins the item–item explanation of a hand-made ranker", () => {
    // Candidate 4; rated 0..3 with weights w(i, 4) = 0.1, 0.4, −0.3, 0.4.
    const r: SparseRanker = {
      name: "ease",
      nMovies: 5,
      neighbours: 1,
      indptr: Int32Array.of(0, 1, 2, 3, 4, 4),
      indices: Uint16Array.of(4, 4, 4, 4),
      weights: Float32Array.of(0.1, 0.4, -0.3, 0.4)
    };
    const rated = [0, 1, 2, 3];
    const why = becauseYouRated(rated, itemItemContributions(r, rated, [1, 1, 1, 1], 4));
    expect(why.map((w) => w.movie)).toEqual([1, 3, 0]);
  });

  it("pins the MF explanation of the hand-worked fold-in", () => {
    // The fold-in test's rank-1 case: movie 2's terms are 3.3 / 2.44 (movie 0) and 0.4 / 2.44 (movie 1).
    const items = TINY_ITEMS;
    const v = TINY_VISITOR;
    const why = becauseYouRated(v.movies, foldInContributions(items, v, foldIn(items, v), 2));
    expect(why.map((w) => w.movie)).toEqual([0, 1]);
    expect(why[0].contribution).toBeCloseTo(3.3 / 2.44, 12);
  });
});

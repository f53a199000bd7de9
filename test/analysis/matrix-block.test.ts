import {describe, expect, it} from "vitest";
import {matrixBlock} from "../../lib/analysis/matrix-block.js";
import {tinyDataset} from "./tiny-dataset.js";

describe("matrixBlock", () => {
  it("lays out the whole matrix when the block is as large, most active first", () => {
    const b = matrixBlock(tinyDataset(), {users: 3, movies: 4, seed: 5});
    expect(b.user).toEqual([2, 0, 1]);
    expect(b.userId).toEqual([30, 10, 20]);
    expect(b.movie).toEqual([0, 1, 2, 3]);
    expect(b.rating).toEqual([4, 2, 0, 5, 5, 4, 0, 0, 3, 0, 1, 0]);
    expect(b.density).toBeCloseTo(7 / 12, 12);
  });

  it("draws a seeded sample: same seed same block, cells match the ratings", () => {
    const d = tinyDataset();
    const a = matrixBlock(d, {users: 2, movies: 2, seed: 3});
    expect(matrixBlock(d, {users: 2, movies: 2, seed: 3})).toEqual(a);
    for (let r = 0; r < 2; r++) {
      for (let c = 0; c < 2; c++) {
        let want = 0;
        for (let i = 0; i < d.ratings.user.length; i++)
          if (d.ratings.user[i] === a.user[r] && d.ratings.movie[i] === a.movie[c]) want = d.ratings.rating[i];
        expect(a.rating[r * 2 + c]).toBe(want);
      }
    }
  });

  it("draws the dense block among the most active users and most rated movies", () => {
    // 4 × 1 = the 4 most active users (all 3 here) and the 4 × 1 most rated movies.
    const b = matrixBlock(tinyDataset(), {users: 1, movies: 1, from: "dense", seed: 1});
    expect(b.from).toBe("dense");
    expect(b.user.length).toBe(1);
    expect(b.movie.length).toBe(1);
  });
});

import {describe, expect, it} from "vitest";
import {recommend, seenMatrix, topK} from "../../lib/models/top-n.js";
import {popularModel} from "../../lib/models/baselines/popular.js";
import {createRng} from "../../lib/random.js";
import {trainOf} from "./fixtures.js";

describe("topK", () => {
  it("returns the k best, best first, ties to the lower index, skipping NaN and masked", () => {
    const s = Float32Array.from([0.5, 3, NaN, 3, 1, 7]);
    expect(topK(s, 3)).toEqual([
      {movie: 5, score: 7},
      {movie: 1, score: 3},
      {movie: 3, score: 3}
    ]);
    expect(topK(s, 2, Uint8Array.from([0, 0, 0, 0, 0, 1])).map((r) => r.movie)).toEqual([1, 3]);
    expect(topK(s, 10).length).toBe(5);
    expect(topK(s, 0)).toEqual([]);
  });

  it("agrees with a full sort on random scores", () => {
    const rng = createRng(7);
    const s = Float64Array.from({length: 500}, () => Math.floor(rng.next() * 50));
    const full = Array.from(s, (v, i) => ({movie: i, score: v})).sort((a, b) => b.score - a.score || a.movie - b.movie);
    expect(topK(s, 25)).toEqual(full.slice(0, 25));
  });
});

describe("recommend", () => {
  it("excludes the movies the user rated in training unless asked not to", () => {
    const train = trainOf(
      [
        [0, 0, 5],
        [1, 0, 4],
        [1, 1, 3],
        [2, 0, 1],
        [2, 1, 2],
        [2, 2, 3]
      ],
      3,
      4
    );
    const s = popularModel.fit(train);
    const seen = seenMatrix(train);
    expect(recommend(popularModel, s, seen, 1, 10).map((r) => r.movie)).toEqual([2, 3]);
    expect(recommend(popularModel, s, seen, 1, 2, {excludeSeen: false}).map((r) => r.movie)).toEqual([0, 1]);
  });
});

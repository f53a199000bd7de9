import {describe, expect, it} from "vitest";
import {
  distributionalCoverage,
  exposureCounts,
  exposureGini,
  genreDiversity,
  genreDiversityAtEachK,
  gini,
  listMean,
  movieRatingCounts,
  selfInformation
} from "../../lib/eval/beyond-accuracy.js";

describe("beyond-accuracy ranking metrics", () => {
  it("takes the Gini coefficient as LensKit's stats.gini", () => {
    expect(gini([1, 1, 1, 1])).toBe(0);
    // One of four holds everything: Σ(2i − n − 1)x / (n Σx) = 3·1 / 4 = 0.75.
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 12);
    // [1, 2, 3]: (−2·1 + 0·2 + 2·3) / (3 · 6) = 4 / 18.
    expect(gini([3, 1, 2])).toBeCloseTo(4 / 18, 12);
    expect(() => gini([0, 0])).toThrow(/positive total/);
    expect(() => gini([1, -1])).toThrow(/non-negative/);
  });

  it("measures exposure over the whole catalogue, counting only the first k", () => {
    const lists = [
      [0, 1, 4],
      [0, 2, 4]
    ];
    expect(Array.from(exposureCounts(lists, 5, 2))).toEqual([2, 1, 1, 0, 0]);
    expect(exposureGini(lists, 5, 2)).toBeCloseTo(gini([2, 1, 1, 0, 0]), 12);
    // Distributional coverage at k = 2: shares 1/2, 1/4, 1/4 → 1.5 bits (Microsoft's entropy).
    expect(distributionalCoverage(lists, 5, 2)).toBeCloseTo(1.5, 12);
    // Every slot a different movie: log2 of the number of slots.
    expect(
      distributionalCoverage(
        [
          [0, 1],
          [2, 3]
        ],
        4,
        2
      )
    ).toBeCloseTo(2, 12);
  });

  it("gives novelty as self-information over the share of training users, skipping unrated movies", () => {
    const counts = movieRatingCounts([0, 0, 0, 0, 1, 1, 2], 4);
    expect(Array.from(counts)).toEqual([4, 2, 1, 0]);
    const info = selfInformation(counts, 4);
    expect(info[0]).toBe(0); // everyone knows it
    expect(info[1]).toBe(1);
    expect(info[2]).toBe(2);
    expect(Number.isNaN(info[3])).toBe(true);
    expect(listMean([1, 2, 3], 3, info)).toBe(1.5);
    expect(listMean([3], 1, info)).toBeNaN();
    // Average recommendation popularity: mean training count of the list's movies.
    expect(listMean([0, 1, 3], 3, Float64Array.from(counts))).toBe(2);
  });

  it("gives intra-list genre diversity as the mean pairwise 1 − cosine", () => {
    // 3 genres; movie 0 = {a}, 1 = {a, b}, 2 = {c}, 3 = {} (no genre).
    const genres = Uint8Array.from([1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0]);
    // Pairs of [0, 1, 2]: cos(0,1) = 1/√2, cos(0,2) = 0, cos(1,2) = 0 → mean of (1 − 1/√2, 1, 1).
    expect(genreDiversity([0, 1, 2], 3, genres, 3)).toBeCloseTo((3 - Math.SQRT1_2) / 3, 12);
    expect(genreDiversity([0, 0], 2, genres, 3)).toBeCloseTo(0, 12);
    expect(genreDiversity([0, 3], 2, genres, 3)).toBe(1);
    expect(genreDiversity([0, 1, 2], 1, genres, 3)).toBeNaN();
    // Every k at once equals the per-k definition, and a short list keeps its value past its length.
    const list = [0, 1, 2, 3, 1];
    const each = genreDiversityAtEachK(list, 7, genres, 3);
    expect(each[0]).toBeNaN();
    for (let k = 2; k <= 5; k++) expect(each[k - 1]).toBeCloseTo(genreDiversity(list, k, genres, 3), 12);
    expect(each[6]).toBe(each[4]);
  });
});

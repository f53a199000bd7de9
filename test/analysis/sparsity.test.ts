import {describe, expect, it} from "vitest";
import {countsOfCounts, sparsity, thresholdTable} from "../../lib/analysis/sparsity.js";

describe("sparsity", () => {
  it("divides ratings by the matrix size", () => {
    expect(sparsity(3, 4, 7).density).toBeCloseTo(7 / 12, 12);
    expect(sparsity(943, 1682, 99_769).density).toBeCloseTo(0.0629, 4);
    expect(sparsity(0, 4, 0).density).toBe(0);
  });

  it("counts users and movies under each threshold with their ratings", () => {
    expect(thresholdTable(countsOfCounts([2, 2, 3]), countsOfCounts([3, 2, 1, 1]), [2, 3])).toEqual([
      {threshold: 2, usersBelow: 0, moviesBelow: 2, ratingsOfUsersBelow: 0, ratingsOfMoviesBelow: 2},
      {threshold: 3, usersBelow: 2, moviesBelow: 3, ratingsOfUsersBelow: 4, ratingsOfMoviesBelow: 4}
    ]);
  });

  it("folds counts to distinct values and frequencies, ascending", () => {
    expect(countsOfCounts([3, 1, 3, 0, 7, 1, 1])).toEqual({value: [0, 1, 3, 7], freq: [1, 3, 2, 1]});
    expect(countsOfCounts([])).toEqual({value: [], freq: []});
  });

  it("gives the same table from counts of counts as a direct count over every entity", () => {
    const perUser = Array.from({length: 500}, (_, i) => (i * 7919) % 97);
    const perMovie = Array.from({length: 300}, (_, i) => (i * 104729) % 211);
    const direct = (counts: number[], t: number) => [
      counts.filter((c) => c < t).length,
      counts.filter((c) => c < t).reduce((a, b) => a + b, 0)
    ];
    const ts = [0, 1, 2, 5, 50, 96, 97, 98, 210, 211, 1000];
    for (const row of thresholdTable(countsOfCounts(perUser), countsOfCounts(perMovie), ts)) {
      expect([row.usersBelow, row.ratingsOfUsersBelow]).toEqual(direct(perUser, row.threshold));
      expect([row.moviesBelow, row.ratingsOfMoviesBelow]).toEqual(direct(perMovie, row.threshold));
    }
  });
});

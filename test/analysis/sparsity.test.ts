import {describe, expect, it} from "vitest";
import {sparsity, thresholdTable} from "../../lib/analysis/sparsity.js";

describe("sparsity", () => {
  it("divides ratings by the matrix size", () => {
    expect(sparsity(3, 4, 7).density).toBeCloseTo(7 / 12, 12);
    expect(sparsity(943, 1682, 99_769).density).toBeCloseTo(0.0629, 4);
    expect(sparsity(0, 4, 0).density).toBe(0);
  });

  it("counts users and movies under each threshold with their ratings", () => {
    expect(thresholdTable([2, 2, 3], [3, 2, 1, 1], [2, 3])).toEqual([
      {threshold: 2, usersBelow: 0, moviesBelow: 2, ratingsOfUsersBelow: 0, ratingsOfMoviesBelow: 2},
      {threshold: 3, usersBelow: 2, moviesBelow: 3, ratingsOfUsersBelow: 4, ratingsOfMoviesBelow: 4}
    ]);
  });
});

import {describe, expect, it} from "vitest";
import {Matrix} from "ml-matrix";
import {PCA} from "ml-pca";
import {fitGenrePca, transformAllMovies, transformGenres} from "../../lib/features/genre-pca.js";

// Movies: 0 = [1,0], 1 = [0,1], 2 = [1,1]; training rows rate movies 0, 0, 1, 2 → row-level data [1,0],[1,0],[0,1],[1,1].
const genres = Uint8Array.from([1, 0, 0, 1, 1, 1]);
const rated = Int32Array.from([0, 0, 1, 2]);

describe("fitGenrePca", () => {
  it("weights movies by their training counts (hand-computed covariance)", () => {
    const s = fitGenrePca(genres, 2, rated, 2);
    // mean (0.75, 0.5); covariance [[1/4, −1/6], [−1/6, 1/3]] → eigenvalues (7 ± √17)/24.
    expect(Array.from(s.mean)).toEqual([0.75, 0.5]);
    expect(s.eigenvalues[0]).toBeCloseTo((7 + Math.sqrt(17)) / 24, 12);
    expect(s.eigenvalues[1]).toBeCloseTo((7 - Math.sqrt(17)) / 24, 12);
    expect(s.explainedVarianceRatio[0]).toBeCloseTo((7 + Math.sqrt(17)) / 14, 12);
    expect(s.cumulativeVarianceRatio[1]).toBeCloseTo(1, 12);
    expect(s.weight).toBe(4);
    // Each component is a unit eigenvector of the covariance, largest entry positive.
    const cov = [
      [1 / 4, -1 / 6],
      [-1 / 6, 1 / 3]
    ];
    for (let c = 0; c < 2; c++) {
      const v = [s.components[c * 2], s.components[c * 2 + 1]];
      expect(Math.hypot(v[0], v[1])).toBeCloseTo(1, 12);
      expect(Math.max(...v.map(Math.abs))).toBe(Math.max(...v));
      for (let g = 0; g < 2; g++) expect(cov[g][0] * v[0] + cov[g][1] * v[1]).toBeCloseTo(s.eigenvalues[c] * v[g], 12);
      expect(s.loadings[c * 2]).toBeCloseTo(v[0] * Math.sqrt(s.eigenvalues[c]), 12);
    }
  });

  it("matches ml-pca's SVD on the repeated rows (the peer's row-level fit) up to sign", () => {
    const rows = [
      [1, 0],
      [1, 0],
      [0, 1],
      [1, 1]
    ];
    const ref = new PCA(rows);
    const s = fitGenrePca(genres, 2, rated, 2);
    expect(ref.getEigenvalues()[0]).toBeCloseTo(s.eigenvalues[0], 10);
    expect(ref.getExplainedVariance()[1]).toBeCloseTo(s.explainedVarianceRatio[1], 10);
    const refScores = ref.predict(new Matrix([[1, 1]]));
    const mine = transformGenres(s, [1, 1]);
    for (let c = 0; c < 2; c++) expect(Math.abs(mine[c])).toBeCloseTo(Math.abs(refScores.get(0, c)), 6);
  });

  it("fits on distinct movies when no rating rows are given", () => {
    const s = fitGenrePca(genres, 2, undefined, 1);
    expect(Array.from(s.mean).map((v) => v.toFixed(6))).toEqual([(2 / 3).toFixed(6), (2 / 3).toFixed(6)]);
    expect(s.weight).toBe(3);
    expect(s.components.length).toBe(2);
  });

  it("transforms one movie or all movies alike: (x − mean) · components", () => {
    const s = fitGenrePca(genres, 2, rated, 2);
    const all = transformAllMovies(s, genres);
    for (let m = 0; m < 3; m++) {
      const one = transformGenres(s, genres.subarray(m * 2, m * 2 + 2));
      expect(Array.from(all.subarray(m * 2, m * 2 + 2))).toEqual(Array.from(one));
      const x = [genres[m * 2] - 0.75, genres[m * 2 + 1] - 0.5];
      expect(one[0]).toBeCloseTo(x[0] * s.components[0] + x[1] * s.components[1], 6);
    }
  });

  it("rejects bad shapes, component counts and movie indices", () => {
    expect(() => fitGenrePca(genres, 4)).toThrow(/multiple of nGenres/);
    expect(() => fitGenrePca(genres, 2, rated, 3)).toThrow(/nComponents is 3/);
    expect(() => fitGenrePca(genres, 2, Int32Array.from([0, 5]), 2)).toThrow(/ratedMovies\[1\] is 5/);
    expect(() => fitGenrePca(genres, 2, Int32Array.from([1]), 2)).toThrow(/at least 2/);
    expect(() => transformGenres(fitGenrePca(genres, 2, rated, 1), [1])).toThrow(/expected 2/);
  });
});

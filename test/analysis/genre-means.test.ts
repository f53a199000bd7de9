import {describe, expect, it} from "vitest";
import {genreMeans} from "../../lib/analysis/genre-means.js";
import {tinyDataset} from "./tiny-dataset.js";

describe("genreMeans", () => {
  it("averages the ratings of each genre's movies", () => {
    const g = genreMeans(tinyDataset());
    expect(g.n).toEqual([3, 5, 1]);
    // Action 5,3,4; Comedy 5,3,4,4,2; Drama 1.
    expect(g.mean[0]).toBeCloseTo(4, 12);
    expect(g.sd[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(g.se[0]).toBeCloseTo(Math.sqrt(2 / 3) / Math.sqrt(3), 12);
    expect(g.mean[1]).toBeCloseTo(3.6, 12);
    expect(g.sd[1]).toBeCloseTo(Math.sqrt(1.04), 12);
    expect(g.mean[2]).toBe(1);
    expect(g.sd[2]).toBe(0);
    expect(g.overall).toBeCloseTo(24 / 7, 12);
  });

  it("is NaN for a genre without ratings", () => {
    const d = tinyDataset();
    d.movies = {
      ...d.movies,
      genreNames: [...d.movies.genreNames, "Horror"],
      genres: Uint8Array.from([1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0])
    };
    const g = genreMeans(d);
    expect(g.n[3]).toBe(0);
    expect(Number.isNaN(g.mean[3])).toBe(true);
  });
});

import {describe, expect, it} from "vitest";
import {genreCounts, hasGenre} from "../../lib/analysis/genre-counts.js";
import {tinyDataset} from "./tiny-dataset.js";

describe("genreCounts", () => {
  it("counts movies and ratings per genre, multi-genre movies once in each", () => {
    const c = genreCounts(tinyDataset());
    expect(c.genres).toEqual(["Action", "Comedy", "Drama"]);
    expect(c.movies).toEqual([1, 2, 1]);
    // Action: Alpha's 3; Comedy: Alpha's 3 + Beta's 2; Drama: Gamma's 1.
    expect(c.ratings).toEqual([3, 5, 1]);
    expect(c.moviesWithoutGenre).toBe(1);
  });

  it("reads row-major genre flags", () => {
    const d = tinyDataset();
    expect(hasGenre(d.movies, 0, 1)).toBe(true);
    expect(hasGenre(d.movies, 1, 0)).toBe(false);
  });
});

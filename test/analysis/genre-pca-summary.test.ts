import {describe, expect, it} from "vitest";
import {genrePcaSummary} from "../../lib/analysis/genre-pca-summary.js";
import {tinyDataset, type Row} from "../features/tiny-dataset.js";

describe("genrePcaSummary", () => {
  // Genres A, B, C: A on 3 movies, B on 2, C on 1; movie 4 is never rated.
  const rows: Row[] = [
    [0, 0, 4, 3000],
    [1, 0, 3, 3000],
    [0, 1, 2, 3000],
    [1, 2, 5, 3000],
    [0, 3, 1, 3000],
    [1, 3, 2, 3000]
  ];
  const ds = tinyDataset(rows, 2, 5, [[0], [0, 1], [1, 2], [], [0]]);

  it("keeps the variance shares, loadings and the rated movies with their rarest genre", () => {
    const s = genrePcaSummary(ds, 2);
    expect(s.genres).toEqual(["A", "B", "C"]);
    expect(s.explained).toHaveLength(3);
    expect(s.cumulative[2]).toBeCloseTo(1, 9);
    expect(s.nComponents).toBe(2);
    expect(s.loadings).toHaveLength(6);
    expect(s.movies.movieId).toEqual([101, 102, 103, 104]);
    // Movie 1 has A and B: B (2 movies) is rarer than A (3). Movie 2 has B and C: C. Movie 3 has none.
    expect(s.movies.mainGenre).toEqual([0, 1, 2, -1]);
    expect(s.movies.genreMask).toEqual([1, 3, 6, 0]);
    expect(s.movies.ratings).toEqual([2, 1, 1, 2]);
  });

  it("plots the most-rated movies only beyond the cap (ties to the earlier movie), and says how many of how many", () => {
    expect(genrePcaSummary(ds, 2).plotted).toEqual({kept: 4, of: 4});
    const capped = genrePcaSummary(ds, 2, 3);
    expect(capped.plotted).toEqual({kept: 3, of: 4});
    // Ratings per movie 2, 1, 1, 2: movies 101 and 104, then 102 (earlier than 103), in catalogue order.
    expect(capped.movies.movieId).toEqual([101, 102, 104]);
    expect(capped.loadings).toEqual(genrePcaSummary(ds, 2).loadings);
  });

  it("fits two components for the plane even when one is asked for", () => {
    const s = genrePcaSummary(ds, 1);
    expect(s.nComponents).toBe(1);
    expect(s.loadings).toHaveLength(3);
    expect(s.movies.pc2.some((v) => v !== 0)).toBe(true);
  });
});

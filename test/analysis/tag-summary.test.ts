import {describe, expect, it} from "vitest";
import {tagSummary} from "../../lib/analysis/tag-summary.js";
import type {RawTags} from "../../lib/data/read-tags.js";

function tags(rows: [number, number, string][]): RawTags {
  return {
    userId: Int32Array.from(rows, (r) => r[0]),
    movieId: Int32Array.from(rows, (r) => r[1]),
    tag: rows.map((r) => r[2]),
    timestamp: new Float64Array(rows.length)
  };
}

describe("tagSummary", () => {
  it("groups spellings, counts users and movies, ranks movies by tag rows", () => {
    const s = tagSummary(
      tags([
        [1, 10, "Sci-Fi"],
        [2, 10, "sci-fi "],
        [2, 11, "Sci-Fi"],
        [3, 10, "funny"],
        [3, 12, "dark"]
      ]),
      (id) => (id === 10 ? "Alien (1979)" : undefined),
      {top: 2, movies: 2, perMovie: 1}
    );
    expect(s).toMatchObject({rows: 5, distinctTags: 3, taggers: 3, taggedMovies: 3});
    expect(s.top).toEqual([
      {tag: "Sci-Fi", count: 3, users: 2, movies: 2},
      {tag: "dark", count: 1, users: 1, movies: 1}
    ]);
    expect(s.movies).toEqual([
      {movieId: 10, title: "Alien (1979)", count: 3, tags: [{tag: "Sci-Fi", count: 2}]},
      {movieId: 11, title: null, count: 1, tags: [{tag: "Sci-Fi", count: 1}]}
    ]);
  });
});

import {describe, expect, it} from "vitest";
import {genreCooccurrence, topGenrePair} from "../../lib/analysis/genre-cooccurrence.js";
import {tinyDataset} from "./tiny-dataset.js";

describe("genreCooccurrence", () => {
  it("counts movies per pair of genres, the diagonal per genre", () => {
    const c = genreCooccurrence(tinyDataset().movies);
    // Alpha is Action+Comedy, Beta Comedy, Gamma Drama.
    expect(c.counts).toEqual([1, 1, 0, 1, 2, 0, 0, 0, 1]);
    expect(topGenrePair(c)).toEqual({a: "Action", b: "Comedy", movies: 1});
  });

  it("has no top pair when no movie has two genres", () => {
    expect(topGenrePair({genres: ["A", "B"], counts: [2, 0, 0, 1]})).toBeNull();
  });
});

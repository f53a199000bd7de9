import {describe, expect, it} from "vitest";
import {beforeReleaseMask, releaseCutoff, releaseCutoffs} from "../../lib/data/release-noise.js";
import type {Movies} from "../../lib/data/types.js";

const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 1000;

// Row 0: full date; row 1: year only; row 2: nothing known.
const movies: Movies = {
  id: Int32Array.from([10, 20, 30]),
  title: ["A (1995)", "B (1996)", "C"],
  year: Float64Array.from([1995, 1996, NaN]),
  releaseDate: Float64Array.from([day(1995, 3, 15), NaN, NaN]),
  genreNames: ["Drama"],
  genres: Uint8Array.from([1, 0, 1])
};

describe("releaseCutoff", () => {
  it("uses the release date, else Jan 1 UTC of the year, else NaN", () => {
    expect(releaseCutoff(movies, 0)).toBe(day(1995, 3, 15));
    expect(releaseCutoff(movies, 1)).toBe(day(1996, 1, 1));
    expect(releaseCutoff(movies, 2)).toBeNaN();
    expect(Array.from(releaseCutoffs(movies))).toEqual([day(1995, 3, 15), day(1996, 1, 1), NaN]);
  });
});

describe("beforeReleaseMask", () => {
  const ts = Float64Array.from([
    day(1995, 3, 15) - 1, // one second before release: noise
    day(1995, 3, 15), // exactly at midnight of release day: kept
    day(1995, 12, 31), // before Jan 1 1996 for the year-only movie: noise
    day(1996, 1, 2), // after: kept
    0, // movie without any date: never noise
    0 // unknown movie: left to the unknown-movie rule
  ]);

  it("flags ratings before the cutoff using dense movie rows", () => {
    const rows = Int32Array.from([0, 0, 1, 1, 2, 7]);
    expect(Array.from(beforeReleaseMask(rows, ts, movies))).toEqual([1, 0, 1, 0, 0, 0]);
  });

  it("gives the same answer on raw ids through a Map or a function", () => {
    const ids = Int32Array.from([10, 10, 20, 20, 30, 99]);
    const map = new Map([
      [10, 0],
      [20, 1],
      [30, 2]
    ]);
    expect(Array.from(beforeReleaseMask(ids, ts, movies, map))).toEqual([1, 0, 1, 0, 0, 0]);
    expect(Array.from(beforeReleaseMask(ids, ts, movies, (id) => map.get(id) ?? -1))).toEqual([1, 0, 1, 0, 0, 0]);
  });

  it("rejects columns of different lengths", () => {
    expect(() => beforeReleaseMask(Int32Array.from([0]), new Float64Array(2), movies)).toThrow(
      /1 movie entries but 2 timestamps/
    );
  });
});

import {describe, expect, it} from "vitest";
import {countBelow, logBins, ratingsPerMovie, ratingsPerUser, topShare} from "../../lib/analysis/activity.js";
import {tinyDataset} from "./tiny-dataset.js";

describe("activity", () => {
  it("counts ratings per user and per movie", () => {
    const d = tinyDataset();
    expect(Array.from(ratingsPerUser(d))).toEqual([2, 2, 3]);
    expect(Array.from(ratingsPerMovie(d))).toEqual([3, 2, 1, 1]);
  });

  it("bins counts on integer log edges (5 per decade: 1, 2, 3, 4, 7, 10, 16, …)", () => {
    expect(logBins([3, 2, 1, 1])).toEqual({lo: [1, 2, 3], hi: [2, 3, 4], count: [2, 1, 1], zeros: 0});
    const b = logBins([0, 5, 12, 100]);
    expect(b.lo).toEqual([1, 2, 3, 4, 7, 10, 16, 26, 40, 64, 100]);
    expect(b.count).toEqual([0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1]);
    expect(b.zeros).toBe(1);
  });

  it("measures the share of the top fraction and counts below a threshold", () => {
    expect(topShare([3, 2, 1, 1], 0.25)).toBeCloseTo(3 / 7, 12);
    expect(topShare([3, 2, 1, 1], 0.5)).toBeCloseTo(5 / 7, 12);
    expect(topShare([0, 0], 0.5)).toBe(0);
    expect(countBelow([3, 2, 1, 1], 2)).toBe(2);
    expect(countBelow([3, 2, 1, 1], 1)).toBe(0);
  });
});

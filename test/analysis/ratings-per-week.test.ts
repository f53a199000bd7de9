import {describe, expect, it} from "vitest";
import {ratingsPerWeek, weekStartOf} from "../../lib/analysis/ratings-per-week.js";
import {DAY, tinyDataset} from "./tiny-dataset.js";

describe("ratingsPerWeek", () => {
  it("starts weeks on Monday 00:00 UTC", () => {
    expect(weekStartOf(DAY(1997, 9, 22))).toBe(DAY(1997, 9, 22));
    expect(weekStartOf(DAY(1997, 9, 28) + 86399)).toBe(DAY(1997, 9, 22)); // Sunday 23:59:59
    expect(weekStartOf(DAY(1970, 1, 1))).toBe(DAY(1969, 12, 29));
  });

  it("counts and averages per week, empty weeks included", () => {
    const d = tinyDataset();
    const w = ratingsPerWeek(d.ratings.timestamp, d.ratings.rating);
    // 1997-09-22 … 1998-03-02 is 161 days: 24 weeks.
    expect(w.weekStart.length).toBe(24);
    expect(w.weekStart[0]).toBe(DAY(1997, 9, 22));
    expect(w.weekStart[23]).toBe(DAY(1998, 3, 2));
    expect(w.count.reduce((a, b) => a + b, 0)).toBe(7);
    expect([w.count[0], w.count[1], w.count[18], w.count[23]]).toEqual([2, 2, 1, 2]);
    expect([w.mean[0], w.mean[1], w.mean[18], w.mean[23]]).toEqual([4, 2.5, 4, 3.5]);
    expect(w.mean[2]).toBeNull();
  });

  it("is empty for no ratings", () => {
    expect(ratingsPerWeek([], [])).toEqual({weekStart: [], count: [], mean: []});
  });
});

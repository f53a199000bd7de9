import {describe, expect, it} from "vitest";
import {byProbability, closeTopClasses, formatExpected} from "../../lib/widget/prediction-summary.js";

const classes = (ps: number[]) => ps.map((p, i) => ({value: i + 1, p}));

describe("prediction summary", () => {
  it("finds the two top classes when they are within 5 percentage points, most probable first", () => {
    // The nearly flat prediction: 32 / 30 / 29 %.
    expect(closeTopClasses(classes([0.02, 0.07, 0.32, 0.3, 0.29]))).toEqual([
      {value: 3, p: 0.32},
      {value: 4, p: 0.3}
    ]);
    // Exactly 5 points apart counts as close despite floating point (0.32 − 0.27 > 0.05 in doubles).
    expect(closeTopClasses(classes([0.05, 0.06, 0.32, 0.27, 0.3]))?.map((c) => c.value)).toEqual([3, 5]);
    expect(closeTopClasses(classes([0.01, 0.05, 0.2, 0.45, 0.29]))).toBeNull();
    expect(closeTopClasses(classes([0.01, 0.05, 0.2, 0.45, 0.29]), 0.2)?.map((c) => c.value)).toEqual([4, 5]);
    expect(closeTopClasses([{value: 1, p: 1}])).toBeNull();
  });

  it("orders ties by the higher rating and formats the expected rating with one decimal", () => {
    expect(byProbability(classes([0.5, 0.5])).map((c) => c.value)).toEqual([2, 1]);
    expect(formatExpected(3.78)).toBe("3.8★");
    expect(formatExpected(4)).toBe("4.0★");
  });
});

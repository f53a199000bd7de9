import {describe, expect, it} from "vitest";
import {PerClassMetrics} from "../../lib/charts/per-class-metrics.js";
import {jsdomDocument} from "./render.js";

describe("PerClassMetrics", () => {
  it("draws precision, recall and F1 for each class", () => {
    const el = PerClassMetrics(
      {classes: [1, 2], precision: [0.5, 0.8], recall: [0.4, 0.9], f1: [0.44, 0.85], support: [10, 30]},
      {width: 400, document: jsdomDocument()}
    );
    expect(
      el.querySelector("svg[aria-label^='Precision, recall and F1 of each of 2 rating classes']") ?? el
    ).toBeTruthy();
    const bars = [...el.querySelectorAll('g[aria-label="bar"] rect')];
    expect(bars).toHaveLength(6);
    expect(el.outerHTML).toMatchSnapshot();
  });
});

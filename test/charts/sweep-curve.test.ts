import {describe, expect, it} from "vitest";
import {SweepCurve} from "../../lib/charts/sweep-curve.js";
import {count, jsdomDocument, mark, plotSvg} from "./render.js";

describe("SweepCurve", () => {
  it("draws one dot per setting and names the best in its label", () => {
    const points = [
      {value: 100, mean: 0.94, sd: 0.01},
      {value: 10, mean: 0.935, sd: 0.01},
      {value: 1, mean: 0.95, sd: 0.02}
    ];
    const el = SweepCurve(points, {
      width: 500,
      xLabel: "Number of factors",
      logX: true,
      mark: 100,
      document: jsdomDocument()
    });
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe("RMSE against number of factors: 3 settings, lowest 0.9350 at 10");
    expect(count(mark(svg, "dot")!, "circle")).toBe(3);
    expect(mark(svg, "area")).not.toBeNull();
    expect(el.outerHTML).toMatchSnapshot();
  });
});

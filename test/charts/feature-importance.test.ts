import {describe, expect, it} from "vitest";
import {FeatureImportance} from "../../lib/charts/feature-importance.js";
import {jsdomDocument, mark, plotSvg} from "./render.js";

const ROWS = [
  {name: "age", gain: 2, weight: 40},
  {name: "i_mean", gain: 30, weight: 10},
  {name: "u_mean", gain: 12, weight: 25},
  {name: "gender", gain: 0, weight: 0}
];

describe("FeatureImportance", () => {
  it("sorts bars by gain, largest first", () => {
    const el = FeatureImportance(ROWS, {width: 400, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe(
      "Feature importance by gain: i_mean, u_mean, age lead among 4 features"
    );
    expect([...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent)).toEqual([
      "i_mean",
      "u_mean",
      "age",
      "gender"
    ]);
    expect(mark(svg, "bar")!.querySelectorAll("rect")).toHaveLength(4);
    expect(el.outerHTML).toMatchSnapshot();
  });

  it("sorts by weight and keeps the top n", () => {
    const svg = plotSvg(FeatureImportance(ROWS, {width: 400, measure: "weight", top: 2, document: jsdomDocument()}));
    expect([...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent)).toEqual([
      "age",
      "u_mean"
    ]);
  });
});

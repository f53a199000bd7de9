import {describe, expect, it} from "vitest";
import {GroupMetrics} from "../../lib/charts/group-metrics.js";
import {count, jsdomDocument, plotSvg} from "./render.js";

describe("GroupMetrics", () => {
  it("draws one row per group and one dot per model and group", () => {
    const points = [
      {model: "ease", dimension: "gender", group: "male", users: 670, value: 0.49},
      {model: "ease", dimension: "gender", group: "female", users: 273, value: 0.44},
      {model: "bpr", dimension: "gender", group: "male", users: 670, value: 0.43},
      {model: "bpr", dimension: "gender", group: "female", users: 273, value: 0.38}
    ];
    const el = GroupMetrics(points, {width: 500, metric: "nDCG@10 →", document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe("nDCG@10 → for 2 models in 2 user groups");
    expect(count(svg, 'g[aria-label="dot"] circle')).toBe(4);
    const ticks = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(["gender: male (670)", "gender: female (273)"]);
  });
});

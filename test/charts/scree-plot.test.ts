import {describe, expect, it} from "vitest";
import {ScreePlot} from "../../lib/charts/scree-plot.js";
import {count, jsdomDocument, mark, plotSvg} from "./render.js";

describe("ScreePlot", () => {
  it("draws a bar per component and the cumulative line, fading components not kept", () => {
    const el = ScreePlot(
      {explained: [0.5, 0.3, 0.2], cumulative: [0.5, 0.8, 1]},
      {width: 400, kept: 2, document: jsdomDocument()}
    );
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe(
      "Scree plot of 3 components: the first explains 50.0% of the variance, the first 2 together 80.0%"
    );
    const bars = [...mark(svg, "bar")!.querySelectorAll("rect")];
    expect(bars).toHaveLength(3);
    expect(bars.map((b) => b.getAttribute("fill-opacity"))).toEqual(["1", "1", "0.35"]);
    expect(count(mark(svg, "dot")!, "circle")).toBe(3);
    expect([...svg.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent)).toEqual([
      "PC1",
      "PC2",
      "PC3"
    ]);
    expect(el.outerHTML).toMatchSnapshot();
  });
});

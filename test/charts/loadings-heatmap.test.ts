import {describe, expect, it} from "vitest";
import {LoadingsHeatmap} from "../../lib/charts/loadings-heatmap.js";
import {count, jsdomDocument, mark, plotSvg} from "./render.js";

describe("LoadingsHeatmap", () => {
  it("draws genres × components cells labelled with the loadings", () => {
    const data = {genres: ["Action", "Drama", "Comedy"], nComponents: 2, loadings: [0.4, -0.3, 0.1, -0.05, 0.2, 0.35]};
    const el = LoadingsHeatmap(data, {width: 500, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toMatch(/^Loadings of 3 genres on 2 principal components/);
    expect(count(mark(svg, "cell")!, "rect")).toBe(6);
    expect([...mark(svg, "text")!.querySelectorAll("text")].map((t) => t.textContent)).toEqual([
      "0.40",
      "-0.30",
      "0.10",
      "-0.05",
      "0.20",
      "0.35"
    ]);
    expect(el.outerHTML).toMatchSnapshot();
  });
});

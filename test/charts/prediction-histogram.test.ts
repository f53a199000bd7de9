import {describe, expect, it} from "vitest";
import {PredictionHistogram} from "../../lib/charts/prediction-histogram.js";
import {count, jsdomDocument, mark, plotSvg} from "./render.js";

describe("PredictionHistogram", () => {
  it("draws one bar per series and bin", () => {
    const data = {
      bins: [1, 2, 3],
      series: [
        {name: "true", shares: [0.2, 0.3, 0.5]},
        {name: "seed", shares: [0.9, 0.1, 0]}
      ]
    };
    const el = PredictionHistogram(data, {width: 500, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe("Share of test pairs per rating value for true, seed");
    expect(count(mark(svg, "bar")!, "rect")).toBe(6);
    expect(el.outerHTML).toMatchSnapshot();
  });
});

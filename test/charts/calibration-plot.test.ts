import {describe, expect, it} from "vitest";
import {CalibrationPlot} from "../../lib/charts/calibration-plot.js";
import {jsdomDocument, mark, plotSvg} from "./render.js";

describe("CalibrationPlot", () => {
  it("draws a line per class through its bins with enough rows, and the diagonal", () => {
    const data = {
      classes: [1, 2],
      nBins: 2,
      count: [100, 5, 60, 40],
      meanPredicted: [0.2, 0.7, 0.3, 0.6],
      observed: [0.25, 0.6, 0.28, 0.65]
    };
    const el = CalibrationPlot(data, {width: 400, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe(
      "Reliability diagram of the probabilities of 2 rating classes in 2 bins, one panel per class (bins with fewer than 20 rows left out)"
    );
    // Class 1's second bin has 5 rows (< 20): three dots remain.
    expect(mark(svg, "dot")!.querySelectorAll("circle")).toHaveLength(3);
    // One panel per class, each with the diagonal and the class's line, titled with the class.
    const [diagonal, classLines] = svg.querySelectorAll('g[aria-label="line"]');
    expect(diagonal.querySelectorAll("path")).toHaveLength(2);
    expect(classLines.querySelectorAll("path")).toHaveLength(2);
    expect([...svg.querySelectorAll('g[aria-label="text"] text')].map((t) => t.textContent)).toEqual(["1★", "2★"]);
    expect(el.outerHTML).toMatchSnapshot();
  });
});

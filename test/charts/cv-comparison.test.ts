import {describe, expect, it} from "vitest";
import {CvComparison} from "../../lib/charts/cv-comparison.js";
import {jsdomDocument, plotSvg} from "./render.js";

describe("CvComparison", () => {
  it("draws measured bars with sd whiskers and published figures hollow", () => {
    const rows = [
      {model: "classifier", mean: 0.452, sd: 0.004, source: "measured" as const},
      {model: "majority class", mean: 0.342, sd: 0, source: "measured" as const},
      {model: "peer (published)", mean: 0.439, sd: null, source: "published" as const}
    ];
    const el = CvComparison(rows, {width: 500, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe(
      "Accuracy by model: classifier 0.452 ± 0.004; majority class 0.342 ± 0.000; peer (published) 0.439 (published)"
    );
    const barGroups = [...svg.querySelectorAll('g[aria-label="bar"]')];
    expect(barGroups.map((g) => g.querySelectorAll("rect").length)).toEqual([2, 1]);
    expect(barGroups[1].getAttribute("stroke-dasharray")).toBe("4 2");
    // Only the classifier has a non-zero sd: one whisker.
    expect(svg.querySelector('g[aria-label="rule"]')!.querySelectorAll("line").length).toBe(1);
    expect(el.outerHTML).toMatchSnapshot();
  });
});

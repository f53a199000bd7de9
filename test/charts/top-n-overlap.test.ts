import {describe, expect, it} from "vitest";
import {jaccardMatrix, TopNOverlap} from "../../lib/charts/top-n-overlap.js";
import {count, jsdomDocument, mark, plotSvg} from "./render.js";

describe("jaccardMatrix", () => {
  it("is 1 on the diagonal and |A∩B|/|A∪B| elsewhere", () => {
    expect(jaccardMatrix([[1, 2, 3], [2, 3, 4], []])).toEqual([
      [1, 0.5, 0],
      [0.5, 1, 0],
      [0, 0, 0]
    ]);
  });
});

describe("TopNOverlap", () => {
  it("draws a cell per pair of models", () => {
    const el = TopNOverlap(
      {labels: ["a", "b", "c"], lists: [[1, 2], [2, 3], [4]]},
      {width: 500, document: jsdomDocument()}
    );
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe(
      "Overlap of the top-N lists of 3 models, Jaccard share of shared movies"
    );
    expect(count(mark(svg, "cell")!, "rect")).toBe(9);
    expect(el.outerHTML).toMatchSnapshot();
  });
});

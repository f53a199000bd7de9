import {describe, expect, it} from "vitest";
import {SparsityHeatmap} from "../../lib/charts/sparsity-heatmap.js";
import {count, jsdomDocument, mark, plotSvg} from "./render.js";

const BLOCK = {userId: [30, 10, 20], movieId: [1, 2, 3, 4], rating: [4, 2, 0, 5, 5, 4, 0, 0, 3, 0, 1, 0]};

describe("SparsityHeatmap", () => {
  it("draws rated cells only", () => {
    const el = SparsityHeatmap(BLOCK, {width: 300, scale: {min: 1, max: 5}, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe("Heat map of a 3 × 4 block of the rating matrix: 7 rated cells of 12");
    expect(count(mark(svg, "cell")!, "rect")).toBe(7);
    expect(el.outerHTML).toMatchSnapshot();
  });
});

import {describe, expect, it} from "vitest";
import {PopularityBias} from "../../lib/charts/popularity-bias.js";
import {count, jsdomDocument} from "./render.js";

const DATA = {
  count: [3, 2, 1, 1, 0],
  mean: [4, 3, 1, 5, null],
  bins: {lo: [1, 2, 3], hi: [2, 3, 4], meanOfMeans: [3, 3, 4]},
  title: ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
};

describe("PopularityBias", () => {
  it("draws one dot per movie with at least minCount ratings and the binned trend", () => {
    const svg = PopularityBias(DATA, {width: 500, minCount: 2, document: jsdomDocument()});
    expect(svg.getAttribute("aria-label")).toBe(
      "Mean rating against number of ratings for 2 of 4 movies, with the binned trend"
    );
    const dots = svg.querySelectorAll('g[aria-label="dot"]');
    expect(dots.length).toBe(2);
    // Movies under the minimum get no dot; the trend keeps its three bins.
    expect(count(dots[0], "circle")).toBe(2);
    expect(count(dots[1], "circle")).toBe(3);
    expect(svg.outerHTML).toMatchSnapshot();
  });
});

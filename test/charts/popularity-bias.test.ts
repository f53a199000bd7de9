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
  it("draws one dot per rated movie and the binned trend", () => {
    const svg = PopularityBias(DATA, {width: 500, minCount: 2, document: jsdomDocument()});
    expect(svg.getAttribute("aria-label")).toBe(
      "Mean rating against number of ratings for 4 movies, with the binned trend"
    );
    const dots = svg.querySelectorAll('g[aria-label="dot"]');
    expect(dots.length).toBe(2);
    expect(count(dots[0], "circle")).toBe(4);
    expect(count(dots[1], "circle")).toBe(3);
    // Movies under the minimum are faded.
    const opacities = [...dots[0].querySelectorAll("circle")].map((c) => c.getAttribute("fill-opacity"));
    expect(opacities.filter((o) => o === "0.12").length).toBe(2);
    expect(svg.outerHTML).toMatchSnapshot();
  });
});

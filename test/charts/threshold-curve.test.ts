import {describe, expect, it} from "vitest";
import {ThresholdCurve} from "../../lib/charts/threshold-curve.js";
import {jsdomDocument, plotSvg} from "./render.js";

const DATA = {threshold: [1, 2, 3, 4], usersBelow: [0, 0, 2, 3], moviesBelow: [0, 2, 3, 4], users: 3, movies: 4};

describe("ThresholdCurve", () => {
  it("draws a step line for users and one for movies, with the chosen threshold", () => {
    const el = ThresholdCurve(DATA, {width: 400, mark: 3, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe(
      "Share of users and of movies with fewer ratings than each minimum-count threshold"
    );
    expect(svg.querySelectorAll('g[aria-label="line"] path').length).toBe(2);
    // The y axis runs 0..100 %: the top tick is 100.
    const ticks = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => Number(t.textContent));
    expect(Math.max(...ticks)).toBe(100);
    expect(svg.querySelectorAll('g[aria-label="rule"]').length).toBe(2);
    expect(el.outerHTML).toMatchSnapshot();
  });
});

import {describe, expect, it} from "vitest";
import {PcaScatter} from "../../lib/charts/pca-scatter.js";
import {jsdomDocument, plotSvg} from "./render.js";

const DATA = {
  genres: ["Action", "Drama", "Noir"],
  movies: {
    title: ["A", "B", "C", "D"],
    pc1: [1, -1, 0.5, 0],
    pc2: [0, 0.5, -0.5, 0],
    mainGenre: [0, 1, 2, -1],
    genreMask: [1, 2, 6, 0],
    ratings: [10, 5, 1, 3]
  }
};

describe("PcaScatter", () => {
  it("colours every movie by main genre", () => {
    const el = PcaScatter(DATA, {width: 400, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe(
      "4 movies in the plane of the first two genre components, coloured by main genre"
    );
    // No grey background dots: Plot draws only the coloured group.
    const groups = [...svg.querySelectorAll('g[aria-label="dot"]')];
    expect(groups.map((g) => g.querySelectorAll("circle").length)).toEqual([4]);
    expect(el.outerHTML).toMatchSnapshot();
  });

  it("highlights the movies of one genre and greys the rest", () => {
    const el = PcaScatter(DATA, {width: 400, highlight: 1, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toMatch(/2 Drama movies highlighted$/);
    const groups = [...svg.querySelectorAll('g[aria-label="dot"]')];
    expect(groups.map((g) => g.querySelectorAll("circle").length)).toEqual([2, 2]);
  });
});

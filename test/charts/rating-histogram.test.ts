import {describe, expect, it} from "vitest";
import {RatingHistogram} from "../../lib/charts/rating-histogram.js";
import {count, jsdomDocument, mark} from "./render.js";

const DATA = {values: [1, 2, 3, 4, 5], counts: [1, 1, 1, 2, 2], shares: [1 / 7, 1 / 7, 1 / 7, 2 / 7, 2 / 7]};

describe("RatingHistogram", () => {
  it("draws one bar per scale value with share labels", () => {
    const svg = RatingHistogram(DATA, {width: 400, document: jsdomDocument()});
    expect(svg.getAttribute("aria-label")).toMatch(/^Rating histogram: share of ratings at each value from 1 to 5/);
    expect(svg.getAttribute("width")).toBe("400");
    expect(count(mark(svg, "bar")!, "rect")).toBe(5);
    expect([...mark(svg, "text")!.querySelectorAll("text")].map((t) => t.textContent)).toEqual([
      "14.3%",
      "14.3%",
      "14.3%",
      "28.6%",
      "28.6%"
    ]);
    expect(svg.outerHTML).toMatchSnapshot();
  });

  it("labels counts and keeps half-star values", () => {
    const half = {values: [0.5, 1, 1.5], counts: [3, 0, 1], shares: [0.75, 0, 0.25]};
    const svg = RatingHistogram(half, {width: 300, measure: "count", document: jsdomDocument()});
    expect([...mark(svg, "text")!.querySelectorAll("text")].map((t) => t.textContent)).toEqual(["3", "0", "1"]);
    expect([...svg.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent)).toEqual([
      "0.5",
      "1",
      "1.5"
    ]);
    expect(svg.outerHTML).toMatchSnapshot();
  });
});

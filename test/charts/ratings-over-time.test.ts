import {describe, expect, it} from "vitest";
import {RatingsOverTime} from "../../lib/charts/ratings-over-time.js";
import {count, jsdomDocument, mark} from "./render.js";

const W = 7 * 86400;
const START = Date.UTC(1997, 8, 22) / 1000;
const DATA = {
  weekStart: [START, START + W, START + 2 * W, START + 3 * W],
  count: [2, 0, 5, 1],
  mean: [4, null, 3.2, 5]
};

describe("RatingsOverTime", () => {
  it("draws a bar per week", () => {
    const svg = RatingsOverTime(DATA, {width: 500, document: jsdomDocument()});
    expect(svg.getAttribute("aria-label")).toBe("Ratings per week, 4 weeks");
    expect(count(mark(svg, "rect")!, "rect")).toBe(4);
    expect(svg.outerHTML).toMatchSnapshot();
  });

  it("clips to a date range", () => {
    const svg = RatingsOverTime(DATA, {
      width: 500,
      from: new Date((START + W) * 1000),
      to: new Date((START + 2 * W) * 1000),
      document: jsdomDocument()
    });
    expect(svg.getAttribute("aria-label")).toBe("Ratings per week, 2 weeks");
    expect(count(mark(svg, "rect")!, "rect")).toBe(2);
  });
});

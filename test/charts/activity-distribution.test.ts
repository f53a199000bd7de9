import {describe, expect, it} from "vitest";
import {ActivityDistribution} from "../../lib/charts/activity-distribution.js";
import {count, jsdomDocument, mark} from "./render.js";

const BINS = {lo: [1, 2, 3, 4, 7, 10], hi: [2, 3, 4, 7, 10, 16], count: [5, 0, 3, 1, 0, 1]};

describe("ActivityDistribution", () => {
  it("draws the non-empty log bins on log axes", () => {
    const svg = ActivityDistribution(BINS, {width: 500, entity: "movies", document: jsdomDocument()});
    expect(svg.getAttribute("aria-label")).toBe("Distribution of ratings per movie on logarithmic axes");
    expect(count(mark(svg, "rect")!, "rect")).toBe(4);
    expect(svg.querySelector('g[aria-label="x-axis label"]')?.textContent).toContain("Ratings per movie (log)");
    // A single-movie bin is still a visible bar on the log y axis.
    const heights = [...mark(svg, "rect")!.querySelectorAll("rect")].map((r) => Number(r.getAttribute("height")));
    expect(Math.min(...heights)).toBeGreaterThan(5);
    expect(svg.outerHTML).toMatchSnapshot();
  });
});

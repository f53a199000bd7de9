import {describe, expect, it} from "vitest";
import {ReleaseNoiseScatter} from "../../lib/charts/release-noise-scatter.js";
import {jsdomDocument, plotSvg} from "./render.js";

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 1000;
const DATA = {
  release: [day(1995, 1, 1), day(1995, 1, 1), day(1990, 1, 1), day(1998, 3, 1)],
  rated: [day(1997, 9, 22), day(1997, 9, 24), day(1997, 10, 1), day(1998, 2, 1)],
  before: [0, 0, 0, 1]
};

describe("ReleaseNoiseScatter", () => {
  it("highlights the before-release ratings on top of the ordinary ones", () => {
    const el = ReleaseNoiseScatter(DATA, {width: 500, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe(
      "Rating date against release date: 3 ordinary ratings and 1 ratings before release highlighted"
    );
    const dots = svg.querySelectorAll('g[aria-label="dot"]');
    expect(dots.length).toBe(2);
    expect(dots[0].querySelectorAll("circle").length).toBe(3);
    expect(dots[1].querySelectorAll("circle").length).toBe(1);
    expect(dots[1].getAttribute("fill")).toBe("#e4572e");
    // The red point lies below the diagonal: its y (rating date) is earlier than its x (release).
    expect(svg.querySelector('g[aria-label="line"] path')).not.toBeNull();
    expect(el.outerHTML).toMatchSnapshot();
  });

  it("filters by release date range", () => {
    const el = ReleaseNoiseScatter(DATA, {
      width: 500,
      from: new Date(day(1994, 1, 1) * 1000),
      document: jsdomDocument()
    });
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toContain("2 ordinary ratings and 1 ratings before release");
  });
});

import {describe, expect, it} from "vitest";
import {GenreBars} from "../../lib/charts/genre-bars.js";
import {jsdomDocument, mark} from "./render.js";

const DATA = {genres: ["Action", "Comedy", "Drama"], movies: [1, 2, 1], ratings: [3, 5, 1]};

describe("GenreBars", () => {
  it("sorts genres by the chosen count and highlights one", () => {
    const svg = GenreBars(DATA, {width: 400, measure: "ratings", highlight: "Drama", document: jsdomDocument()});
    expect(svg.getAttribute("aria-label")).toBe("Number of ratings per genre, 3 genres");
    const ticks = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(["Comedy", "Action", "Drama"]);
    const fills = [...mark(svg, "bar")!.querySelectorAll("rect")].map((r) => r.getAttribute("fill"));
    expect(fills.filter((f) => f === "#e4572e").length).toBe(1);
    expect(svg.outerHTML).toMatchSnapshot();
  });
});

import {describe, expect, it} from "vitest";
import {GenreCooccurrence} from "../../lib/charts/genre-cooccurrence.js";
import {count, jsdomDocument, mark, plotSvg} from "./render.js";

const DATA = {genres: ["Action", "Comedy", "Drama"], counts: [1, 1, 0, 1, 2, 0, 0, 0, 1]};

describe("GenreCooccurrence", () => {
  it("draws the off-diagonal cells with counts", () => {
    const svg = GenreCooccurrence(DATA, {width: 500, document: jsdomDocument()});
    const plot = plotSvg(svg);
    expect(plot.getAttribute("aria-label")).toMatch(/^Genre co-occurrence heat map of 3 genres/);
    expect(count(mark(plot, "cell")!, "rect")).toBe(6);
    expect([...mark(plot, "text")!.querySelectorAll("text")].map((t) => t.textContent)).toEqual(["1", "1"]);
    expect(svg.outerHTML).toMatchSnapshot();
  });

  it("shows row shares as percentages", () => {
    const svg = GenreCooccurrence(DATA, {width: 500, measure: "share", document: jsdomDocument()});
    const plot = plotSvg(svg);
    // Action→Comedy: 1 of Action's 1 movie; Comedy→Action: 1 of Comedy's 2.
    expect([...mark(plot, "text")!.querySelectorAll("text")].map((t) => t.textContent)).toEqual(["100", "50"]);
  });
});

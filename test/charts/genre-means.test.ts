import {describe, expect, it} from "vitest";
import {GenreMeans} from "../../lib/charts/genre-means.js";
import {count, jsdomDocument, mark} from "./render.js";

const DATA = {
  genres: ["Action", "Comedy", "Drama", "Horror"],
  n: [3, 5, 1, 0],
  mean: [4, 3.6, 1, NaN],
  se: [0.47, 0.46, 0, NaN],
  overall: 24 / 7
};

describe("GenreMeans", () => {
  it("draws a dot and an interval per rated genre, best first, with the overall mean", () => {
    const svg = GenreMeans(DATA, {width: 400, document: jsdomDocument()});
    expect(svg.getAttribute("aria-label")).toBe("Mean rating by genre with 95% intervals; overall mean 3.43");
    expect(count(mark(svg, "dot")!, "circle")).toBe(3);
    const ticks = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(["Action", "Comedy", "Drama"]);
    expect(svg.outerHTML).toMatchSnapshot();
  });
});

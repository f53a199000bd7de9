import {describe, expect, it} from "vitest";
import {RatingsByGroup} from "../../lib/charts/ratings-by-group.js";
import {count, jsdomDocument, mark} from "./render.js";

const DATA = {
  dimension: "gender",
  groups: ["male", "female", "unknown"],
  ratings: [5, 2, 0],
  users: [2, 1, 1],
  mean: [4, 2, NaN],
  sd: [1.1, 1, NaN]
};

describe("RatingsByGroup", () => {
  it("draws a dot and an sd bar per group with ratings, skipping empty groups", () => {
    const svg = RatingsByGroup(DATA, {width: 500, document: jsdomDocument()});
    expect(svg.getAttribute("aria-label")).toBe("Mean rating by gender, with one standard deviation either side");
    expect(count(mark(svg, "dot")!, "circle")).toBe(2);
    expect(count(mark(svg, "rule")!, "line")).toBe(2);
    expect([...mark(svg, "text")!.querySelectorAll("text")].map((t) => t.textContent)).toEqual([
      "5 ratings",
      "2 ratings"
    ]);
    expect(svg.outerHTML).toMatchSnapshot();
  });
});

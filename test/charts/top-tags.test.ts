import {describe, expect, it} from "vitest";
import {TopTags} from "../../lib/charts/top-tags.js";
import {jsdomDocument, mark} from "./render.js";

const TOP = [
  {tag: "atmospheric", count: 30, users: 12, movies: 9},
  {tag: "funny", count: 20, users: 8, movies: 7},
  {tag: "twist ending", count: 5, users: 5, movies: 4}
];

describe("TopTags", () => {
  it("draws one labelled bar per tag, in the given order", () => {
    const svg = TopTags(TOP, {width: 400, document: jsdomDocument()});
    expect(svg.getAttribute("aria-label")).toBe("The 3 most used tags by number of tag rows");
    const ticks = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(["atmospheric", "funny", "twist ending"]);
    expect(mark(svg, "bar")!.querySelectorAll("rect").length).toBe(3);
    expect([...mark(svg, "text")!.querySelectorAll("text")].map((t) => t.textContent)).toEqual(["30", "20", "5"]);
  });
});

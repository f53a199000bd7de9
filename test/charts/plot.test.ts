import * as Plot from "@observablehq/plot";
import {describe, expect, it} from "vitest";
import {plot} from "../../lib/charts/plot.js";
import {jsdomDocument, plotSvg} from "./render.js";

const ROWS = [
  {x: "a", y: 1, k: "one"},
  {x: "b", y: 2, k: "two"}
];

describe("plot", () => {
  it("makes the chart an image named by its ariaLabel, and every labelled group a group", () => {
    const svg = plot({
      document: jsdomDocument(),
      ariaLabel: "Two bars",
      ariaDescription: "a is 1, b is 2",
      marks: [Plot.barY(ROWS, {x: "x", y: "y"}), Plot.ruleY([0])]
    });
    expect(svg.tagName.toLowerCase()).toBe("svg");
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toBe("Two bars");
    expect(svg.getAttribute("aria-description")).toBe("a is 1, b is 2");
    const labelled = [...svg.querySelectorAll("g[aria-label]")];
    expect(labelled.map((g) => g.getAttribute("aria-label"))).toEqual(
      expect.arrayContaining(["bar", "rule", "x-axis tick", "y-axis tick"])
    );
    // axe's aria-prohibited-attr: a named <g> needs a role that may be named.
    expect(labelled.filter((g) => g.getAttribute("role") !== "group")).toEqual([]);
  });

  it("gives a labelled shape outside a group, as a frame's rect, a role too", () => {
    const svg = plot({document: jsdomDocument(), ariaLabel: "A framed rule", marks: [Plot.frame(), Plot.ruleY([0])]});
    const frame = svg.querySelector('rect[aria-label="frame"]');
    expect(frame?.getAttribute("role")).toBe("img");
    expect(svg.querySelectorAll("svg [aria-label]:not([role])")).toHaveLength(0);
  });

  it("finds the plot's svg inside a figure with a legend and leaves the legend's svgs alone", () => {
    const figure = plot({
      document: jsdomDocument(),
      ariaLabel: "Two coloured bars",
      color: {legend: true, type: "linear"},
      marks: [Plot.barY(ROWS, {x: "x", y: "y", fill: "y"})]
    });
    expect(figure.tagName.toLowerCase()).toBe("figure");
    const svg = plotSvg(figure);
    expect(svg.getAttribute("role")).toBe("img");
    const others = [...figure.querySelectorAll("svg")].filter((s) => s !== svg);
    expect(others.length).toBeGreaterThan(0);
    for (const s of others) expect(s.getAttribute("role")).toBeNull();
    expect(figure.querySelectorAll("g[aria-label]:not([role=group])")).toHaveLength(0);
  });

  it("refuses a chart without a text alternative", () => {
    expect(() => plot({document: jsdomDocument(), ariaLabel: " ", marks: [Plot.ruleY([0])]})).toThrow(/ariaLabel/);
  });
});

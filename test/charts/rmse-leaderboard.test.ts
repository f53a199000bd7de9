import {describe, expect, it} from "vitest";
import {RmseLeaderboard} from "../../lib/charts/rmse-leaderboard.js";
import {count, jsdomDocument, plotSvg} from "./render.js";

const POINTS = [
  {label: "svdpp", mean: 0.92, sd: 0.01, kind: "ours" as const},
  {label: "mf", mean: 0.94, sd: 0.012, kind: "ours" as const},
  {label: "Surprise SVD", mean: 0.934, sd: 0, kind: "published" as const}
];

describe("RmseLeaderboard", () => {
  it("draws measured models as filled dots with sd bars and published figures as diamonds", () => {
    const el = RmseLeaderboard(POINTS, {width: 600, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe(
      "Leaderboard of 2 measured models and 1 published figures; best measured mean 0.920"
    );
    expect(count(svg, 'g[aria-label="rule"] line')).toBe(2);
    expect(count(svg, 'g[aria-label="dot"] circle')).toBe(2);
    expect(count(svg, 'g[aria-label="dot"] path')).toBe(1);
    expect(el.outerHTML).toMatchSnapshot();
  });

  it("ranks each group in its own panel on one shared x scale, the legend once", () => {
    const doc = jsdomDocument();
    const el = RmseLeaderboard(
      [
        {...POINTS[0], group: "u1–u5 (5 folds)"},
        {...POINTS[1], group: "u1–u5 (5 folds)"},
        {label: "blend", mean: 0.9, sd: 0, kind: "ours" as const, group: "u1 only"}
      ],
      {width: 600, document: doc}
    );
    expect([...el.querySelectorAll(":scope > p")].map((p) => p.textContent)).toEqual(["u1–u5 (5 folds)", "u1 only"]);
    const ticks = [...el.querySelectorAll('g[aria-label="x-axis tick label"]')].map((g) => g.textContent);
    expect(ticks).toHaveLength(2);
    expect(ticks[0]).toBe(ticks[1]);
    expect(count(el, "svg.plot-swatches, div.plot-swatches, .plot-swatches")).toBeLessThanOrEqual(1);
  });
});

describe("RmseLeaderboard with intervals", () => {
  it("draws a 95 % interval when a point has one, and no published legend entry without published points", () => {
    const el = RmseLeaderboard(
      [
        {label: "ease", mean: 0.477, sd: 0, lo: 0.46, hi: 0.492, kind: "ours" as const},
        {label: "bpr", mean: 0.416, sd: 0, lo: 0.399, hi: 0.432, kind: "ours" as const}
      ],
      {width: 600, document: jsdomDocument(), higherIsBetter: true, oursLegend: "mean, 95 % interval"}
    );
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe("Leaderboard of 2 measured models; best measured mean 0.477");
    const rules = [...svg.querySelectorAll('g[aria-label="rule"] line')];
    const width = (l: Element) => Math.abs(Number(l.getAttribute("x2")) - Number(l.getAttribute("x1")));
    expect(rules.every((l) => width(l) > 0)).toBe(true);
    expect(el.textContent).toContain("mean, 95 % interval");
    expect(el.textContent).not.toContain("published (theirs)");
  });
});

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
});

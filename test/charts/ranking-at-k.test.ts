import {describe, expect, it} from "vitest";
import {RankingAtK} from "../../lib/charts/ranking-at-k.js";
import {count, jsdomDocument, mark, plotSvg} from "./render.js";

describe("RankingAtK", () => {
  it("draws a line per model and names the best at the marked k", () => {
    const series = [
      {label: "EASE", values: [0.6, 0.55, 0.5]},
      {label: "popular", values: [0.3, 0.28, 0.27]}
    ];
    const el = RankingAtK(series, {width: 500, metric: "nDCG@k", mark: 2, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe("nDCG@k for k = 1 to 3 for 2 models; best at k = 2: EASE (0.550)");
    expect(count(mark(svg, "line")!, "path")).toBe(2);
    expect(count(mark(svg, "dot")!, "circle")).toBe(6);
    expect(el.outerHTML).toMatchSnapshot();
  });
});

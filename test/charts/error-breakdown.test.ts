import {describe, expect, it} from "vitest";
import {ErrorBreakdown} from "../../lib/charts/error-breakdown.js";
import {jsdomDocument, mark, plotSvg} from "./render.js";

const DATA = {
  lower: [1, 5, 20],
  upper: [4, 19, 20],
  rows: [10, 12, 9],
  accuracy: [0.4, 0.45, 0.5],
  rmse: [1.01, 0.95, 0.9]
};

describe("ErrorBreakdown", () => {
  it("labels buckets by range and bars by accuracy", () => {
    const el = ErrorBreakdown(DATA, {
      width: 400,
      what: "User's training ratings",
      reference: 0.44,
      document: jsdomDocument()
    });
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe(
      "Accuracy in 3 buckets of User's training ratings: 1–4: 40.0%, 5–19: 45.0%, 20: 50.0%"
    );
    expect([...mark(svg, "text")!.querySelectorAll("text")].map((t) => t.textContent)).toEqual([
      "40.0%",
      "45.0%",
      "50.0%"
    ]);
    expect(el.outerHTML).toMatchSnapshot();
  });

  it("shows RMSE", () => {
    const svg = plotSvg(ErrorBreakdown(DATA, {width: 400, measure: "rmse", document: jsdomDocument()}));
    expect([...mark(svg, "text")!.querySelectorAll("text")].map((t) => t.textContent)).toEqual([
      "1.010",
      "0.950",
      "0.900"
    ]);
  });
});

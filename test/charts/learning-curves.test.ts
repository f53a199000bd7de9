import {describe, expect, it} from "vitest";
import {LearningCurves} from "../../lib/charts/learning-curves.js";
import {jsdomDocument, mark, plotSvg} from "./render.js";

describe("LearningCurves", () => {
  it("draws training and validation lines and marks the best round", () => {
    const el = LearningCurves(
      {trainLoss: [1.5, 1.3, 1.2, 1.1], validLoss: [1.52, 1.4, 1.38, 1.39], bestIteration: 2},
      {width: 400, document: jsdomDocument()}
    );
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe(
      "Learning curves over 4 rounds: training log loss 1.1000, validation log loss 1.3900 at the last round"
    );
    expect(mark(svg, "line")!.querySelectorAll("path")).toHaveLength(2);
    expect(mark(svg, "text")!.textContent).toBe("best round 3");
    expect(el.outerHTML).toMatchSnapshot();
  });

  it("works without a validation curve", () => {
    const svg = plotSvg(LearningCurves({trainLoss: [1, 0.9], validLoss: []}, {width: 300, document: jsdomDocument()}));
    expect(svg.getAttribute("aria-label")).toBe("Learning curves over 2 rounds: training log loss 0.9000");
    expect(mark(svg, "line")!.querySelectorAll("path")).toHaveLength(1);
  });
});

import {describe, expect, it} from "vitest";
import {ConfusionMatrix} from "../../lib/charts/confusion-matrix.js";
import {count, jsdomDocument, mark, plotSvg} from "./render.js";

const DATA = {classes: [1, 2, 3], counts: [8, 2, 0, 1, 3, 0, 0, 5, 5]};

describe("ConfusionMatrix", () => {
  it("labels cells with counts", () => {
    const el = ConfusionMatrix(DATA, {width: 400, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe(
      "Confusion matrix of 3 classes (counts): rows are true ratings, columns predicted ratings"
    );
    expect(count(mark(svg, "cell")!, "rect")).toBe(9);
    expect([...mark(svg, "text")!.querySelectorAll("text")].map((t) => t.textContent)).toEqual([
      "8",
      "2",
      "0",
      "1",
      "3",
      "0",
      "0",
      "5",
      "5"
    ]);
    expect(el.outerHTML).toMatchSnapshot();
  });

  it("normalises each true-class row to shares", () => {
    const svg = plotSvg(ConfusionMatrix(DATA, {width: 400, normalize: "row", document: jsdomDocument()}));
    expect([...mark(svg, "text")!.querySelectorAll("text")].map((t) => t.textContent)).toEqual([
      "80.0%",
      "20.0%",
      "0.0%",
      "25.0%",
      "75.0%",
      "0.0%",
      "0.0%",
      "50.0%",
      "50.0%"
    ]);
  });
});

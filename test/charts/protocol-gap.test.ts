import {describe, expect, it} from "vitest";
import {ProtocolGap} from "../../lib/charts/protocol-gap.js";
import {jsdomDocument, plotSvg} from "./render.js";

describe("ProtocolGap", () => {
  it("draws one dot per model and protocol and one range rule per model, with a protocol legend", () => {
    const points = [
      {model: "Baseline", protocol: "kfold", value: 0.944},
      {model: "Baseline", protocol: "temporal-global", value: 0.999},
      {model: "MF", protocol: "kfold", value: 0.936},
      {model: "MF", protocol: "temporal-global", value: 0.99}
    ];
    const el = ProtocolGap(points, {width: 500, metric: "RMSE", lowerIsBetter: true, document: jsdomDocument()});
    const svg = plotSvg(el);
    expect(svg.querySelector('g[aria-label="dot"]')!.querySelectorAll("circle").length).toBe(4);
    expect(svg.querySelector('g[aria-label="rule"]')!.querySelectorAll("line").length).toBe(2);
    expect(svg.getAttribute("aria-label")).toContain("Baseline temporal-global 0.999");
    expect(el.textContent).toContain("RMSE (lower is better)");
    // The legend names both protocols.
    expect(el.textContent).toContain("temporal-global");
  });
});

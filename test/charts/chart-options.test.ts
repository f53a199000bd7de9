import {describe, expect, it} from "vitest";
import {labelMargin} from "../../lib/charts/chart-options.js";

describe("labelMargin", () => {
  it("fits short labels exactly and caps long ones at a share of the width", () => {
    expect(labelMargin(["mf", "svdpp"], 640)).toEqual({marginLeft: Math.round(5 * 6.2 + 12), lineWidth: Infinity});
    const long = labelMargin(["Surprise NormalPredictor — 5-fold random CV"], 640);
    expect(long.marginLeft).toBe(Math.round(43 * 6.2 + 12));
    const phone = labelMargin(["Surprise NormalPredictor — 5-fold random CV"], 330);
    expect(phone.marginLeft).toBe(Math.round(330 * 0.55));
    expect(labelMargin(["Surprise NormalPredictor — 5-fold random CV"], 330, 0.3).marginLeft).toBe(99);
    expect(phone.lineWidth).toBeCloseTo(((phone.marginLeft - 12) / 10) * 0.85);
  });
});

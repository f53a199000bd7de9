import {describe, expect, it} from "vitest";
import {computeCuts} from "../../../lib/models/gbdt/binning.js";
import {
  emptyCandidate,
  findBestSplit,
  isValidSplit,
  leafWeight,
  nodeGain,
  splitLossChange,
  thresholdL1
} from "../../../lib/models/gbdt/split.js";

const P = {lambda: 1, alpha: 0, minChildWeight: 1, gamma: 0};

describe("split gain", () => {
  it("matches a hand-computed example: G²/(H+λ) terms", () => {
    // Left: G = -4, H = 3; right: G = 6, H = 5; parent G = 2, H = 8; λ = 1.
    // gain = 16/4 + 36/6 − 4/9 = 4 + 6 − 0.4444… = 9.5555…
    expect(splitLossChange(-4, 3, 6, 5, nodeGain(2, 8, P), P)).toBeCloseTo(9.555556, 5);
    expect(leafWeight(-4, 3, P)).toBeCloseTo(1, 7);
    expect(leafWeight(6, 5, P)).toBeCloseTo(-1, 7);
  });

  it("applies alpha as a soft threshold and min_child_weight to leaves", () => {
    expect(thresholdL1(5, 2)).toBe(3);
    expect(thresholdL1(-5, 2)).toBe(-3);
    expect(thresholdL1(1, 2)).toBe(0);
    const pa = {...P, alpha: 2};
    // (|-4| − 2)² / 4 + (6 − 2)² / 6 − 0 = 1 + 2.6667
    expect(splitLossChange(-4, 3, 6, 5, nodeGain(2, 8, pa), pa)).toBeCloseTo(3.666667, 5);
    expect(leafWeight(-4, 0.5, P)).toBe(0);
  });

  it("rejects a split below gamma or without a positive loss change", () => {
    const c = {...emptyCandidate(), feature: 0, lossChange: 2, HL: 1, HR: 1};
    expect(isValidSplit(c, P)).toBe(true);
    expect(isValidSplit(c, {...P, gamma: 3})).toBe(false);
    expect(isValidSplit({...c, lossChange: 0}, P)).toBe(false);
  });
});

describe("findBestSplit", () => {
  // One feature with 4 values; histogram: bin b at 2b (g), 2b+1 (h).
  function histOf(g: number[], h: number[], d = 1): Float64Array {
    const hist = new Float64Array(d * 512);
    g.forEach((v, b) => {
      hist[2 * b] = v;
      hist[2 * b + 1] = h[b];
    });
    return hist;
  }

  it("finds the bin boundary that separates negative from positive gradients", () => {
    const cuts = computeCuts(Float32Array.from([0, 1, 2, 3]), 4, 1, 256);
    const g = [-3, -2, 2, 3];
    const h = [2, 2, 2, 2];
    const best = emptyCandidate();
    findBestSplit(histOf(g, h), 0, 8, cuts, Int32Array.of(0), P, best);
    expect(best.feature).toBe(0);
    expect(best.bin).toBe(1);
    expect(best.threshold).toBe(2); // x < 2 goes left
    expect(best.GL).toBe(-5);
    expect(best.HR).toBe(4);
    expect(best.lossChange).toBeCloseTo(25 / 5 + 25 / 5 - 0, 5);
  });

  it("learns to send missing values to the side whose gradients they resemble", () => {
    const x = Float32Array.from([0, 1, 2, 3, NaN]);
    const cuts = computeCuts(x, 5, 1, 256);
    // Missing rows have strongly negative gradients, like bins 0-1: they should go left.
    const hist = histOf([-3, -2, 2, 3], [2, 2, 2, 2]);
    hist[2 * 255] = -6;
    hist[2 * 255 + 1] = 2;
    const best = emptyCandidate();
    findBestSplit(hist, -6, 10, cuts, Int32Array.of(0), P, best);
    expect(best.defaultLeft).toBe(true);
    expect(best.bin).toBe(1);
    expect(best.GL).toBe(-11);
    // And to the right when they resemble bins 2-3.
    hist[2 * 255] = 6;
    findBestSplit(hist, 6, 10, cuts, Int32Array.of(0), P, best);
    expect(best.defaultLeft).toBe(false);
    expect(best.GR).toBe(11);
  });

  it("respects min_child_weight", () => {
    const cuts = computeCuts(Float32Array.from([0, 1, 2, 3]), 4, 1, 256);
    const best = emptyCandidate();
    // Only the split after bin 0 is informative, but its left side has hessian 0.5 < 1.
    findBestSplit(histOf([-10, 1, 1, 1], [0.5, 2, 2, 2]), -7, 6.5, cuts, Int32Array.of(0), P, best);
    expect(best.bin).not.toBe(0);
  });
});

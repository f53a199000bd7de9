import {describe, expect, it} from "vitest";
import {pairedDifferences, whyNotPaired} from "../../lib/runs/paired-comparison.js";
import {cvRecord} from "./fixture.js";

describe("paired comparison over folds", () => {
  it("gives the mean and sd of b − a per fold, the paired t and the folds each wins", () => {
    const a = cvRecord([1.0, 0.9]);
    const b = cvRecord([0.9, 0.85]);
    const rmse = pairedDifferences(a, b).find((d) => d.metric === "rmse")!;
    // d = (−0.1, −0.05): mean −0.075, sd |−0.05|/√2, t = mean / (sd/√2) = −3.
    expect(rmse.n).toBe(2);
    expect(rmse.mean).toBeCloseTo(-0.075, 12);
    expect(rmse.sd).toBeCloseTo(0.05 / Math.SQRT2, 12);
    expect(rmse.t).toBeCloseTo(-3, 10);
    expect([rmse.bBetter, rmse.aBetter]).toEqual([2, 0]);
    // Counts and timings are not metrics.
    expect(pairedDifferences(a, b).map((d) => d.metric)).toEqual(["rmse", "mae"]);
  });

  it("has no t when the differences do not vary", () => {
    const d = pairedDifferences(cvRecord([1, 0.9]), cvRecord([1.1, 1.0])).find((x) => x.metric === "rmse")!;
    expect(d.sd).toBeCloseTo(0, 12);
    expect([d.aBetter, d.bBetter]).toEqual([2, 0]);
  });

  it("says why runs on other data, protocols, seeds or folds are not paired", () => {
    const a = cvRecord([1, 0.9]);
    expect(whyNotPaired(a, cvRecord([1, 0.9]))).toEqual([]);
    expect(whyNotPaired(a, cvRecord([1, 0.9], {fingerprint: `sha256:${"b".repeat(64)}`}))[0]).toMatch(
      /^different data/
    );
    expect(whyNotPaired(a, cvRecord([1, 0.9], {seed: 7}))).toEqual(["different split seeds: 42 and 7"]);
    expect(whyNotPaired(a, cvRecord([1, 0.9], {protocol: "hold-out"}))).toEqual([
      "different protocols: k-fold and hold-out"
    ]);
    // ml-100k's official folds do not depend on the seed.
    const official = cvRecord([1, 0.9], {protocol: "official"});
    expect(whyNotPaired(official, {...official, seed: 7})).toEqual([]);
    const three = cvRecord([1, 0.9]);
    three.folds = [...three.folds, {...three.folds[0], fold: "fold3"}];
    expect(whyNotPaired(a, three)).toEqual(["different folds: fold1,fold2 and fold1,fold2,fold3"]);
  });
});

import {describe, expect, it} from "vitest";
import {predict} from "../../../lib/models/estimator.js";
import {blendFeatures, fitLinear, type BlendState} from "../../../lib/models/composite/blend.js";
import {getModel} from "../../../lib/models/registry.js";
import {syntheticSplit} from "../fixtures.js";

const blendModel = getModel("blend");
const fitBlend = (train: Parameters<typeof blendModel.fit>[0], params: object): BlendState =>
  blendModel.fit(train, params) as BlendState;

describe("blend", () => {
  it("least squares recovers an exact linear combination", () => {
    // y = 0.5 + 2·x1 − x2
    const x = Float64Array.from([1, 0, 0, 1, 1, 1, 2, 3, 4, 1]);
    const y = [2.5, -0.5, 1.5, 1.5, 7.5];
    const w = fitLinear(x, y, 2, Int32Array.from([0, 1, 2, 3, 4]), 0);
    expect(Array.from(w).map((v) => +v.toFixed(9))).toEqual([0.5, 2, -1]);
  });

  it("support-weighted features: p, p·s_u, p·s_m per member, then s_u and s_m", () => {
    const out = new Float64Array(8);
    const su = Math.log1p(10) / 6,
      sm = Math.log1p(3) / 6;
    expect(blendFeatures([4, 2], 10, 3, true, out)).toBe(8);
    expect(Array.from(out)).toEqual([4, 4 * su, 4 * sm, 2, 2 * su, 2 * sm, su, sm]);
    expect(blendFeatures([4, 2], 10, 3, false, out)).toBe(2);
  });

  it("keeps the blend only when it beats every member on held-out training ratings, else the best member alone", () => {
    const {train} = syntheticSplit(60, 40, 0.4, 8);
    const s = fitBlend(train, {
      members: [
        {model: "baseline"},
        {model: "item-knn"},
        {model: "mf", params: {factors: 5, epochs: 30, lr: 0.01, reg: 0.05}}
      ]
    });
    const best = Math.min(...s.holdoutRmse.members);
    if (s.kept) {
      expect(s.holdoutRmse.blend).toBeLessThan(best);
    } else {
      expect(Array.from(s.weights).filter((w) => w === 1).length).toBe(1);
      expect(s.intercept).toBe(0);
    }
    // two copies of one model: recalibrating it does not beat it out of sample here, so the blend falls back
    const solo = fitBlend(train, {members: [{model: "baseline"}, {model: "baseline"}], supportWeighted: false});
    expect(solo.kept).toBe(false);
    expect(predict(blendModel, solo, 0, 0).rating).toBeGreaterThanOrEqual(1);
  });

  it("selects a member's parameters among its candidates on the held-out part, as if the winner had been given", () => {
    const {train} = syntheticSplit(60, 40, 0.4, 8);
    const mfBase = {factors: 5, lr: 0.01};
    const grid = [
      {epochs: 30, reg: 3},
      {epochs: 30, reg: 0.05},
      {epochs: 5, reg: 0.05}
    ];
    const s = fitBlend(train, {members: [{model: "baseline"}, {model: "mf", params: mfBase, candidates: grid}]});
    const sel = s.selection[1];
    expect(sel.scores).toHaveLength(3);
    expect(s.selection[0].scores).toHaveLength(1);
    // reg 3 shrinks every factor and bias away: never the best
    expect(sel.bestIndex).not.toBe(0);
    expect(sel.scores[sel.bestIndex].rmse).toBe(Math.min(...sel.scores.map((c) => c.rmse)));
    expect(s.members[1]).toEqual({model: "mf", params: {...mfBase, ...grid[sel.bestIndex]}});
    expect(s.holdoutRmse.members[1]).toBe(sel.scores[sel.bestIndex].rmse);
    const fixed = fitBlend(train, {
      members: [{model: "baseline"}, {model: "mf", params: {...mfBase, ...grid[sel.bestIndex]}}]
    });
    expect(fixed.weights).toEqual(s.weights);
    expect(fixed.intercept).toBe(s.intercept);
    expect(predict(blendModel, fixed, 2, 3)).toEqual(predict(blendModel, s, 2, 3));
  });

  it("rejects unknown members and empty holdouts", () => {
    const {train} = syntheticSplit(10, 10, 0.5, 1);
    expect(() => fitBlend(train, {members: [{model: "nope"}]})).toThrow(/unknown member "nope"/);
    expect(() => fitBlend(train, {holdout: 0})).toThrow(/holdout 0/);
  });
});

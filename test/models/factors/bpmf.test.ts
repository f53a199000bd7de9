import {describe, expect, it} from "vitest";
import {predict} from "../../../lib/models/estimator.js";
import {BPMF_CANDIDATES, bpmfModel, bpmfSelectedModel} from "../../../lib/models/factors/bpmf.js";
import {innerHoldout} from "../../../lib/models/composite/inner-selection.js";
import {syntheticSplit} from "../fixtures.js";

describe("bpmf with its factor count selected on training data", () => {
  it("offers only factor counts to choose from; sweeps, burn-in and α stay the fixed defaults", () => {
    expect(BPMF_CANDIDATES.map((c) => Object.keys(c))).toEqual([["factors"], ["factors"], ["factors"]]);
  });

  it("scores each candidate on the inner hold-out, then refits the winner on the whole training part", () => {
    const {train} = syntheticSplit(40, 30, 0.4, 2);
    const candidates = [
      {factors: 1, sweeps: 12, burnIn: 4},
      {factors: 3, sweeps: 12, burnIn: 4}
    ];
    const s = bpmfSelectedModel.fit(train, {candidates});
    // the model's own parameters given to fit are fixed for every candidate
    const fixed = bpmfSelectedModel.fit(train, {candidates: [{factors: 1}, {factors: 3}], sweeps: 12, burnIn: 4});
    expect(fixed.selection.scores.map((c) => c.rmse)).toEqual(s.selection.scores.map((c) => c.rmse));
    expect(s.selection.scores).toHaveLength(2);
    // the inner score is the candidate fitted on inner-train, scored on the held-out ratings
    const split = innerHoldout(train, 0.2, 42);
    const inner = bpmfModel.fit(split.inner, candidates[1]);
    let se = 0;
    for (let k = 0; k < split.hold.rating.length; k++)
      se += (predict(bpmfModel, inner, split.hold.user[k], split.hold.movie[k]).rating - split.hold.rating[k]) ** 2;
    expect(s.selection.scores[1].rmse).toBeCloseTo(Math.sqrt(se / split.hold.rating.length), 12);
    const direct = bpmfModel.fit(train, s.selection.best);
    expect(s.state.factors).toBe(candidates[s.selection.bestIndex].factors);
    expect(s.state.itemSamples).toEqual(direct.itemSamples);
    expect(predict(bpmfSelectedModel, s, 1, 2)).toEqual(predict(bpmfModel, direct, 1, 2));
  });
});

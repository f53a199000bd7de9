import {describe, expect, it} from "vitest";
import {getModel, MODELS, modelNames} from "../../lib/models/registry.js";
import {recommend, seenMatrix} from "../../lib/models/top-n.js";
import {syntheticSplit} from "./recommenders/fixtures.js";

// Small enough for every model, including the blend's members, to fit in well under a second.
const {train} = syntheticSplit(40, 30, 0.4, 21);
const fast: Record<string, object> = {
  mf: {factors: 8, epochs: 5},
  svdpp: {factors: 5, epochs: 5},
  "svd-seed": {components: 5},
  bpr: {factors: 8, epochs: 5},
  bpmf: {factors: 3, sweeps: 6, burnIn: 2},
  "svd-centred": {components: 5},
  blend: {members: [{model: "baseline"}, {model: "item-knn"}, {model: "mf", params: {factors: 4, epochs: 10}}]}
};

describe("model registry", () => {
  it("lists the CLI names by task and rejects unknown names", () => {
    expect(modelNames("rating")).toEqual(["global-mean", "baseline", "user-knn", "item-knn", "svd-seed", "svd-centred", "mf", "svdpp", "bpmf", "blend"]);
    expect(modelNames("ranking")).toEqual(["popular", "item-knn-implicit", "ease", "bpr"]);
    expect(() => getModel("nope")).toThrow(/unknown model "nope"; expected one of global-mean, baseline/);
  });

  for (const [name, {model}] of Object.entries(MODELS)) {
    it(`${name}: scoreAll covers the catalogue, top-N excludes seen, predictions clipped, unknown users flagged`, () => {
      const state = model.fit(train, fast[name]);
      expect(model.name).toBe(name);
      expect(model.scoreAll(state, 0).length).toBe(30);
      const seen = seenMatrix(train);
      const top = recommend(model, state, seen, 0, 10);
      expect(top.length).toBe(10);
      const rated = new Set(Array.from(seen.indices.subarray(seen.indptr[0], seen.indptr[1])));
      expect(top.some((r) => rated.has(r.movie))).toBe(false);
      for (let m = 0; m < 30; m++) {
        const p = model.predict(state, 1, m);
        expect(p.rating).toBeGreaterThanOrEqual(1);
        expect(p.rating).toBeLessThanOrEqual(5);
      }
      if (name !== "global-mean") expect(model.predict(state, 999, 0).fallback).toBe(true);
      // fitted state is plain data: survives structured cloning (workers, serialisation)
      expect(() => structuredClone(state)).not.toThrow();
    });
  }
});

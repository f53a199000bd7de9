import {describe, expect, it} from "vitest";
import {FACTORS, INIT_STD, integerParam, numberParam, seedParam, SGD_EPOCHS} from "../../lib/models/param-specs.js";
import {MODELS} from "../../lib/models/registry.js";

describe("parameter specs", () => {
  it("build integer, real and seed specs", () => {
    expect(integerParam(1, 5, "k")).toEqual({type: "integer", min: 1, max: 5, description: "k"});
    expect(numberParam(0, 1, "share")).toEqual({type: "number", min: 0, max: 1, description: "share"});
    expect(seedParam("the split")).toEqual({type: "integer", description: "seed of the split"});
  });

  it("are shared by the factor models that mean the same parameter", () => {
    expect(MODELS.mf.params.factors).toBe(FACTORS);
    expect(MODELS.svdpp.params.factors).toBe(FACTORS);
    expect(MODELS.bpr.params.factors).toBe(FACTORS);
    expect(MODELS.mf.params.epochs).toBe(SGD_EPOCHS);
    expect(MODELS.svdpp.params.initStd).toBe(INIT_STD);
  });
});

import {describe, expect, it} from "vitest";
import {float32Text, GbdtModelError, modelToJSON, parseModel} from "../../../lib/models/gbdt/model.js";
import {predictProba} from "../../../lib/models/gbdt/predict.js";
import {syntheticClassification} from "../../../lib/models/gbdt/synthetic.js";
import {trainGbdt} from "../../../lib/models/gbdt/train.js";
import {blobs, slice} from "./fixtures.js";

describe("model JSON", () => {
  const data = blobs(1500, 5, 3, 8, 1.5);
  const tr = slice(data, 0, 1000);
  const te = slice(data, 1000, 1500);
  // NaN in the test rows exercises the default directions after loading.
  te.features[3] = NaN;
  te.features[12] = NaN;
  const model = trainGbdt(tr, {num_class: 3, n_estimators: 20, max_depth: 5}, {eval: te});

  it("round-trips through JSON text with bit-identical predictions", () => {
    const text = modelToJSON(model);
    const loaded = parseModel(text);
    expect(Array.from(predictProba(loaded, te.features, te.n))).toEqual(
      Array.from(predictProba(model, te.features, te.n))
    );
    expect(loaded.evals_result.eval!.mlogloss).toEqual(model.evals_result.eval!.mlogloss);
    expect(modelToJSON(loaded)).toBe(text);
  });

  it("writes float32 values with the fewest digits that read back exactly", () => {
    for (const v of [0.1, 1 / 3, -2.5e-8, 123456.789, 3]) {
      const s = float32Text(v);
      expect(Math.fround(Number(s))).toBe(Math.fround(v));
      expect(s.replace(/[-.]|e.*$/g, "").replace(/^0+/, "").length).toBeLessThanOrEqual(9);
    }
    expect(float32Text(0.1)).toBe("0.1");
  });

  it("a 100-round, 5-class, depth-6 model on 20,000 rows is under 3 MB", () => {
    const s = syntheticClassification(20000, 5, 3);
    const m = trainGbdt(s, {num_class: 5, n_estimators: 100, max_depth: 6});
    expect(m.trees.length).toBe(500);
    expect(modelToJSON(m).length).toBeLessThan(3e6);
  });

  it("rejects truncated, corrupted and incompatible files with a clear error", () => {
    const text = modelToJSON(model);
    expect(() => parseModel(text.slice(0, text.length / 2))).toThrow(/not valid JSON .*truncated/);
    expect(() => parseModel(text.replace('"version":1', '"version":7'))).toThrow(/field "version": got 7, expected 1/);
    expect(() => parseModel(text.replace('"format":"movielab-gbdt"', '"format":"x"'))).toThrow(GbdtModelError);
    const o = JSON.parse(text);
    o.trees[2].left[0] = 0;
    expect(() => parseModel(o)).toThrow(/trees\[2\] node 0: child 0 out of range/);
    const o2 = JSON.parse(text);
    o2.trees.pop();
    expect(() => parseModel(o2)).toThrow(/field "trees": expected 60 trees/);
    const o3 = JSON.parse(text);
    o3.trees[0].feature[0] = 99;
    expect(() => parseModel(o3)).toThrow(/trees\[0\].feature\[0\]: got 99/);
  });
});

import {describe, expect, it} from "vitest";
import type {GbdtModel} from "../../../lib/models/gbdt/model.js";
import {predict, predictClass, predictMargin, predictProba} from "../../../lib/models/gbdt/predict.js";
import {trainGbdt} from "../../../lib/models/gbdt/train.js";
import {leafIndex, treeDepth} from "../../../lib/models/gbdt/tree.js";
import {blobs, slice} from "./fixtures.js";

/** Reference margins: base margin plus each tree's leaf, summed in float32 tree by tree. */
function referenceMargins(model: GbdtModel, x: Float32Array, n: number): Float32Array {
  const K = model.num_group;
  const out = new Float32Array(n * K).fill(model.base_margin);
  model.trees.slice(0, (model.best_iteration + 1) * K).forEach((t, ti) => {
    for (let i = 0; i < n; i++) out[i * K + (ti % K)] += t.value[leafIndex(t, x, model.num_feature, i)];
  });
  return out;
}

describe("predict", () => {
  const data = blobs(2003, 5, 3, 12, 2.5);
  const tr = slice(data, 0, 1500);
  const te = slice(data, 1500, 2003);
  for (let i = 0; i < te.features.length; i += 17) te.features[i] = NaN;
  for (let i = 0; i < tr.features.length; i += 23) tr.features[i] = NaN;

  it("the compiled forest (depth <= 10) agrees with plain traversal, with missing values and an odd row count", () => {
    const model = trainGbdt(tr, {num_class: 3, n_estimators: 10, max_depth: 6, min_child_weight: 0});
    expect(Array.from(predictMargin(model, te.features, te.n))).toEqual(
      Array.from(referenceMargins(model, te.features, te.n))
    );
  });

  it("a few rows with missing values among complete ones (in the four-row kernel and the odd last rows) agree with plain traversal", () => {
    const model = trainGbdt(tr, {num_class: 3, n_estimators: 10, max_depth: 6, min_child_weight: 0});
    const x = slice(data, 1500, 2003).features;
    const d = model.num_feature;
    // Rows 0, 9, 250 and the last (502, in the tail after the last full block of four) get one NaN each.
    for (const [row, f] of [
      [0, 0],
      [9, 3],
      [250, 11],
      [502, 5]
    ])
      x[row * d + f] = NaN;
    expect(Array.from(predictMargin(model, x, 503))).toEqual(Array.from(referenceMargins(model, x, 503)));
  });

  it("deep trees (depth > 10) take the general path and agree too", () => {
    const model = trainGbdt(tr, {num_class: 3, n_estimators: 3, max_depth: 14, min_child_weight: 0, reg_lambda: 0.01});
    expect(Math.max(...model.trees.map(treeDepth))).toBeGreaterThan(10);
    expect(Array.from(predictMargin(model, te.features, te.n))).toEqual(
      Array.from(referenceMargins(model, te.features, te.n))
    );
  });

  it("probabilities sum to 1 and predictClass is their argmax; binary gives two columns", () => {
    const model = trainGbdt(tr, {num_class: 3, n_estimators: 5});
    const p = predictProba(model, te.features, te.n);
    const c = predictClass(model, te.features, te.n);
    for (let i = 0; i < te.n; i++) {
      expect(p[3 * i] + p[3 * i + 1] + p[3 * i + 2]).toBeCloseTo(1, 5);
      expect(p[3 * i + c[i]]).toBe(Math.max(p[3 * i], p[3 * i + 1], p[3 * i + 2]));
    }
    const bin = trainGbdt(
      {...tr, labels: Int32Array.from(tr.labels, (y) => (y === 0 ? 1 : 0))},
      {objective: "binary:logistic", n_estimators: 5}
    );
    const pb = predictProba(bin, te.features, te.n);
    const p1 = predict(bin, te.features, te.n);
    expect(pb.length).toBe(2 * te.n);
    expect(pb[1]).toBe(p1[0]);
  });

  it("checks the matrix shape", () => {
    const model = trainGbdt(tr, {num_class: 3, n_estimators: 1});
    expect(() => predictProba(model, new Float32Array(7), 2)).toThrow(
      /features has 7 values, expected n × num_feature = 2 × 5/
    );
  });
});

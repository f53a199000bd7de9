/**
 * The rank-forest prediction kernel: it compiles here, predictMargin really runs it (calls counted),
 * and its margins are bit for bit those of addRankForest's JavaScript kernel on trained models.
 * test/models/gbdt/predict-rank.test.ts checks both against the float traversal on adversarial inputs.
 */
import {describe, expect, it} from "vitest";
import type {GbdtModel} from "../../lib/models/gbdt/model.js";
import {predictMargin} from "../../lib/models/gbdt/predict.js";
import {addRankForest, encodeRanks, rankForest} from "../../lib/models/gbdt/rank-forest.js";
import {syntheticClassification} from "../../lib/models/gbdt/synthetic.js";
import {trainGbdt} from "../../lib/models/gbdt/train.js";
import {countKernelCalls, kernelCalls} from "../../lib/wasm/assembler.js";
import {kernelModuleBytes, rankForestAvailable, wasmKernel} from "../../lib/wasm/rank-forest.js";

countKernelCalls(true);

const calls = () => kernelCalls.get("rank-forest.addRankForest") ?? 0;
const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

/** Margins of the compiled forest with the given kernel ("auto": WebAssembly where available). */
function margins(model: GbdtModel, x: Float32Array, n: number, kernel: "auto" | "js"): Float32Array {
  const forest = rankForest(model)!;
  const out = new Float32Array(n * model.num_group).fill(model.base_margin);
  addRankForest(forest, encodeRanks(forest, x, n), n, model.num_rounds * model.num_group, model.num_group, out, kernel);
  return out;
}

describe("rank-forest kernel", () => {
  const s = syntheticClassification(9000, 3, 23);
  const nTrain = 4000;
  const train = {features: s.features.slice(0, nTrain * s.d), labels: s.labels.slice(0, nTrain), n: nTrain};
  const x = s.features.slice(nTrain * s.d);
  // 5000 rows: two chunks of the wrapper (4096 rows each) and no row tail; 4999: a tail of three rows.
  const n = s.n - nTrain;

  it("is available here (no silent JavaScript fallback in these tests) and small enough for synchronous compilation", () => {
    expect(rankForestAvailable()).toBe(true);
    const bytes = kernelModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(4096);
    expect(wasmKernel()).not.toBeNull();
  });

  for (const [name, params] of [
    ["multiclass, depth 6", {num_class: 3, n_estimators: 14, max_depth: 6, subsample: 0.8, seed: 2}],
    [
      "binary, depth 4, a tree count not a multiple of 4",
      {objective: "binary:logistic" as const, n_estimators: 11, max_depth: 4}
    ]
  ] as const) {
    it(`predictMargin runs the kernel and equals the JavaScript kernel bit for bit (${name})`, () => {
      const labels = "objective" in params ? Int32Array.from(train.labels, (y) => (y === 1 ? 1 : 0)) : train.labels;
      const model = trainGbdt({...train, labels}, params);
      for (const rows of [n, n - 1]) {
        const xs = x.subarray(0, rows * s.d);
        const js = margins(model, xs, rows, "js");
        const before = calls();
        const auto = margins(model, xs, rows, "auto");
        expect(calls() - before).toBe(2);
        expect(bits(auto)).toEqual(bits(js));
        const viaPredict = predictMargin(model, xs, rows);
        expect(calls() - before).toBe(4);
        expect(bits(viaPredict)).toEqual(bits(js));
      }
      // The JavaScript kernel alone never calls WebAssembly.
      const c = calls();
      margins(model, x, n, "js");
      expect(calls()).toBe(c);
    });
  }
});

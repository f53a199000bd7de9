/**
 * GBDT prediction on worker threads: the same bits as on one thread (WebAssembly and JavaScript
 * kernels, row counts that do not split evenly), small batches kept on this thread, and prediction
 * alone again once the threads are stopped.
 */
import {afterEach, describe, expect, it} from "vitest";
import {predictMargin} from "../../../lib/models/gbdt/predict.js";
import {syntheticClassification} from "../../../lib/models/gbdt/synthetic.js";
import {trainGbdt} from "../../../lib/models/gbdt/train.js";
import {addRankForest, encodeRanks, rankForest} from "../../../lib/models/gbdt/rank-forest.js";
import {MIN_THREADED_ROWS, useForestThreads, type ForestThreads} from "../../../lib/node/threads/forest-threads.js";

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

let running: ForestThreads | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe("useForestThreads", () => {
  const nTrain = 3000,
    nTest = 4099;
  const s = syntheticClassification(nTrain + nTest, 5, 11);
  const model = trainGbdt(
    {features: s.features.slice(0, nTrain * s.d), labels: s.labels.slice(0, nTrain), n: nTrain},
    {num_class: 5, n_estimators: 15, max_depth: 5, learning_rate: 0.3}
  );
  const test = s.features.slice(nTrain * s.d);

  it("predicts a batch with the bits of one thread, and small batches alone", {timeout: 60_000}, async () => {
    const alone = predictMargin(model, test, nTest);
    const small = predictMargin(model, test.slice(0, (MIN_THREADED_ROWS - 1) * s.d), MIN_THREADED_ROWS - 1);
    running = useForestThreads({threads: 3});
    await running.ready;
    expect(bits(predictMargin(model, test, nTest))).toEqual(bits(alone));
    expect(running.jobs).toBe(1);
    expect(bits(predictMargin(model, test.slice(0, (MIN_THREADED_ROWS - 1) * s.d), MIN_THREADED_ROWS - 1))).toEqual(
      bits(small)
    );
    expect(running.jobs).toBe(1);
  });

  it("leaves the JavaScript kernel's path alone, and predicts alone once stopped", {timeout: 60_000}, async () => {
    const forest = rankForest(model)!;
    const codes = encodeRanks(forest, test, nTest);
    const js = new Float32Array(nTest * 5);
    addRankForest(forest, codes, nTest, model.trees.length, 5, js, "js");
    running = useForestThreads({threads: 2});
    await running.ready;
    const threaded = new Float32Array(nTest * 5);
    addRankForest(forest, codes, nTest, model.trees.length, 5, threaded);
    expect(bits(threaded)).toEqual(bits(js));
    expect(running.jobs).toBe(1);
    const jsAgain = new Float32Array(nTest * 5);
    addRankForest(forest, codes, nTest, model.trees.length, 5, jsAgain, "js");
    expect(running.jobs).toBe(1);
    await running.stop();
    const after = new Float32Array(nTest * 5);
    addRankForest(forest, codes, nTest, model.trees.length, 5, after);
    expect(bits(after)).toEqual(bits(js));
    running = undefined;
  });
});

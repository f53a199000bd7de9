import {describe, expect, it} from "vitest";
import {parallelTrainer, trainGbdtParallel} from "../../lib/node/gbdt-parallel.js";
import {modelToJSON} from "../../lib/models/gbdt/model.js";
import {syntheticClassification} from "../../lib/models/gbdt/synthetic.js";
import {trainGbdt} from "../../lib/models/gbdt/train.js";

describe("trainGbdtParallel", () => {
  const s = syntheticClassification(6000, 5, 17);
  const train = {features: s.features, labels: s.labels, n: s.n};

  it("grows class trees in a worker thread and gives exactly the single-thread model", async () => {
    const p = {num_class: 5, n_estimators: 6, subsample: 0.8, colsample_bytree: 0.7, seed: 3};
    const rounds: number[] = [];
    const par = await trainGbdtParallel(train, p, {threads: 2, onRound: (r) => void rounds.push(r)});
    expect(rounds).toEqual([0, 1, 2, 3, 4, 5]);
    expect(modelToJSON(par)).toBe(modelToJSON(trainGbdt(train, p)));
  });

  it("supports cancellation through onRound and three threads", async () => {
    const par = await trainGbdtParallel(train, {num_class: 5, n_estimators: 20}, {threads: 3, onRound: (r) => r < 2});
    expect(par.stop_reason).toBe("cancelled");
    expect(par.num_rounds).toBe(3);
    expect(modelToJSON(par)).toBe(modelToJSON(trainGbdt(train, {num_class: 5, n_estimators: 20}, {onRound: (r) => r < 2})));
  });

  it("parallelTrainer gives the single-thread model above and below its row threshold", async () => {
    const p = {num_class: 5, n_estimators: 4, seed: 5};
    const single = modelToJSON(trainGbdt(train, p));
    expect(modelToJSON(await parallelTrainer({threads: 2, minRows: 0})(train, p, {}))).toBe(single);
    expect(modelToJSON(await parallelTrainer({threads: 2, minRows: 10_000})(train, p, {}))).toBe(single);
  });
});

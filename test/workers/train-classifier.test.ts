import {describe, expect, it} from "vitest";
import {createTrainingHandler, retrain, type WorkerResponse} from "../../lib/workers/train-classifier.js";
import {fakeSample, PARAMS} from "./fake-sample.js";

describe("retrain", () => {
  it("learns: validation accuracy above chance and falling training loss", async () => {
    const rounds: number[] = [];
    const r = await retrain(fakeSample(), PARAMS, (round) => (rounds.push(round), true));
    expect(rounds).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.rounds).toBe(10);
    expect(r.stopReason).toBe("completed");
    expect(r.trainLoss).toHaveLength(10);
    expect(r.validLoss).toHaveLength(10);
    expect(r.trainLoss[9]).toBeLessThan(r.trainLoss[0]);
    expect(r.validAccuracy).toBeGreaterThan(0.4);
    expect(r.trainRows).toBe(600);
    expect(r.validRows).toBe(200);
  });

  it("uses only the first sampleSize rows and rejects impossible sizes", async () => {
    const r = await retrain(fakeSample(), {...PARAMS, sampleSize: 100, n_estimators: 2}, () => true);
    expect(r.trainRows).toBe(100);
    await expect(retrain(fakeSample(), {...PARAMS, sampleSize: 601}, () => true)).rejects.toThrow(
      /sampleSize is 601: expected an integer from 1 to 600/
    );
  });
});

describe("createTrainingHandler", () => {
  it("loads a sample, trains with progress, and refuses to train without a sample", async () => {
    const out: WorkerResponse[] = [];
    const handle = createTrainingHandler((r) => out.push(r));
    await handle({type: "train", id: 1, params: PARAMS});
    expect(out).toEqual([{type: "error", id: 1, message: "no training sample loaded: send a load message first"}]);
    out.length = 0;
    await handle({type: "load", sample: fakeSample()});
    await handle({type: "train", id: 2, params: {...PARAMS, n_estimators: 4}});
    expect(out.map((r) => r.type)).toEqual(["loaded", "progress", "progress", "progress", "progress", "done"]);
    const done = out[5] as Extract<WorkerResponse, {type: "done"}>;
    expect(done.result.rounds).toBe(4);
  });

  it("stops after the round in progress when cancelled", async () => {
    const out: WorkerResponse[] = [];
    const handle = createTrainingHandler((r) => {
      out.push(r);
      // Cancel from "outside" once round 3 is reported, as the page would between rounds.
      if (r.type === "progress" && r.round === 3) void handle({type: "cancel", id: 7});
    });
    await handle({type: "load", sample: fakeSample()});
    await handle({type: "train", id: 7, params: {...PARAMS, n_estimators: 50}});
    const done = out.find((r) => r.type === "done") as Extract<WorkerResponse, {type: "done"}>;
    expect(done.result.stopReason).toBe("cancelled");
    expect(done.result.rounds).toBe(3);
    expect(done.result.validLoss).toHaveLength(3);
  });

  it("refuses a second run while one is going", async () => {
    const out: WorkerResponse[] = [];
    const handle = createTrainingHandler((r) => out.push(r));
    await handle({type: "load", sample: fakeSample()});
    const first = handle({type: "train", id: 1, params: {...PARAMS, n_estimators: 5}});
    await handle({type: "train", id: 2, params: PARAMS});
    await first;
    expect(out).toContainEqual({type: "error", id: 2, message: "training run 1 is still going: cancel it first"});
    expect(out.filter((r) => r.type === "done")).toHaveLength(1);
  });
});

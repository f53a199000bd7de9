import {describe, expect, it} from "vitest";
import {randomRatingFolds} from "../../lib/data/folds.js";
import {crossValidate} from "../../lib/eval/cross-validate.js";
import {copyForTransferAsync} from "../../lib/lab/transfer.js";
import {CvWorkerPool, type CvWorkerLike} from "../../lib/lab/worker-pool.js";
import {getModel} from "../../lib/models/registry.js";
import {createCvHandler, type CvWorkerRequest, type CvWorkerResponse} from "../../lib/workers/cross-validate.js";
import {cvDataset, figures} from "../workers/cv-fixture.js";

const dataset = cvDataset();

/** A worker that runs the real handler in this process, asynchronously, and can be terminated. */
function fakeWorkers() {
  const made: Array<CvWorkerLike & {dead: boolean; posted: CvWorkerRequest[]}> = [];
  const create = (): CvWorkerLike => {
    const w = {
      dead: false,
      posted: [] as CvWorkerRequest[],
      onmessage: null as ((e: {data: CvWorkerResponse}) => void) | null,
      onerror: null as ((e: {message?: string}) => void) | null,
      postMessage(m: CvWorkerRequest) {
        w.posted.push(m);
        setTimeout(() => void handle(m), 0);
      },
      terminate() {
        w.dead = true;
      }
    };
    const handle = createCvHandler((r) => {
      if (!w.dead) setTimeout(() => w.onmessage?.({data: r}), 0);
    });
    made.push(w);
    return w;
  };
  return {made, create};
}

describe("copyForTransferAsync", () => {
  it("copies in slices across tasks, as copyForTransfer does at once", async () => {
    const x = {a: Float64Array.from({length: 1000}, (_, i) => i / 7), b: [Int32Array.from([1, 2, 3])], s: "t"};
    const {value, transfer} = await copyForTransferAsync(x, 256);
    expect(value).toEqual(x);
    expect(value.a).not.toBe(x.a);
    expect(transfer).toEqual([value.a.buffer, value.b[0].buffer]);
  });
});

describe("CvWorkerPool", () => {
  it("spreads a run's folds over the workers and gives the harness's figures in fold order", async () => {
    const {made, create} = fakeWorkers();
    const pool = new CvWorkerPool("worker.js", {size: 2, createWorker: create});
    const folds: number[] = [];
    const progress: number[] = [];
    const run = pool.run(
      {dataset, model: "mf", params: {factors: 4, epochs: 3}, protocol: {kind: "k-fold", k: 3}, seed: 5},
      {onFold: (_, i) => folds.push(i), onProgress: (f) => progress.push(f)}
    );
    const summary = await run.result;
    const direct = await crossValidate(getModel("mf"), randomRatingFolds(dataset, 3, 5), {
      params: {factors: 4, epochs: 3}
    });
    expect(figures(summary)).toEqual(figures(direct));
    expect(made).toHaveLength(2);
    // The set goes to each worker once; each run message names it and the one fold to run.
    expect(made.map((w) => w.posted.filter((p) => p.type === "load").length)).toEqual([1, 1]);
    const runs = made.flatMap((w) => w.posted.flatMap((p) => (p.type === "run" ? [p] : [])));
    expect(runs.map((p) => p.only![0]).sort()).toEqual([0, 1, 2]);
    expect(runs.every((p) => p.dataset === undefined && p.datasetKey === "dataset-1")).toBe(true);
    expect(folds.sort()).toEqual([0, 1, 2]);
    expect(progress.at(-1)).toBe(1);
  });

  it("cancel rejects with an AbortError, terminates the busy workers and leaves the pool usable", async () => {
    const {made, create} = fakeWorkers();
    const pool = new CvWorkerPool("worker.js", {size: 2, createWorker: create});
    const run = pool.run({dataset, model: "baseline", protocol: {kind: "k-fold", k: 5}, seed: 1});
    run.cancel();
    await expect(run.result).rejects.toMatchObject({name: "AbortError"});
    // Both workers were still receiving their copy of the set: nothing ran, nothing to terminate.
    expect(made.every((w) => w.posted.length === 0)).toBe(true);
    const again = await pool.run({dataset, model: "baseline", protocol: {kind: "hold-out", testFraction: 0.2}, seed: 1})
      .result;
    expect(again.folds.map((f) => f.fold)).toEqual(["holdout"]);
  });

  it("warm starts every worker with the set, so a run then sends only its folds", async () => {
    const {made, create} = fakeWorkers();
    const pool = new CvWorkerPool("worker.js", {size: 2, createWorker: create});
    pool.warm(dataset);
    expect(made).toHaveLength(2);
    await pool.run({dataset, model: "baseline", protocol: {kind: "k-fold", k: 2}, seed: 1}).result;
    expect(made.map((w) => w.posted.map((p) => p.type))).toEqual([
      ["load", "run"],
      ["load", "run"]
    ]);
  });

  it("a worker's error fails its run with the message", async () => {
    const {create} = fakeWorkers();
    const pool = new CvWorkerPool("worker.js", {size: 1, createWorker: create});
    await expect(pool.run({dataset, model: "nope", protocol: {kind: "k-fold", k: 2}, seed: 1}).result).rejects.toThrow(
      /unknown model "nope"/
    );
  });
});

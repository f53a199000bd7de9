import {describe, expect, it} from "vitest";
import {TrainingWorkerClient, type WorkerLike} from "../../lib/ui/training-worker.js";
import {createTrainingHandler, type WorkerRequest, type WorkerResponse} from "../../lib/workers/train-classifier.js";
import {fakeSample, PARAMS} from "../workers/fake-sample.js";

/** An in-process stand-in for the module worker: messages cross through macrotasks, as with postMessage. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: {data: WorkerResponse}) => void) | null = null;
  onerror: ((event: {message?: string}) => void) | null = null;
  terminated = false;
  received: WorkerRequest[] = [];
  private readonly handle = createTrainingHandler((r) =>
    setTimeout(() => !this.terminated && this.onmessage?.({data: r}), 0)
  );
  constructor(private readonly deaf = false) {}
  postMessage(message: WorkerRequest): void {
    this.received.push(message);
    if (this.deaf && message.type === "cancel") return;
    setTimeout(() => void this.handle(structuredClone(message)), 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe("TrainingWorkerClient", () => {
  it("sends the sample once, reports progress and resolves with the result", async () => {
    const workers: FakeWorker[] = [];
    const client = new TrainingWorkerClient("worker.js", fakeSample(), {
      createWorker: () => (workers.push(new FakeWorker()), workers[workers.length - 1])
    });
    const rounds: number[] = [];
    const run = client.train({...PARAMS, n_estimators: 5}, (p) => rounds.push(p.round));
    expect(client.busy).toBe(true);
    expect(() => client.train(PARAMS)).toThrow(/already running/);
    const result = await run.result;
    expect(result.rounds).toBe(5);
    expect(rounds).toEqual([1, 2, 3, 4, 5]);
    expect(client.busy).toBe(false);
    await client.train({...PARAMS, n_estimators: 2}).result;
    expect(workers).toHaveLength(1);
    expect(workers[0].received.map((m) => m.type)).toEqual(["load", "train", "train"]);
  });

  it("cancels after the current round", async () => {
    const client = new TrainingWorkerClient("worker.js", fakeSample(), {createWorker: () => new FakeWorker()});
    const run: ReturnType<TrainingWorkerClient["train"]> = client.train(
      {...PARAMS, n_estimators: 200},
      (p) => p.round === 2 && run.cancel()
    );
    const result = await run.result;
    expect(result.stopReason).toBe("cancelled");
    expect(result.rounds).toBeGreaterThanOrEqual(2);
    expect(result.rounds).toBeLessThan(200);
  });

  it("terminates a worker that ignores cancel, and starts a new one for the next run", async () => {
    const workers: FakeWorker[] = [];
    const client = new TrainingWorkerClient("worker.js", fakeSample(), {
      killAfterMs: 20,
      createWorker: () => (workers.push(new FakeWorker(true)), workers[workers.length - 1])
    });
    const run: ReturnType<TrainingWorkerClient["train"]> = client.train(
      {...PARAMS, n_estimators: 5000},
      (p) => p.round === 1 && run.cancel()
    );
    await expect(run.result).rejects.toThrow(/did not stop within 20 ms of cancel/);
    expect(workers[0].terminated).toBe(true);
    expect(client.busy).toBe(false);
    await client.train({...PARAMS, n_estimators: 1}).result;
    expect(workers).toHaveLength(2);
  });

  it("rejects when the worker cannot load", async () => {
    const worker = new FakeWorker();
    const client = new TrainingWorkerClient("missing.js", fakeSample(), {createWorker: () => worker});
    const run = client.train(PARAMS);
    worker.onerror?.({message: "404"});
    await expect(run.result).rejects.toThrow("training worker failed: 404");
  });

  it("passes worker errors on", async () => {
    const client = new TrainingWorkerClient("worker.js", fakeSample(), {createWorker: () => new FakeWorker()});
    await expect(client.train({...PARAMS, sampleSize: 10_000}).result).rejects.toThrow(/sampleSize is 10000/);
  });
});

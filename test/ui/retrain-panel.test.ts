import {JSDOM} from "jsdom";
import {describe, expect, it} from "vitest";
import {RetrainPanel, type RetrainClient} from "../../lib/ui/retrain-panel.js";
import type {RetrainProgress} from "../../lib/ui/training-worker.js";
import type {RetrainParams, RetrainResult} from "../../lib/workers/train-classifier.js";
import {PARAMS} from "../workers/fake-sample.js";

/** A client whose runs the test finishes by hand. */
function fakeClient() {
  const runs: {
    params: RetrainParams;
    progress: (p: RetrainProgress) => void;
    resolve: (r: RetrainResult) => void;
    reject: (e: Error) => void;
    cancelled: boolean;
  }[] = [];
  const client: RetrainClient = {
    train(params, progress) {
      let resolve!: (r: RetrainResult) => void, reject!: (e: Error) => void;
      const result = new Promise<RetrainResult>((a, b) => ((resolve = a), (reject = b)));
      const run = {params, progress, resolve, reject, cancelled: false};
      runs.push(run);
      return {result, cancel: () => void (run.cancelled = true)};
    }
  };
  return {client, runs};
}

function result(stopReason: RetrainResult["stopReason"], rounds: number): RetrainResult {
  return {
    rounds,
    stopReason,
    trainLoss: [1.5, 1.4],
    validLoss: [1.5, 1.45],
    validAccuracy: 0.42,
    validRows: 100,
    trainRows: 600,
    seconds: 1.25,
    importance: [],
    params: PARAMS
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("RetrainPanel", () => {
  it("runs, shows progress and exposes the result as an input value", async () => {
    const {document} = new JSDOM("").window;
    const {client, runs} = fakeClient();
    const frames: (() => void)[] = [];
    const panel = RetrainPanel({client, getParams: () => PARAMS, document, requestFrame: (cb) => frames.push(cb)});
    let inputs = 0;
    panel.addEventListener("input", () => inputs++);
    expect(panel.dataset.state).toBe("idle");
    expect(panel.value).toBeNull();
    const [start, cancel] = [...panel.querySelectorAll("button")];
    expect(cancel.disabled).toBe(true);
    start.click();
    expect(panel.dataset.state).toBe("running");
    expect(start.disabled).toBe(true);
    expect(runs[0].params).toEqual(PARAMS);
    // Two animation frames while training: the counter ticks.
    frames.shift()!();
    frames.shift()!();
    runs[0].progress({round: 3, rounds: 10, trainLoss: 1.2, validLoss: 1.3});
    expect(panel.querySelector("progress")!.value).toBe(3);
    expect(panel.querySelector(".movielab-retrain-status")!.textContent).toBe(
      "Round 3 of 10: validation log loss 1.3000 · 2 frames drawn meanwhile"
    );
    runs[0].resolve(result("completed", 10));
    await tick();
    expect(panel.dataset.state).toBe("done");
    expect(panel.value?.rounds).toBe(10);
    expect(inputs).toBe(1);
    expect(start.disabled).toBe(false);
    expect(panel.querySelector(".movielab-retrain-status")!.textContent).toBe(
      "Done: 10 rounds in 1.3 s; validation accuracy 42.0%; the page drew 2 frames meanwhile."
    );
  });

  it("cancels through the client and reports errors", async () => {
    const {document} = new JSDOM("").window;
    const {client, runs} = fakeClient();
    const panel = RetrainPanel({client, getParams: () => PARAMS, document});
    const [start, cancel] = [...panel.querySelectorAll("button")];
    start.click();
    cancel.click();
    expect(runs[0].cancelled).toBe(true);
    expect(panel.dataset.state).toBe("cancelling");
    runs[0].resolve(result("cancelled", 2));
    await tick();
    expect(panel.dataset.state).toBe("cancelled");
    expect(panel.querySelector(".movielab-retrain-status")!.textContent).toMatch(/^Cancelled after 2 rounds/);
    start.click();
    runs[1].reject(new Error("training worker failed: boom"));
    await tick();
    expect(panel.dataset.state).toBe("error");
    expect(panel.querySelector(".movielab-retrain-status")!.textContent).toBe("training worker failed: boom");
    expect(panel.value?.stopReason).toBe("cancelled");
  });
});

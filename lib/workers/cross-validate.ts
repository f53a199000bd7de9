/**
 * The evaluation harness in a browser Web Worker: the page posts an encoded data set (plain typed
 * arrays, structured-cloned), a registered model's name, its parameters and a fold count (or another
 * protocol of lib/lab/protocol.ts, and optionally the only folds to run, for a pool of workers); the
 * worker splits the set into seeded random folds and runs crossValidate, the same function the CLI, the data
 * loaders and the benches call, posting progress as it goes and the summary at the end. The folds run
 * one at a time with a task boundary between them, so a "cancel" message is read between folds (and
 * within fits that check the signal) even when a model's fit is synchronous.
 *
 * Loaded as a module worker: `new Worker(import.meta.resolve("./lib/workers/cross-validate.js"), {type: "module"})`.
 * Browser-safe (no node: imports); the message handling is exported for tests.
 */
import type {FoldRows} from "../data/folds.js";
import type {Dataset} from "../data/types.js";
import {
  crossValidate,
  summarizeFolds,
  type CvProgress,
  type CvSummary,
  type FoldScore,
  type MetricFamily
} from "../eval/cross-validate.js";
import {foldCount, protocolFold, type LabProtocol} from "../lab/protocol.js";
import {getModel} from "../models/registry.js";
import {installWorkerHandler} from "./worker-scope.js";

/** A cross-validation to run: a registered model on `folds` seeded random folds of `dataset`. */
export interface CvRun {
  type: "run";
  id: number;
  /** The data set, or `datasetKey` naming the one a "load" message sent before. */
  dataset?: Dataset;
  datasetKey?: string;
  /** A name in the model registry. */
  model: string;
  /** Parameters over the model's defaults. */
  params?: Record<string, unknown>;
  /** Number of folds, 2..n (seeded random k-fold), unless `protocol` says otherwise. */
  folds: number;
  /** Seed of the split. */
  seed: number;
  /** Another split than `folds` random folds: a hold-out, or given fold rows (ml-100k's official folds). */
  protocol?: LabProtocol;
  /** Run only these folds (0-based), e.g. one fold each in a pool of workers; default every fold. */
  only?: number[];
  metrics?: MetricFamily[];
  ks?: number[];
}

/**
 * Keeps a data set (and its official folds) in the worker for the runs that name its key, so that a
 * pool sends it once per worker rather than with every fold; a new load replaces the previous one.
 * An official protocol with no fold rows then means the loaded set's official folds.
 */
export interface CvLoad {
  type: "load";
  key: string;
  dataset: Dataset;
  official?: FoldRows[] | null;
}

export type CvWorkerRequest = CvRun | CvLoad | {type: "cancel"; id: number};

export type CvWorkerResponse =
  | {type: "progress"; id: number; progress: CvProgress}
  | {type: "result"; id: number; summary: CvSummary}
  | {type: "error"; id: number | null; message: string; cancelled: boolean};

/** Waits for the next task, so that queued messages (a cancel) are delivered. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The worker's message handling: runs and cancels cross-validations, answering through `post`. */
export function createCvHandler(post: (r: CvWorkerResponse) => void): (request: CvWorkerRequest) => Promise<void> {
  const running = new Map<number, AbortController>();
  let loaded: CvLoad | null = null;
  return async (request) => {
    if (request.type === "cancel") {
      running.get(request.id)?.abort();
      return;
    }
    if (request.type === "load") {
      loaded = request;
      return;
    }
    if (request.type !== "run") {
      throw new Error(`unknown message type "${(request as {type: unknown}).type}": expected "run" or "cancel"`);
    }
    const {id} = request;
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const model = getModel(request.model);
      const dataset = datasetOf(request, loaded);
      let protocol: LabProtocol = request.protocol ?? {kind: "k-fold", k: request.folds};
      if (protocol.kind === "official" && protocol.folds.length === 0 && loaded?.official)
        protocol = {kind: "official", folds: loaded.official};
      const count = foldCount(protocol);
      const scores: FoldScore[] = [];
      for (const i of request.only ?? Array.from({length: count}, (_, i) => i)) {
        await nextTask();
        const fold = protocolFold(dataset, protocol, request.seed, i);
        const one = await crossValidate(model, [fold], {
          params: request.params,
          metrics: request.metrics,
          ks: request.ks,
          signal: controller.signal,
          onProgress: (p) => post({type: "progress", id, progress: {...p, fold: i, folds: count}})
        });
        scores.push(one.folds[0]);
      }
      post({type: "result", id, summary: summarizeFolds(model.name, scores)});
    } catch (e) {
      post({type: "error", id, message: (e as Error).message, cancelled: controller.signal.aborted});
    } finally {
      running.delete(id);
    }
  };
}

/** The run's data set: its own, or the loaded one its key names. */
function datasetOf(request: CvRun, loaded: CvLoad | null): Dataset {
  if (request.dataset !== undefined) return request.dataset;
  if (request.datasetKey !== undefined && loaded?.key === request.datasetKey) return loaded.dataset;
  throw new Error(
    `run ${request.id}: no data set: expected one in the message, or a "load" of key ${request.datasetKey} first`
  );
}

// Only when loaded as a worker.
installWorkerHandler<CvWorkerRequest, CvWorkerResponse>(createCvHandler, (message) => ({
  type: "error",
  id: null,
  message,
  cancelled: false
}));

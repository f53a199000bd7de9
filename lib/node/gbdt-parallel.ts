/**
 * Node driver that grows the K class trees of each boosting round on two (or more) threads:
 * the main thread grows the first groups, worker threads the others, on the same binned matrix,
 * gradients and margins held in SharedArrayBuffers (no copies per round). Everything else
 * (sampling, metrics, early stopping, onRound) is GbdtTrainer's, so the model is identical to
 * the single-thread trainGbdt's for the same parameters and seed. This module is also the
 * worker's entry point. The browser keeps the single-thread engine in lib/models/gbdt.
 */
import {availableParallelism} from "node:os";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {isMainThread, Worker, workerData, parentPort} from "node:worker_threads";
import type {BinCuts} from "../models/gbdt/binning.js";
import type {Slots} from "../models/gbdt/histogram.js";
import type {GbdtModel} from "../models/gbdt/model.js";
import type {GbdtParams, Objective} from "../models/gbdt/params.js";
import {addSums, gradientsAndMetrics, type Labels, type MetricSums} from "../models/gbdt/objective.js";
import {applyLeaves, GbdtTrainer, trainGbdt, type TrainInput, type TrainOptions, type TreeSample} from "../models/gbdt/train.js";
import type {GbdtTree} from "../models/gbdt/tree.js";
import {TreeBuilder, type GrowParams} from "../models/gbdt/tree-builder.js";

interface WorkerInit {
  kind: "movielab-gbdt-worker";
  n: number;
  d: number;
  groups: number;
  bins: Uint8Array;
  slots: Slots;
  gh: Float64Array;
  margins: Float32Array;
  cuts: BinCuts;
  grow: GrowParams;
  objective: Objective;
  labels: Labels;
  weights: Float32Array | Float64Array | null;
}

type Job = {type: "grow"; jobs: GrowJob[]} | {type: "grad"; begin: number; end: number; gradients: boolean};

interface GrowJob {
  k: number;
  rows: Uint32Array | null;
  features: Int32Array | null;
}

export interface ParallelOptions extends TrainOptions {
  /** Threads including the main one (default: min(2, available cores)); 1 runs trainGbdt. */
  threads?: number;
}

function shared<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array>(src: T, make: (b: SharedArrayBuffer) => T): T {
  const out = make(new SharedArrayBuffer(src.byteLength));
  out.set(src as never);
  return out;
}

/** Starts a worker running this module; under tsx (a .ts module URL) the worker registers tsx first. */
function startWorker(init: WorkerInit): Worker {
  const self = new URL(import.meta.url);
  // tsx's ESM register() (dist/esm/api/index.mjs, its "tsx/esm/api" import export).
  const tsx = self.pathname.endsWith(".ts") ? join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs") : null;
  const boot = `(async () => {
    const {workerData} = require("node:worker_threads");
    if (workerData.tsx) (await import(require("node:url").pathToFileURL(workerData.tsx).href)).register();
    await import(workerData.entry);
  })().catch((e) => { console.error(e); process.exit(1); });`;
  return new Worker(boot, {eval: true, workerData: {...init, tsx, entry: self.href}});
}

/**
 * Trains like trainGbdt, growing each round's class trees on several threads; resolves with the
 * same model. Falls back to the single-thread trainer for one group (binary, regression) or one thread.
 */
export async function trainGbdtParallel(train: TrainInput, params: Partial<GbdtParams> = {}, options: ParallelOptions = {}): Promise<GbdtModel> {
  const threads = Math.max(1, Math.floor(options.threads ?? Math.min(2, availableParallelism())));
  const n = train.n;
  const K = params.objective === undefined || params.objective === "multi:softprob" ? (params.num_class ?? 1) : 1;
  if (threads === 1 || K < 2) return trainGbdt(train, params, options);
  const trainer = new GbdtTrainer(train, params, options, {
    gh: new Float64Array(new SharedArrayBuffer(16 * n * K)),
    margins: new Float32Array(new SharedArrayBuffer(4 * n * K))
  });
  const m = trainer.matrix;
  const init: WorkerInit = {
    kind: "movielab-gbdt-worker",
    n,
    d: m.d,
    groups: K,
    bins: shared(m.bins, (b) => new Uint8Array(b)),
    slots: m.slots instanceof Uint16Array ? shared(m.slots, (b) => new Uint16Array(b)) : shared(m.slots, (b) => new Uint32Array(b)),
    gh: trainer.gh,
    margins: trainer.margins,
    cuts: m.cuts,
    grow: trainer.growParams,
    objective: trainer.params.objective,
    labels: shareLabels(train.labels),
    weights: train.weights ? shareLabels(train.weights) as Float32Array | Float64Array : null
  };
  const nWorkers = Math.min(threads, K) - 1;
  const workers = Array.from({length: nWorkers}, () => startWorker(init));
  // Group k goes to thread k mod threads; thread 0 is this one.
  const owner = (k: number) => k % (nWorkers + 1);
  try {
    while (trainer.running) {
      const samples = trainer.beginRound();
      const pending = workers.map((w, wi) => {
        const jobs: GrowJob[] = [];
        samples.forEach((s: TreeSample, k) => {
          if (owner(k) === wi + 1) jobs.push({k, rows: s.rows, features: s.features});
        });
        return request<{k: number; tree: GbdtTree}[]>(w, {type: "grow", jobs});
      });
      const trees: GbdtTree[] = new Array(K);
      for (let k = 0; k < K; k++) if (owner(k) === 0) trees[k] = trainer.growGroup(k, samples[k]);
      const results = await Promise.all(pending);
      for (const r of results) for (const {k, tree} of r) trees[k] = tree;
      trainer.completeTrees(trees, samples);
      // The softmax pass: the first half of the rows here, the second in worker 0.
      const [[b0, e0], [b1, e1]] = trainer.gradientChunks;
      const second = request<MetricSums>(workers[0], {type: "grad", begin: b1, end: e1, gradients: !trainer.lastRound});
      const first = trainer.gradientPass(b0, e0);
      trainer.endRound(addSums(first, await second));
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return trainer.model();
}

/**
 * Rows below which parallelTrainer trains on this thread: starting a worker (and, under tsx,
 * compiling this module in it) costs a few hundred ms, more than a small fit gains from it.
 */
export const PARALLEL_MIN_ROWS = 20_000;

/**
 * A trainer for fitClassifierAsync / crossValidateClassifierAsync (their `trainer` option): the
 * worker-thread trainer for multi-class fits of at least minRows rows (default PARALLEL_MIN_ROWS),
 * else trainGbdt. Either way the model equals trainGbdt's. threads as in ParallelOptions.
 */
export function parallelTrainer(options: {threads?: number; minRows?: number} = {}): (train: TrainInput, params: Partial<GbdtParams>, trainOptions: TrainOptions) => Promise<GbdtModel> {
  const minRows = options.minRows ?? PARALLEL_MIN_ROWS;
  return async (train, params, trainOptions) =>
    train.n < minRows ? trainGbdt(train, params, trainOptions) : trainGbdtParallel(train, params, {...trainOptions, threads: options.threads});
}

function shareLabels(a: Labels): Labels {
  if (a instanceof Int32Array) return shared(a, (b) => new Int32Array(b));
  if (a instanceof Float32Array) return shared(a, (b) => new Float32Array(b));
  return shared(a, (b) => new Float64Array(b));
}

function request<T>(w: Worker, job: Job): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      w.off("message", onMessage);
      w.off("error", onError);
      w.off("exit", onExit);
    };
    const onMessage = (msg: {ok: true; result: T} | {ok: false; error: string}) => {
      done();
      if (msg.ok) resolve(msg.result);
      else reject(new Error(`gbdt worker: ${msg.error}`));
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`gbdt worker exited with code ${code} before answering`));
    };
    w.on("message", onMessage);
    w.on("error", onError);
    w.on("exit", onExit);
    w.postMessage(job);
  });
}

/** Worker side: grows the requested groups' trees and adds their leaves to the shared margins. */
function runWorker(init: WorkerInit): void {
  const builder = new TreeBuilder({n: init.n, d: init.d, bins: init.bins, slots: init.slots, cuts: init.cuts}, init.grow);
  const n = init.n;
  parentPort!.on("message", (job: Job) => {
    try {
      if (job.type === "grad") {
        const result = gradientsAndMetrics(init.objective, init.margins, init.labels, init.weights, n, init.groups, job.gradients ? init.gh : null, job.begin, job.end);
        parentPort!.postMessage({ok: true, result});
        return;
      }
      const result = job.jobs.map(({k, rows, features}) => {
        const grown = builder.grow(init.gh.subarray(2 * n * k, 2 * n * (k + 1)), rows, features);
        applyLeaves(grown, builder.rows, init.margins, init.groups, k);
        return {k, tree: grown.tree};
      });
      parentPort!.postMessage({ok: true, result});
    } catch (e) {
      parentPort!.postMessage({ok: false, error: (e as Error).stack ?? String(e)});
    }
  });
}

if (!isMainThread && (workerData as WorkerInit | undefined)?.kind === "movielab-gbdt-worker") runWorker(workerData as WorkerInit);

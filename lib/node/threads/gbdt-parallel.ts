/**
 * Node training on two (or more) threads, two strategies. "classes" (the per-class driver here,
 * default for multi-class): the main thread grows the first groups of a round, worker threads the
 * others, on the same binned matrix, gradients and margins held in SharedArrayBuffers; the model
 * is identical to the single-thread trainGbdt's, but a round of K = 5 trees on 2 threads waits for
 * 3 of them (at most 1.67x). "rows" (gbdt-sharded.ts, default for one group, trees up to
 * SHARDED_MAX_DEPTH): every tree on row shards in all threads, deterministic for a thread count and
 * equal to one thread's model up to the order of float64 additions; in theory it scales further,
 * but it pays per-level barriers and duplicated split finding. Everything else
 * (sampling, metrics, early stopping, onRound) is GbdtTrainer's. This module is also the
 * per-class worker's entry point. The browser keeps the single-thread engine in lib/models/gbdt.
 */
import {availableParallelism} from "node:os";
import {isMainThread, workerData, parentPort} from "node:worker_threads";
import type {GbdtModel} from "../../models/gbdt/model.js";
import {numGroups, resolveParams, type GbdtParams} from "../../models/gbdt/params.js";
import {addSums, gradientsAndMetrics, type MetricSums} from "../../models/gbdt/objective.js";
import {
  applyLeaves,
  GbdtTrainer,
  trainGbdt,
  type TrainInput,
  type TrainOptions,
  type TreeSample
} from "../../models/gbdt/train.js";
import type {GbdtTree} from "../../models/gbdt/tree.js";
import {TreeBuilder} from "../../models/gbdt/tree-builder.js";
import {request, sharedCopy, startModuleWorker} from "./module-worker.js";
import {SHARDED_MAX_DEPTH, trainGbdtSharded, type SharedTrainingData} from "./gbdt-sharded.js";

interface WorkerInit extends SharedTrainingData {
  kind: "movielab-gbdt-worker";
}

type Job = {type: "grow"; jobs: GrowJob[]} | {type: "grad"; begin: number; end: number; gradients: boolean};

interface GrowJob {
  k: number;
  rows: Uint32Array | null;
  features: Int32Array | null;
}

/** How trees are spread over threads: whole class trees per thread, or every tree over row shards. */
export type ParallelStrategy = "classes" | "rows";

export interface ParallelOptions extends TrainOptions {
  /** Threads including the main one (default: min(2, available cores)); 1 runs trainGbdt. */
  threads?: number;
  /**
   * "classes" (default with K >= 2 groups): one class's tree per thread needs no
   * synchronisation inside a tree, and the model is exactly one thread's.
   * "rows" (default for one group, and only up to SHARDED_MAX_DEPTH): see gbdt-sharded.ts.
   */
  strategy?: ParallelStrategy;
}

/**
 * Trains like trainGbdt on several threads (see the module note for which driver and how close
 * the model is to one thread's). One thread runs trainGbdt.
 */
export async function trainGbdtParallel(
  train: TrainInput,
  params: Partial<GbdtParams> = {},
  options: ParallelOptions = {}
): Promise<GbdtModel> {
  const threads = Math.max(1, Math.floor(options.threads ?? Math.min(2, availableParallelism())));
  const n = train.n;
  if (threads === 1) return trainGbdt(train, params, options);
  const resolved = resolveParams(params);
  const K = numGroups(resolved);
  const strategy = options.strategy ?? (K >= 2 ? "classes" : "rows");
  if (strategy === "rows" && resolved.max_depth <= SHARDED_MAX_DEPTH)
    return trainGbdtSharded(train, params, options, threads);
  if (K < 2) return trainGbdt(train, params, options);
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
    bins: sharedCopy(m.bins),
    slots: sharedCopy(m.slots),
    gh: trainer.gh,
    margins: trainer.margins,
    columns: sharedCopy(m.columns),
    cuts: m.cuts,
    grow: trainer.growParams,
    objective: trainer.params.objective,
    labels: sharedCopy(train.labels),
    weights: train.weights ? sharedCopy(train.weights) : null
  };
  const nWorkers = Math.min(threads, K) - 1;
  const workers = Array.from({length: nWorkers}, () => startModuleWorker(import.meta.url, init));
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
 * A trainer for fitClassifierAsync / crossValidateClassifier (their `trainer` option): the
 * worker-thread trainer (trainGbdtParallel) for fits of at least minRows rows (default
 * PARALLEL_MIN_ROWS), else trainGbdt. threads as in ParallelOptions.
 */
export function parallelTrainer(
  options: {threads?: number; minRows?: number; strategy?: ParallelStrategy} = {}
): (train: TrainInput, params: Partial<GbdtParams>, trainOptions: TrainOptions) => Promise<GbdtModel> {
  const minRows = options.minRows ?? PARALLEL_MIN_ROWS;
  return async (train, params, trainOptions) =>
    train.n < minRows
      ? trainGbdt(train, params, trainOptions)
      : trainGbdtParallel(train, params, {...trainOptions, threads: options.threads, strategy: options.strategy});
}

/** Worker side: grows the requested groups' trees and adds their leaves to the shared margins. */
function runWorker(init: WorkerInit): void {
  const builder = new TreeBuilder(
    {n: init.n, d: init.d, bins: init.bins, slots: init.slots, columns: init.columns, cuts: init.cuts},
    init.grow
  );
  const n = init.n;
  parentPort!.on("message", (job: Job) => {
    try {
      if (job.type === "grad") {
        const result = gradientsAndMetrics(
          init.objective,
          init.margins,
          init.labels,
          init.weights,
          n,
          init.groups,
          job.gradients ? init.gh : null,
          job.begin,
          job.end
        );
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

if (!isMainThread && (workerData as WorkerInit | undefined)?.kind === "movielab-gbdt-worker")
  runWorker(workerData as WorkerInit);

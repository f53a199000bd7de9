/**
 * Node driver that grows every tree on T threads at once, each thread holding a contiguous part
 * of the rows (ShardedTreeBuilder): per level, each thread builds the histograms of its rows, a
 * barrier, then all find the same splits from the summed histograms and partition their own rows.
 * Gradients, margins, row bins and histograms live in SharedArrayBuffers (slots, codes, gradients,
 * slabs and row buffers in one shared WebAssembly memory where available, for lib/wasm/histogram.ts's
 * kernels: same trees, fewer cycles); each thread updates the
 * margins and computes the next gradients of its own rows, so a round costs one message each way.
 * Sampling, metrics, early stopping and onRound stay GbdtTrainer's on the main thread.
 * Histogram sums depend on T (summed per thread, then across threads in thread order), so the
 * model is deterministic for a given T and seed and matches the single-thread one up to rounding.
 * This module is also the worker's entry point.
 */
import {isMainThread, workerData, parentPort, type Worker} from "node:worker_threads";
import type {BinCuts} from "../../models/gbdt/binning.js";
import {histogramLength, type Slots} from "../../models/gbdt/histogram.js";
import {histogramKernels} from "../../models/gbdt/histogram-kernels.js";
import {arenaBytes, WasmArena} from "../../wasm/arena.js";
import {histogramWasmAvailable} from "../../wasm/histogram.js";
import type {GbdtModel} from "../../models/gbdt/model.js";
import {addSums, gradientsAndMetrics, type Labels, type MetricSums} from "../../models/gbdt/objective.js";
import {numGroups, resolveParams, type GbdtParams, type Objective} from "../../models/gbdt/params.js";
import {
  rowsInShard,
  shardOf,
  shardSlabLength,
  ShardedTreeBuilder,
  type Shard
} from "../../models/gbdt/sharded-tree-builder.js";
import {
  applyLeaves,
  GbdtTrainer,
  type TrainInput,
  type TrainOptions,
  type TreeSample
} from "../../models/gbdt/train.js";
import {addTreeOutput, type GbdtTree} from "../../models/gbdt/tree.js";
import type {BinnedMatrix, GrowParams} from "../../models/gbdt/tree-builder.js";
import {request, sharedCopy, startModuleWorker} from "./module-worker.js";
import {ABORTED, abortBarrier, barrier, createBarrierState} from "./thread-barrier.js";

/** Deepest trees the sharded driver takes: two slabs of 2^(depth−1) histograms per thread and tree (13 features, depth 8: 13.6 MB). */
export const SHARDED_MAX_DEPTH = 8;

/** Histogram memory for the trees of a round grown in lockstep (all K when it fits: 5 trees of depth 6 on 13 features and 2 threads take 34 MB). */
const LOCKSTEP_BYTES = 64 * 2 ** 20;

/** The binned matrix, gradients, margins and targets a training's threads share (views of SharedArrayBuffers or a shared memory). */
export interface SharedTrainingData {
  n: number;
  d: number;
  groups: number;
  bins: Uint8Array;
  slots: Slots;
  columns: Uint8Array;
  cuts: BinCuts;
  /** Interleaved g, h per row, group k at 2·n·k. */
  gh: Float64Array;
  margins: Float32Array;
  labels: Labels;
  weights: Float32Array | Float64Array | null;
  objective: Objective;
  grow: GrowParams;
}

interface ShardInit extends SharedTrainingData {
  index: number;
  count: number;
  features: Float32Array;
  /** Per tree grown in lockstep (batch slot b): slabs[b][thread][parity] and root sums[b]. */
  slabs: Float64Array[][][];
  sums: Float64Array[];
  barrier: Int32Array;
  /**
   * The shared WebAssembly memory holding slots, columns, gh and slabs, and per thread (by index) its
   * row buffers, second accumulator, histogram scratch and feature-list scratch; null: JavaScript loops.
   * Sent in the same message as the views so that they stay views of memory.buffer in the worker.
   */
  wasm: {
    memory: WebAssembly.Memory;
    threads: Array<{
      rows: Uint32Array[];
      tmp: Uint32Array;
      spare: Float64Array;
      scratch: Float64Array;
      features: Int32Array;
    }>;
  } | null;
}

interface RoundJob {
  samples: TreeSample[];
  /** False in the last round: no next gradients. */
  gradients: boolean;
}

/** One thread's state: a builder per tree of a lockstep batch, and what a round does on its rows. */
class ShardWorker {
  readonly builders: ShardedTreeBuilder[];
  readonly shard: Shard;
  private readonly sync: () => void;
  constructor(readonly init: ShardInit) {
    this.shard = shardOf(init.n, init.index, init.count);
    this.sync = barrier(init.barrier, init.count);
    const matrix: BinnedMatrix = {
      n: init.n,
      d: init.d,
      bins: init.bins,
      slots: init.slots,
      columns: init.columns,
      cuts: init.cuts
    };
    const own = init.wasm?.threads[init.index];
    const kernels =
      init.wasm !== null && own !== undefined ? histogramKernels(init.wasm.memory, own.features, init.d) : null;
    // Builders of a lockstep batch share the transient buffers (tmp, spare, scratch) but not their rows.
    this.builders = init.slabs.map((slabs, b) => {
      const wasm =
        kernels !== null && own !== undefined
          ? {kernels, rows: own.rows[b], tmp: own.tmp, spare: own.spare, scratch: own.scratch}
          : undefined;
      return new ShardedTreeBuilder(matrix, init.grow, {
        shard: this.shard,
        slabs,
        sums: init.sums[b],
        sync: this.sync,
        wasm
      });
    });
  }

  /**
   * Grows the round's trees (every thread the same ones), a batch at a time in lockstep: one
   * barrier per level for the whole batch, as each barrier costs a scheduler slice when the other
   * thread is descheduled on a busy machine. Then updates this thread's margins: sampled rows from
   * their leaves, left-out rows by traversal.
   */
  growRound(samples: TreeSample[]): GbdtTree[] {
    const {n, d, groups, gh, margins, features} = this.init;
    const B = this.builders.length;
    const trees: GbdtTree[] = [];
    for (let start = 0; start < samples.length; start += B) {
      const batch = samples.slice(start, start + B);
      batch.forEach((s, j) =>
        this.builders[j].begin(gh.subarray(2 * n * (start + j), 2 * n * (start + j + 1)), s.rows, s.features)
      );
      this.sync();
      const active = batch.map(() => true);
      while (active.some((a) => a)) {
        for (let j = 0; j < batch.length; j++) if (active[j]) active[j] = this.builders[j].step();
        this.sync();
      }
      batch.forEach((s, j) => {
        const k = start + j;
        const grown = this.builders[j].result();
        applyLeaves(grown, this.builders[j].rows, margins, groups, k);
        if (s.rest !== null)
          addTreeOutput(grown.tree, features, d, n, margins, groups, k, rowsInShard(s.rest, this.shard));
        trees.push(grown.tree);
      });
    }
    return trees;
  }

  /** Next gradients (when asked) and metric sums of this thread's rows. */
  gradientPass(gradients: boolean): MetricSums {
    const i = this.init;
    return gradientsAndMetrics(
      i.objective,
      i.margins,
      i.labels,
      i.weights,
      i.n,
      i.groups,
      gradients ? i.gh : null,
      this.shard.begin,
      this.shard.end
    );
  }
}

/**
 * Trains like trainGbdt with every tree grown on `threads` threads (>= 2) over row shards; any
 * objective; max_depth up to SHARDED_MAX_DEPTH. Resolves with the model (see the module note on rounding).
 */
export async function trainGbdtSharded(
  train: TrainInput,
  params: Partial<GbdtParams>,
  options: TrainOptions,
  threads: number
): Promise<GbdtModel> {
  if (!(Number.isInteger(threads) && threads >= 2))
    throw new RangeError(`trainGbdtSharded: threads = ${threads}, expected an integer >= 2`);
  const n = train.n;
  const resolved = resolveParams(params);
  if (resolved.max_depth > SHARDED_MAX_DEPTH)
    throw new RangeError(`trainGbdtSharded: max_depth ${resolved.max_depth}, expected at most ${SHARDED_MAX_DEPTH}`);
  const K = numGroups(resolved);
  // Workers boot (a few hundred ms under tsx) while this thread bins the matrix.
  const workers = Array.from({length: threads - 1}, acquireWorker);
  let healthy = false;
  const barrierState = createBarrierState();
  try {
    // One shared WebAssembly memory for what the kernels touch (sized before binning: d is the input's).
    const d = train.d ?? train.features.length / n;
    const slabLength = shardSlabLength(d, resolved.max_depth);
    const batch = Math.max(1, Math.min(K, Math.floor(LOCKSTEP_BYTES / (16 * threads * slabLength))));
    const shardRows = Math.ceil(n / threads);
    const hl = histogramLength(d);
    const arena =
      Number.isInteger(d) && d >= 1 && histogramWasmAvailable(true)
        ? WasmArena.create(
            arenaBytes([n * d, d <= 256 ? 2 : 4], [n * d, 1], [2 * n * K, 8]) +
              batch * threads * 2 * arenaBytes([slabLength, 8]) +
              threads * (batch * arenaBytes([shardRows, 4]) + arenaBytes([shardRows, 4], [hl, 8], [hl, 8], [d, 4])),
            true
          )
        : null;
    const trainer = new GbdtTrainer(train, params, options, {
      gh: arena?.f64(2 * n * K) ?? new Float64Array(new SharedArrayBuffer(16 * n * K)),
      margins: new Float32Array(new SharedArrayBuffer(4 * n * K))
    });
    const m = trainer.matrix;
    const wasm =
      arena === null
        ? null
        : {
            memory: arena.memory,
            threads: Array.from({length: threads}, () => ({
              rows: Array.from({length: batch}, () => arena.u32(shardRows)),
              tmp: arena.u32(shardRows),
              spare: arena.f64(hl),
              scratch: arena.f64(hl),
              features: arena.i32(d)
            }))
          };
    const init: ShardInit = {
      index: 0,
      count: threads,
      n,
      d: m.d,
      groups: K,
      bins: sharedCopy(m.bins),
      slots:
        arena !== null
          ? m.slots instanceof Uint16Array
            ? arena.copy(m.slots)
            : arena.copy(m.slots)
          : sharedCopy(m.slots),
      columns: arena?.copy(m.columns) ?? sharedCopy(m.columns),
      cuts: m.cuts,
      features: trainer.params.subsample < 1 ? sharedCopy(train.features) : new Float32Array(0),
      gh: trainer.gh,
      margins: trainer.margins,
      labels: sharedCopy(train.labels),
      weights: train.weights ? sharedCopy(train.weights) : null,
      objective: trainer.params.objective,
      grow: trainer.growParams,
      slabs: Array.from({length: batch}, () =>
        Array.from({length: threads}, () =>
          [0, 1].map(() => arena?.f64(slabLength) ?? new Float64Array(new SharedArrayBuffer(8 * slabLength)))
        )
      ),
      sums: Array.from({length: batch}, () => new Float64Array(new SharedArrayBuffer(16 * threads))),
      barrier: barrierState,
      wasm
    };
    const ready = workers.map((w, i) =>
      request<true>(w, {type: "init", init: {...init, index: i + 1}} satisfies WorkerJob)
    );
    // The main thread's own rows keep the caller's features (traversal of left-out rows).
    const main = new ShardWorker({...init, features: train.features});
    await Promise.all(ready);
    while (trainer.running) {
      const samples = trainer.beginRound();
      const gradients = !trainer.lastRound;
      const job: WorkerJob = {type: "round", samples, gradients};
      const pending = workers.map((w) => request<MetricSums>(w, job));
      let trees: GbdtTree[];
      try {
        trees = main.growRound(samples);
      } catch (e) {
        abortBarrier(barrierState);
        // When a worker failed first, its own error explains more than "another thread failed".
        if ((e as Error).message === ABORTED) await Promise.all(pending);
        throw e;
      }
      // Left-out rows were updated per thread; completeTrees adds the eval margins and keeps the trees.
      trainer.completeTrees(
        trees,
        samples.map((s) => ({...s, rest: null}))
      );
      let sums = main.gradientPass(gradients);
      for (const s of await Promise.all(pending)) sums = addSums(sums, s);
      trainer.endRound(sums);
    }
    await Promise.all(workers.map((w) => request<true>(w, {type: "release"} satisfies WorkerJob)));
    healthy = true;
    return trainer.model();
  } finally {
    if (healthy) workers.forEach(releaseWorker);
    else {
      abortBarrier(barrierState);
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
}

type WorkerJob = {type: "init"; init: ShardInit} | ({type: "round"} & RoundJob) | {type: "release"};

/** Idle shard workers kept between fits (unref'd: they never keep the process alive), so that only the first fit pays their start. */
const idleWorkers: Worker[] = [];

function acquireWorker(): Worker {
  const w = idleWorkers.pop() ?? startModuleWorker(import.meta.url, {kind: WORKER_KIND});
  w.ref();
  return w;
}

function releaseWorker(w: Worker): void {
  w.unref();
  idleWorkers.push(w);
}

const WORKER_KIND = "movielab-gbdt-shard-worker";

/** Worker side: per fit an init (answers when ready), rounds (grows the trees on its rows, answers its metric sums), a release. */
function runShardWorker(): void {
  let worker: ShardWorker | null = null;
  parentPort!.on("message", (job: WorkerJob) => {
    try {
      if (job.type === "init") {
        worker = new ShardWorker(job.init);
        parentPort!.postMessage({ok: true, result: true});
      } else if (job.type === "release") {
        // Drops this fit's shared buffers.
        worker = null;
        parentPort!.postMessage({ok: true, result: true});
      } else {
        if (worker === null) throw new Error("round before init");
        worker.growRound(job.samples);
        parentPort!.postMessage({ok: true, result: worker.gradientPass(job.gradients)});
      }
    } catch (e) {
      if (worker !== null) abortBarrier(worker.init.barrier);
      parentPort!.postMessage({ok: false, error: (e as Error).stack ?? String(e)});
    }
  });
}

if (!isMainThread && (workerData as {kind?: string} | undefined)?.kind === WORKER_KIND) runShardWorker();

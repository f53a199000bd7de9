/**
 * GBDT prediction on several threads in Node, as XGBoost predicts with nthread: useForestThreads
 * starts worker threads and installs a ThreadedForest, so that addRankForest (called synchronously
 * inside predict) gives each worker a block of rows and adds the forest to the first block on this
 * thread, then waits for the others on a shared Int32Array (Atomics.wait, which Node allows on its
 * main thread). A row's outputs sum its trees in tree order whichever thread adds them, so the bits
 * are one thread's. The forest's arrays are copied into shared memory once per model; each job
 * copies the codes and the outputs of the workers' rows (about 1.6 MB for 20,000 rows of 15
 * features and 5 classes). Until the workers are ready, or after any failure, prediction runs on
 * this thread alone. This module is also the workers' entry point.
 */
import {availableParallelism} from "node:os";
import {isMainThread, parentPort, workerData} from "node:worker_threads";
import {addRankForest, setThreadedForest, type RankForest} from "../../models/gbdt/rank-forest.js";
import {KERNEL_ROWS} from "../../wasm/rank-forest.js";
import {kernelThreads, ONE_THREAD, startKernelPool, type KernelThreads} from "./kernel-pool.js";

/** Fewest rows handed to the threads: below it a job's hand-over costs more than the rows it moves. */
export const MIN_THREADED_ROWS = 1024;

/** Longest this thread waits for a worker's block before predicting it alone, in ms. */
const STALL_MS = 60_000;

/** Loads of the done slot before sleeping on it. */
const SPIN = 2000;

const WORKER_KIND = "movielab-forest-worker";

// Slots of the shared control array.
const DONE = 0; // blocks finished in this job
const READY = 1; // workers started
const FAILED = 2; // non-zero once a worker failed a block
const CONTROL_LENGTH = 3;

interface WorkerInit {
  kind: typeof WORKER_KIND;
  control: Int32Array;
}

/** One worker's block: its rows' codes and outputs in shared memory, the forest's shared arrays. */
interface Job {
  depth: number;
  numFeature: number;
  node: Int32Array;
  leaf: Float32Array;
  codes: Uint16Array;
  out: Float32Array;
  n: number;
  nTrees: number;
  groups: number;
}

/** The running threads (see KernelThreads): addRankForest hands them shares while they run. */
export type ForestThreads = KernelThreads;

let running: ForestThreads | null = null;

/** Shared copies of a forest's node and leaf arrays, made once per forest. */
const sharedForests = new WeakMap<RankForest, {node: Int32Array; leaf: Float32Array}>();

function sharedArrays(forest: RankForest): {node: Int32Array; leaf: Float32Array} {
  let s = sharedForests.get(forest);
  if (s === undefined) {
    const node = new Int32Array(new SharedArrayBuffer(forest.node.byteLength));
    const leaf = new Float32Array(new SharedArrayBuffer(forest.leaf.byteLength));
    node.set(forest.node);
    leaf.set(forest.leaf);
    sharedForests.set(forest, (s = {node, leaf}));
  }
  return s;
}

/**
 * Starts threads − 1 workers (default: the machine's cores, at most 4) and installs them for
 * addRankForest; idempotent while running. With one thread nothing starts. The workers do not keep
 * the process alive.
 */
export function useForestThreads(options: {threads?: number} = {}): ForestThreads {
  if (running !== null) return running;
  const threads = Math.max(1, Math.floor(options.threads ?? Math.min(4, availableParallelism())));
  if (threads < 2) return ONE_THREAD;
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_LENGTH));
  const init: WorkerInit = {kind: WORKER_KIND, control};
  const pool = startKernelPool(
    import.meta.url,
    init,
    threads - 1,
    control,
    READY,
    () => setThreadedForest(null),
    "GBDT prediction"
  );
  let busy = false;
  let jobs = 0;
  setThreadedForest((forest, codes, n, nTrees, groups, out) => {
    // busy: this thread's own block below calls addRankForest, which must not hand out again.
    if (!pool.enabled || busy || n < MIN_THREADED_ROWS || !pool.isReady()) return false;
    busy = true;
    try {
      const {node, leaf} = sharedArrays(forest);
      const w = 2 * forest.num_feature;
      // Blocks of whole kernel row groups; this thread takes the first.
      const per = Math.ceil(n / threads / KERNEL_ROWS) * KERNEL_ROWS;
      const blocks: Array<{from: number; to: number; codes: Uint16Array; out: Float32Array}> = [];
      Atomics.store(control, DONE, 0);
      for (let b = 1; b < threads; b++) {
        const from = Math.min(n, b * per),
          to = Math.min(n, (b + 1) * per);
        const m = to - from;
        const c = new Uint16Array(new SharedArrayBuffer(2 * m * w));
        const o = new Float32Array(new SharedArrayBuffer(4 * m * groups));
        c.set(codes.subarray(from * w, to * w));
        o.set(out.subarray(from * groups, to * groups));
        blocks.push({from, to, codes: c, out: o});
        const job: Job = {
          depth: forest.depth,
          numFeature: forest.num_feature,
          node,
          leaf,
          codes: c,
          out: o,
          n: m,
          nTrees,
          groups
        };
        pool.workers[b - 1].postMessage(job);
      }
      const mine = Math.min(n, per);
      try {
        addRankForest(forest, codes.subarray(0, mine * w), mine, nTrees, groups, out.subarray(0, mine * groups));
      } catch (e) {
        // The workers are still on this job's blocks: a later job must not count their answers as its own.
        pool.disable();
        throw e;
      }
      if (!awaitBlocks(control, blocks.length)) {
        // A worker failed or stalled: its rows are still as they were in `out`, so this thread adds them.
        pool.disable();
        for (const blk of blocks) {
          const m = blk.to - blk.from;
          addRankForest(
            forest,
            codes.subarray(blk.from * w, blk.to * w),
            m,
            nTrees,
            groups,
            out.subarray(blk.from * groups, blk.to * groups)
          );
        }
        return true;
      }
      for (const blk of blocks) out.set(blk.out, blk.from * groups);
      jobs++;
      return true;
    } finally {
      busy = false;
    }
  });
  running = kernelThreads(
    threads,
    pool,
    () => jobs,
    () => (running = null)
  );
  return running;
}

/** Waits until `count` blocks are done; false when a worker failed or stalled. */
function awaitBlocks(control: Int32Array, count: number): boolean {
  const started = Date.now();
  for (let spin = 0; ; spin++) {
    if (Atomics.load(control, FAILED) !== 0) return false;
    const v = Atomics.load(control, DONE);
    if (v >= count) return true;
    if (spin < SPIN) continue;
    Atomics.wait(control, DONE, v, 10);
    if (Date.now() - started > STALL_MS) return false;
  }
}

/** Worker side: adds the forest to each job's block and counts it done. */
function runWorker(init: WorkerInit): void {
  Atomics.add(init.control, READY, 1);
  parentPort!.on("message", (job: Job) => {
    try {
      const forest: RankForest = {
        depth: job.depth,
        num_feature: job.numFeature,
        cuts: new Float64Array(0),
        slots: 0,
        node: job.node,
        leaf: job.leaf
      };
      addRankForest(forest, job.codes, job.n, job.nTrees, job.groups, job.out);
    } catch {
      Atomics.store(init.control, FAILED, 1);
    }
    Atomics.add(init.control, DONE, 1);
    Atomics.notify(init.control, DONE);
  });
}

if (!isMainThread && (workerData as WorkerInit | undefined)?.kind === WORKER_KIND) runWorker(workerData as WorkerInit);

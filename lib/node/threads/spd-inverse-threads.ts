/**
 * EASE's inversion on several threads in Node: useInverseThreads starts worker threads that share
 * one WebAssembly memory with this one and installs a ThreadedInverse, so that invertSpd (called
 * synchronously inside a model's fit) hands each worker its share and does its own on this thread,
 * meeting the others through Atomics on a shared Int32Array. Same bits as one thread (see
 * lib/linalg/spd-inverse.ts). While the workers are starting, or after any failure, invertSpd
 * inverts alone. This module is also the workers' entry point.
 */
import {availableParallelism} from "node:os";
import {isMainThread, parentPort, workerData} from "node:worker_threads";
import {
  inverseSteps,
  inverseWorkspace,
  mirroredInverse,
  setThreadedInverse,
  wasmRowOps,
  type InverseShare
} from "../../linalg/spd-inverse.js";
import {linalgSharedKernels} from "../../wasm/linalg.js";
import {kernelThreads, ONE_THREAD, startKernelPool, type KernelThreads} from "./kernel-pool.js";

// Slots of the shared control array.
const ROWS = 0; // rows of L published
const ARRIVED = 1; // arrivals at sync points in this job
const ABORT = 2; // non-zero once any thread gave up
const READY = 3; // workers whose kernels are instantiated
const CONTROL_LENGTH = 4;

/** Smallest n handed to the threads: below it a job's start costs more than half of its work. */
export const MIN_THREADED_N = 192;

/** Longest one thread waits for another before giving the inversion up, in ms. */
const STALL_MS = 60_000;

/** Loads of a slot before sleeping on it: a few µs, about one row's work. */
const SPIN = 2000;

const ABORTED = "invertSpd: another inversion thread gave up";

/** workerData.kind of this module's workers (a bundled chunk may hold other modules' worker checks too). */
const WORKER_KIND = "movielab-spd-inverse-worker";

interface WorkerInit {
  kind: typeof WORKER_KIND;
  memory: WebAssembly.Memory;
  control: Int32Array;
}

interface Job {
  n: number;
  index: number;
  count: number;
}

function abort(control: Int32Array): void {
  Atomics.store(control, ABORT, 1);
  Atomics.notify(control, ROWS);
  Atomics.notify(control, ARRIVED);
}

/** Thread index's share of a job over the control array: spins briefly, then sleeps in Atomics.wait. */
function threadShare(control: Int32Array, index: number, count: number): InverseShare {
  let known = 0;
  let syncs = 0;
  const wait = (slot: number, target: number): number => {
    const started = Date.now();
    for (let spin = 0; ; spin++) {
      if (Atomics.load(control, ABORT) !== 0) throw new Error(ABORTED);
      const v = Atomics.load(control, slot);
      if (v >= target) return v;
      if (spin < SPIN) continue;
      Atomics.wait(control, slot, v, 10);
      if (Date.now() - started > STALL_MS) {
        abort(control);
        throw new Error(`invertSpd: thread ${index} waited ${STALL_MS / 1000} s for another; inverting alone`);
      }
    }
  };
  return {
    index,
    count,
    awaitRows(rows) {
      if (rows > known) known = wait(ROWS, rows);
    },
    publishRows(rows) {
      Atomics.store(control, ROWS, rows);
      Atomics.notify(control, ROWS);
    },
    sync() {
      syncs++;
      Atomics.add(control, ARRIVED, 1);
      Atomics.notify(control, ARRIVED);
      wait(ARRIVED, count * syncs);
    }
  };
}

/** Doubles of shared memory a job of size n uses: the workspace and four scratch doubles per thread. */
function jobDoubles(n: number, count: number): number {
  return inverseWorkspace(n) + 4 * count;
}

/** The running threads (see KernelThreads): invertSpd hands them shares while they run. */
export type InverseThreads = KernelThreads;

let running: InverseThreads | null = null;

/**
 * Starts threads − 1 workers (default: the machine's cores, at most 4) and installs them for
 * invertSpd; idempotent while running. With one thread nothing starts. The workers do not keep
 * the process alive.
 */
export function useInverseThreads(options: {threads?: number} = {}): InverseThreads {
  if (running !== null) return running;
  const threads = Math.max(1, Math.floor(options.threads ?? Math.min(4, availableParallelism())));
  const memory = sharedMemory(1);
  const k = threads > 1 ? linalgSharedKernels(memory) : null;
  if (k === null) return ONE_THREAD;
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_LENGTH));
  const init: WorkerInit = {kind: WORKER_KIND, memory, control};
  const pool = startKernelPool(
    import.meta.url,
    init,
    threads - 1,
    control,
    READY,
    () => {
      abort(control);
      setThreadedInverse(null);
    },
    "invertSpd"
  );
  let jobs = 0;
  setThreadedInverse((a, n) => {
    if (!pool.enabled || n < MIN_THREADED_N || !pool.isReady()) return null;
    const size = inverseWorkspace(n);
    const needed = Math.ceil((jobDoubles(n, threads) * 8) / 65536);
    const pages = memory.buffer.byteLength / 65536;
    if (needed > pages) {
      try {
        memory.grow(needed - pages);
      } catch {
        return null; // past a shared memory's 4 GiB: the caller tries alone
      }
    }
    const ops = wasmRowOps(k, memory, size, size);
    ops.buf.set(a);
    ops.buf.fill(0, n * n, size);
    Atomics.store(control, ROWS, 0);
    Atomics.store(control, ARRIVED, 0);
    pool.workers.forEach((w, t) => w.postMessage({n, index: t + 1, count: threads} satisfies Job));
    try {
      inverseSteps(ops, n, threadShare(control, 0, threads));
    } catch {
      // A pivot that is not positive, or a thread that stopped: the caller inverts alone, which
      // gives the same bits or the same error. The workers may still be mid-job, so retire them.
      pool.disable();
      return null;
    }
    jobs++;
    return mirroredInverse(ops.buf, n);
  });
  running = kernelThreads(
    threads,
    pool,
    () => jobs,
    () => (running = null)
  );
  return running;
}

/** A shared wasm memory of `pages` pages that may grow to 4 GiB, as the kernels' shared import requires. */
function sharedMemory(pages: number): WebAssembly.Memory {
  return new WebAssembly.Memory({initial: pages, maximum: 65536, shared: true});
}

/** Worker side: instantiates the kernels on the shared memory, then runs each job's share. */
function runWorker(init: WorkerInit): void {
  const k = linalgSharedKernels(init.memory);
  if (k === null) throw new Error("invertSpd: the linalg kernels do not instantiate on a shared memory here");
  Atomics.add(init.control, READY, 1);
  parentPort!.on("message", ({n, index, count}: Job) => {
    const size = inverseWorkspace(n);
    const ops = wasmRowOps(k, init.memory, size, size + 4 * index);
    try {
      inverseSteps(ops, n, threadShare(init.control, index, count));
    } catch {
      abort(init.control);
    }
  });
}

if (!isMainThread && (workerData as WorkerInit | undefined)?.kind === WORKER_KIND) runWorker(workerData as WorkerInit);

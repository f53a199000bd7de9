/**
 * The life of a pool of worker threads that a synchronous kernel hands shares of its work to (EASE's
 * inversion, GBDT prediction): the workers start unref'd (they never keep the process alive), count
 * themselves ready in a shared slot, and any error or exit disables the whole pool, so that the kernel
 * falls back to this thread alone. Installing the kernel and the job protocol stay with each user.
 */
import type {Worker} from "node:worker_threads";
import {startModuleWorker} from "./module-worker.js";

/** A started pool: its workers, whether it is still usable, and its end. */
export interface KernelPool {
  workers: readonly Worker[];
  /** False once any worker failed or the pool was disabled. */
  readonly enabled: boolean;
  /** True once every worker counted itself in the ready slot. */
  isReady(): boolean;
  /** Resolves when every worker is ready; rejects if the pool is disabled first. */
  ready: Promise<void>;
  /** Disables the pool (runs onDisable once) and ends the workers. */
  disable(): void;
  /** Disables the pool and waits for the workers to end. */
  stop(): Promise<void>;
}

/**
 * Starts `count` workers of the module at entry (an import.meta.url) with workerData = init; they
 * are ready when control[readySlot] reaches count. onDisable runs once, when the pool is disabled
 * (uninstall the kernel there); `what` names the pool in the ready promise's rejection.
 */
export function startKernelPool(
  entry: string,
  init: object,
  count: number,
  control: Int32Array,
  readySlot: number,
  onDisable: () => void,
  what: string
): KernelPool {
  const workers: Worker[] = [];
  let enabled = true;
  const disable = () => {
    if (!enabled) return;
    enabled = false;
    onDisable();
    for (const w of workers) void w.terminate();
  };
  for (let t = 0; t < count; t++) {
    const w = startModuleWorker(entry, init);
    w.unref();
    w.on("error", () => disable());
    // A worker whose start failed exits (module-worker's boot) rather than erroring.
    w.on("exit", () => disable());
    workers.push(w);
  }
  const isReady = () => Atomics.load(control, readySlot) >= count;
  const ready = new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (isReady()) {
        clearInterval(poll);
        resolve();
      } else if (!enabled) {
        clearInterval(poll);
        reject(new Error(`${what}: the threads failed to start`));
      }
    }, 5);
  });
  ready.catch(() => {});
  return {
    workers,
    get enabled() {
      return enabled;
    },
    isReady,
    ready,
    disable,
    async stop() {
      disable();
      await Promise.all(workers.map((w) => w.terminate()));
    }
  };
}

/** Running kernel threads as a user sees them: stop them with stop(); ready resolves once every worker can take a share. */
export interface KernelThreads {
  /** Threads taking part in each job, this one included. */
  readonly threads: number;
  /** Jobs done on the threads so far (the others were done alone). */
  readonly jobs: number;
  /** Resolves once every worker can take a share (until then the kernel runs alone). */
  readonly ready: Promise<void>;
  /** Uninstalls the threads from the kernel and ends the workers. */
  stop(): Promise<void>;
}

/** The handle of a started pool: `jobs` reads the user's counter, onStop runs before the pool stops. */
export function kernelThreads(
  threads: number,
  pool: KernelPool,
  jobs: () => number,
  onStop: () => void
): KernelThreads {
  return {
    threads,
    get jobs() {
      return jobs();
    },
    ready: pool.ready,
    async stop() {
      onStop();
      await pool.stop();
    }
  };
}

/** The handle when only one thread is asked for: nothing starts and every job runs alone. */
export const ONE_THREAD: KernelThreads = Object.freeze({
  threads: 1,
  jobs: 0,
  ready: Promise.resolve(),
  stop: async () => {}
});

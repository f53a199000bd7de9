/**
 * The Lab's pool of cross-validation workers (lib/workers/cross-validate.ts, the one harness), one per
 * core by default. A run is cut into one task per fold; tasks of every run queue in order and go to the
 * next free worker, so a 5-fold run on 2 cores keeps both busy, and a second run starts as soon as a
 * worker frees up. Each fold's score is reported as it finishes, with the run's progress (0..1), and
 * the run resolves with the harness's summary of its folds in fold order: the same figures as running
 * the folds one after the other. Cancelling a run drops its queued folds and terminates the workers
 * running its folds at once (a fit need not check for cancel); they are replaced for the next task.
 */
import type {FoldRows} from "../data/folds.js";
import type {Dataset} from "../data/types.js";
import {summarizeFolds, type CvSummary, type FoldScore, type MetricFamily} from "../eval/cross-validate.js";
import {abortError} from "../models/estimator.js";
import type {CvWorkerRequest, CvWorkerResponse} from "../workers/cross-validate.js";
import {foldCount, type LabProtocol} from "./protocol.js";
import {copyForTransfer, copyForTransferAsync} from "./transfer.js";

/** The part of the Worker interface the pool uses (a fake in tests). */
export interface CvWorkerLike {
  postMessage(message: CvWorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: {data: CvWorkerResponse}) => void) | null;
  onerror: ((event: {message?: string}) => void) | null;
}

/** One cross-validation for the pool. */
export interface PoolRunRequest {
  dataset: Dataset;
  /** A name in the model registry. */
  model: string;
  /** Parameters over the model's defaults. */
  params?: Record<string, unknown>;
  protocol: LabProtocol;
  /** The set's official folds, sent to the workers with it (an official protocol's own folds otherwise). */
  official?: FoldRows[] | null;
  seed: number;
  metrics?: MetricFamily[];
  ks?: number[];
}

export interface PoolRunEvents {
  /** The run's share done, 0..1 (folds done plus the running folds' fit fractions). */
  onProgress?: (fraction: number) => void;
  /** A fold finished: its score and its index among the run's folds. */
  onFold?: (score: FoldScore, index: number) => void;
}

/** A run in the pool: its summary, and a way to stop it. */
export interface PoolRun {
  /** Resolves with the summary of every fold; rejects with an AbortError on cancel, or the worker's error. */
  result: Promise<CvSummary>;
  cancel(): void;
}

export interface PoolOptions {
  /** Workers at most (default navigator.hardwareConcurrency, else 2). */
  size?: number;
  /** Creates a worker (default: a module Worker on url). */
  createWorker?: (url: string) => CvWorkerLike;
}

interface RunState {
  request: PoolRunRequest;
  events: PoolRunEvents;
  scores: (FoldScore | undefined)[];
  fractions: number[];
  settled: boolean;
  resolve: (s: CvSummary) => void;
  reject: (e: Error) => void;
}

interface Task {
  id: number;
  run: RunState;
  fold: number;
}

interface Slot {
  worker: CvWorkerLike;
  task: Task | null;
  /** Key of the data set loaded in the worker. */
  loaded: string | null;
  /** True while the set is being copied for the worker. */
  loading: boolean;
}

/** The official folds a run's set goes with: the run's own, else those the request names. */
function officialOf(request: PoolRunRequest): FoldRows[] | null {
  return request.protocol.kind === "official" ? request.protocol.folds : (request.official ?? null);
}

/** The number of workers for this machine: one per core, at least 1. */
export function defaultPoolSize(): number {
  const cores = typeof navigator === "undefined" ? undefined : navigator.hardwareConcurrency;
  return Math.max(1, cores ?? 2);
}

export class CvWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly size: number;
  private readonly create: (url: string) => CvWorkerLike;
  private nextId = 1;

  constructor(
    private readonly url: string,
    options: PoolOptions = {}
  ) {
    this.size = Math.max(1, options.size ?? defaultPoolSize());
    this.create =
      options.createWorker ??
      ((u) => new Worker(u, {type: "module", name: "movielab-cross-validate"}) as unknown as CvWorkerLike);
  }

  /** Workers started so far (at most the pool's size). */
  get workers(): number {
    return this.slots.length;
  }

  /** Queues a run's folds; see the module comment. */
  run(request: PoolRunRequest, events: PoolRunEvents = {}): PoolRun {
    const n = foldCount(request.protocol);
    let state!: RunState;
    const result = new Promise<CvSummary>((resolve, reject) => {
      state = {
        request,
        events,
        scores: new Array(n).fill(undefined),
        fractions: new Array(n).fill(0),
        settled: false,
        resolve,
        reject
      };
    });
    for (let fold = 0; fold < n; fold++) this.queue.push({id: this.nextId++, run: state, fold});
    this.dispatch();
    return {result, cancel: () => this.cancel(state)};
  }

  /** Stops every worker; running and queued runs reject. */
  terminate(): void {
    const runs = new Set([...this.queue.map((t) => t.run), ...this.slots.flatMap((s) => (s.task ? [s.task.run] : []))]);
    this.queue.length = 0;
    for (const slot of this.slots) slot.worker.terminate();
    this.slots.length = 0;
    for (const run of runs) this.fail(run, new Error("the cross-validation workers were stopped"));
  }

  private cancel(run: RunState): void {
    if (run.settled) return;
    this.fail(run, abortError(`cross-validation of ${run.request.model}`));
  }

  /** Settles a run as failed: drops its queued folds and replaces the workers running its folds. */
  private fail(run: RunState, error: Error): void {
    if (run.settled) return;
    run.settled = true;
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].run === run) this.queue.splice(i, 1);
    for (let i = 0; i < this.slots.length; i++) {
      if (this.slots[i].task?.run === run) {
        this.slots[i].worker.terminate();
        this.slots[i] = this.startSlot();
      }
    }
    run.reject(error);
    this.dispatch();
  }

  private startSlot(): Slot {
    const slot: Slot = {worker: this.create(this.url), task: null, loaded: null, loading: false};
    slot.worker.onmessage = (event) => this.receive(slot, event.data);
    slot.worker.onerror = (event) => {
      const task = slot.task;
      slot.task = null;
      if (task)
        this.fail(
          task.run,
          new Error(`cross-validation worker failed: ${event.message ?? "could not load the worker module"}`)
        );
    };
    return slot;
  }

  /** A key per data set object: the pool sends a set to each worker once. */
  private readonly keys = new WeakMap<Dataset, string>();
  private nextKey = 1;

  private keyOf(dataset: Dataset): string {
    let key = this.keys.get(dataset);
    if (key === undefined) this.keys.set(dataset, (key = `dataset-${this.nextKey++}`));
    return key;
  }

  /**
   * Starts every worker and sends it the set (and its official folds) now, so that a run on it starts
   * at once: the Lab calls it when the reader's data are read.
   */
  warm(dataset: Dataset, official: FoldRows[] | null = null): void {
    while (this.slots.length < this.size) this.slots.push(this.startSlot());
    const key = this.keyOf(dataset);
    for (const slot of this.slots)
      if (slot.task === null && !slot.loading && slot.loaded !== key) this.load(slot, dataset, official);
  }

  /** Copies the set for the worker a slice per task, then posts it; the slot takes tasks again after. */
  private load(slot: Slot, dataset: Dataset, official: FoldRows[] | null): void {
    const key = this.keyOf(dataset);
    slot.loading = true;
    void copyForTransferAsync<CvWorkerRequest>({type: "load", key, dataset, official}).then((load) => {
      slot.loading = false;
      slot.worker.postMessage(load.value, load.transfer);
      slot.loaded = key;
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === null && !s.loading);
      if (slot === undefined && this.slots.length < this.size) {
        slot = this.startSlot();
        this.slots.push(slot);
      }
      if (slot === undefined) return;
      const {request} = this.queue[0].run;
      const key = this.keyOf(request.dataset);
      if (slot.loaded !== key) {
        this.load(slot, request.dataset, officialOf(request));
        continue;
      }
      const task = this.queue.shift()!;
      slot.task = task;
      const {value, transfer} = copyForTransfer<CvWorkerRequest>({
        type: "run",
        id: task.id,
        datasetKey: key,
        model: request.model,
        params: request.params,
        folds: foldCount(request.protocol),
        seed: request.seed,
        // The official rows went with the set.
        protocol: request.protocol.kind === "official" ? {kind: "official", folds: []} : request.protocol,
        only: [task.fold],
        ...(request.metrics ? {metrics: request.metrics} : {}),
        ...(request.ks ? {ks: request.ks} : {})
      });
      slot.worker.postMessage(value, transfer);
    }
  }

  private receive(slot: Slot, msg: CvWorkerResponse): void {
    const task = slot.task;
    if (task === null || (msg.id !== null && msg.id !== task.id)) return;
    const run = task.run;
    if (msg.type === "progress") {
      const p = msg.progress;
      run.fractions[task.fold] = p.phase === "done" ? 1 : p.phase === "predict" ? 0.95 : 0.9 * (p.fitFraction ?? 0);
      this.report(run);
      return;
    }
    slot.task = null;
    if (msg.type === "error") {
      this.fail(run, Object.assign(new Error(msg.message), msg.cancelled ? {name: "AbortError"} : {}));
      return;
    }
    const score = msg.summary.folds[0];
    run.scores[task.fold] = score;
    run.fractions[task.fold] = 1;
    if (!run.settled) {
      run.events.onFold?.(score, task.fold);
      this.report(run);
      if (run.scores.every((s) => s !== undefined)) {
        run.settled = true;
        run.resolve(summarizeFolds(msg.summary.model, run.scores as FoldScore[]));
      }
    }
    this.dispatch();
  }

  private report(run: RunState): void {
    if (run.settled) return;
    run.events.onProgress?.(run.fractions.reduce((a, b) => a + b, 0) / run.fractions.length);
  }
}

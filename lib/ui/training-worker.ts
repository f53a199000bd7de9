/**
 * Page side of the Training page's Web Worker (lib/workers/train-classifier.ts): starts the module
 * worker, sends it the training sample once, and runs one retraining at a time as a promise with
 * per-round progress and a cancel that ends the run after the current round. If the worker does not
 * answer a cancel within `killAfterMs` it is terminated (and restarted for the next run).
 */
import type {RetrainParams, RetrainResult, WorkerRequest, WorkerResponse} from "../workers/train-classifier.js";
import type {TrainingSample} from "../workers/training-sample.js";

/** Per-round progress: round 1..rounds and the two log losses after it. */
export interface RetrainProgress {
  round: number;
  rounds: number;
  trainLoss: number;
  validLoss: number;
}

/** The part of the Worker interface the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  onmessage: ((event: {data: WorkerResponse}) => void) | null;
  onerror: ((event: {message?: string}) => void) | null;
}

/** A running retraining: its result, and a way to stop it early. */
export interface RetrainRun {
  /** Resolves with the result (stopReason "cancelled" after cancel); rejects on a worker error or termination. */
  result: Promise<RetrainResult>;
  cancel(): void;
}

export interface TrainingWorkerOptions {
  /** Creates the worker (default: a module Worker on url). */
  createWorker?: (url: string) => WorkerLike;
  /** Terminate the worker when a cancel is not honoured within this many ms (default 5000). */
  killAfterMs?: number;
}

/** Client of the training worker; url is the worker module's URL (import.meta.resolve in the page). */
export class TrainingWorkerClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private current: {
    id: number;
    resolve: (r: RetrainResult) => void;
    reject: (e: Error) => void;
    onProgress: (p: RetrainProgress) => void;
  } | null = null;
  private readonly create: (url: string) => WorkerLike;
  private readonly killAfterMs: number;

  constructor(
    private readonly url: string,
    private readonly sample: TrainingSample,
    options: TrainingWorkerOptions = {}
  ) {
    this.create =
      options.createWorker ??
      ((u) => new Worker(u, {type: "module", name: "movielab-train-classifier"}) as unknown as WorkerLike);
    this.killAfterMs = options.killAfterMs ?? 5000;
  }

  /** True while a run is in progress. */
  get busy(): boolean {
    return this.current !== null;
  }

  /** Starts a run (one at a time: a second call while busy throws). */
  train(params: RetrainParams, onProgress: (p: RetrainProgress) => void = () => {}): RetrainRun {
    if (this.current !== null) throw new Error("a retraining is already running: cancel it first");
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const result = new Promise<RetrainResult>((resolve, reject) => {
      this.current = {id, resolve, reject, onProgress};
    });
    worker.postMessage({type: "train", id, params});
    return {
      result,
      cancel: () => {
        if (this.current?.id !== id) return;
        this.worker?.postMessage({type: "cancel", id});
        const timer = setTimeout(() => {
          if (this.current?.id === id)
            this.kill(new Error(`the worker did not stop within ${this.killAfterMs} ms of cancel; it was terminated`));
        }, this.killAfterMs);
        result.then(
          () => clearTimeout(timer),
          () => clearTimeout(timer)
        );
      }
    };
  }

  /** Stops the worker for good (e.g. when the page cell is invalidated); a running run rejects. */
  terminate(): void {
    this.kill(new Error("the training worker was terminated"));
  }

  private kill(reason: Error): void {
    this.worker?.terminate();
    this.worker = null;
    const run = this.current;
    this.current = null;
    run?.reject(reason);
  }

  private ensureWorker(): WorkerLike {
    if (this.worker !== null) return this.worker;
    const w = this.create(this.url);
    w.onmessage = (event) => this.receive(event.data);
    w.onerror = (event) =>
      this.kill(new Error(`training worker failed: ${event.message ?? "could not load the worker module"}`));
    // Copies of the arrays: the page keeps its own sample for the next worker.
    w.postMessage({type: "load", sample: this.sample});
    this.worker = w;
    return w;
  }

  private receive(msg: WorkerResponse): void {
    const run = this.current;
    if (msg.type === "loaded") return;
    if (msg.type === "error" && (msg.id === null || msg.id === run?.id)) {
      this.current = null;
      run?.reject(new Error(msg.message));
      return;
    }
    if (run === null || !("id" in msg) || msg.id !== run.id) return;
    if (msg.type === "progress")
      run.onProgress({round: msg.round, rounds: msg.rounds, trainLoss: msg.trainLoss, validLoss: msg.validLoss});
    else if (msg.type === "done") {
      this.current = null;
      run.resolve(msg.result);
    }
  }
}

/**
 * The Training page's Web Worker: holds the decoded training sample and retrains the gradient-
 * boosted trees on the first `sampleSize` rows with the page's hyperparameters, posting the learning
 * curves after every round. A "cancel" message is read between rounds (training yields to the event
 * loop each round), so a cancelled run ends after the current round with the rounds so far.
 *
 * Loaded as a module worker: `new Worker(import.meta.resolve("./lib/workers/train-classifier.js"), {type: "module"})`.
 * Browser-safe (no node: imports); the message handling is exported for tests.
 */
import {featureImportance, type FeatureImportance} from "../models/gbdt/importance.js";
import {predictProba} from "../models/gbdt/predict.js";
import type {StopReason} from "../models/gbdt/model.js";
import {trainGbdtAsync} from "../models/gbdt/train.js";
import type {TrainingSample} from "./training-sample.js";
import {installWorkerHandler} from "./worker-scope.js";

/** Hyperparameters the page offers (XGBoost names) and the number of training rows used. */
export interface RetrainParams {
  n_estimators: number;
  max_depth: number;
  learning_rate: number;
  min_child_weight: number;
  subsample: number;
  colsample_bytree: number;
  /** Training rows used, 1..sample size (the sample is already shuffled, so a prefix is a random sample). */
  sampleSize: number;
  seed: number;
}

/** What one run produced; losses are multi-class log loss per round. */
export interface RetrainResult {
  rounds: number;
  stopReason: StopReason;
  trainLoss: number[];
  validLoss: number[];
  /** Accuracy of the most probable class on the validation rows, 0..1. */
  validAccuracy: number;
  validRows: number;
  trainRows: number;
  /** Wall time of the run in the worker, seconds. */
  seconds: number;
  importance: FeatureImportance[];
  params: RetrainParams;
}

export type WorkerRequest =
  | {type: "load"; sample: TrainingSample}
  | {type: "train"; id: number; params: RetrainParams}
  | {type: "cancel"; id: number};

export type WorkerResponse =
  | {type: "loaded"; trainRows: number; validRows: number}
  | {type: "progress"; id: number; round: number; rounds: number; trainLoss: number; validLoss: number}
  | {type: "done"; id: number; result: RetrainResult}
  | {type: "error"; id: number | null; message: string};

/**
 * The worker's state machine: `handle(request)` reacts to one message and calls `post` with the
 * responses (progress per round, then done or error). One training run at a time; a new "train"
 * while one runs is refused with an error.
 */
export function createTrainingHandler(
  post: (response: WorkerResponse) => void
): (request: WorkerRequest) => Promise<void> {
  let sample: TrainingSample | null = null;
  let running: number | null = null;
  const cancelled = new Set<number>();
  return async (request) => {
    if (request.type === "load") {
      sample = request.sample;
      post({type: "loaded", trainRows: sample.trainLabels.length, validRows: sample.validLabels.length});
      return;
    }
    if (request.type === "cancel") {
      cancelled.add(request.id);
      return;
    }
    const {id, params} = request;
    if (sample === null)
      return post({type: "error", id, message: "no training sample loaded: send a load message first"});
    if (running !== null)
      return post({type: "error", id, message: `training run ${running} is still going: cancel it first`});
    running = id;
    try {
      const result = await retrain(sample, params, (round, trainLoss, validLoss) => {
        post({type: "progress", id, round, rounds: params.n_estimators, trainLoss, validLoss});
        return !cancelled.has(id);
      });
      post({type: "done", id, result});
    } catch (e) {
      post({type: "error", id, message: (e as Error).message});
    } finally {
      running = null;
      cancelled.delete(id);
    }
  };
}

/**
 * Trains on the first params.sampleSize training rows with the validation rows as the eval set,
 * calling onRound(round 1-based, train log loss, validation log loss) after each round; false stops.
 */
export async function retrain(
  sample: TrainingSample,
  params: RetrainParams,
  onRound: (round: number, trainLoss: number, validLoss: number) => boolean
): Promise<RetrainResult> {
  const start = performance.now();
  const d = sample.featureNames.length;
  const K = sample.classValues.length;
  const nAll = sample.trainLabels.length;
  if (!(Number.isInteger(params.sampleSize) && params.sampleSize >= 1 && params.sampleSize <= nAll)) {
    throw new RangeError(`sampleSize is ${params.sampleSize}: expected an integer from 1 to ${nAll}`);
  }
  const n = params.sampleSize;
  const nValid = sample.validLabels.length;
  const model = await trainGbdtAsync(
    {
      features: sample.trainFeatures.subarray(0, n * d),
      n,
      d,
      labels: Int32Array.from(sample.trainLabels.subarray(0, n)),
      featureNames: sample.featureNames
    },
    {
      objective: "multi:softprob",
      num_class: K,
      n_estimators: params.n_estimators,
      max_depth: params.max_depth,
      learning_rate: params.learning_rate,
      min_child_weight: params.min_child_weight,
      subsample: params.subsample,
      colsample_bytree: params.colsample_bytree,
      seed: params.seed,
      eval_metric: ["mlogloss"]
    },
    {
      eval: {features: sample.validFeatures, n: nValid, d, labels: Int32Array.from(sample.validLabels)},
      onRound: (round, m) => onRound(round + 1, m.train.mlogloss ?? NaN, m.eval?.mlogloss ?? NaN)
    }
  );
  const proba = predictProba(model, sample.validFeatures, nValid);
  let hits = 0;
  for (let i = 0; i < nValid; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (proba[i * K + k] > proba[i * K + best]) best = k;
    if (best === sample.validLabels[i]) hits++;
  }
  return {
    rounds: model.num_rounds,
    stopReason: model.stop_reason,
    trainLoss: model.evals_result.train.mlogloss ?? [],
    validLoss: model.evals_result.eval?.mlogloss ?? [],
    validAccuracy: nValid > 0 ? hits / nValid : NaN,
    validRows: nValid,
    trainRows: n,
    seconds: (performance.now() - start) / 1000,
    importance: featureImportance(model),
    params: {...params}
  };
}

// Only when loaded as a worker.
installWorkerHandler<WorkerRequest, WorkerResponse>(createTrainingHandler, (message) => ({
  type: "error",
  id: null,
  message
}));

// A small learnable training sample for the worker and client tests (no MovieLens data needed).
import {syntheticClassification} from "../../lib/models/gbdt/synthetic.js";
import type {RetrainParams} from "../../lib/workers/train-classifier.js";
import type {TrainingSample} from "../../lib/workers/training-sample.js";

/** A learnable 5-class sample: 600 training and 200 validation rows. */
export function fakeSample(): TrainingSample {
  const m = syntheticClassification(800, 5, 7, 0.5);
  const d = m.features.length / 800;
  return {
    featureNames: Array.from({length: d}, (_, j) => `x${j}`),
    classValues: [1, 2, 3, 4, 5],
    trainFeatures: m.features.slice(0, 600 * d),
    trainLabels: Uint8Array.from(m.labels.slice(0, 600)),
    validFeatures: m.features.slice(600 * d),
    validLabels: Uint8Array.from(m.labels.slice(600))
  };
}

export const PARAMS: RetrainParams = {
  n_estimators: 10,
  max_depth: 3,
  learning_rate: 0.3,
  min_child_weight: 1,
  subsample: 1,
  colsample_bytree: 1,
  sampleSize: 600,
  seed: 0
};

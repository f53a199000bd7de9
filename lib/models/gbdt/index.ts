/**
 * Gradient-boosted trees with XGBoost 1.7's hist algorithm: training, prediction, importance, JSON models.
 * Runs unchanged in Node, a Web Worker and the page (no Node imports; lib/node/threads/gbdt-parallel.ts
 * adds worker threads in Node).
 *
 * Data layout: features are a row-major n × d Float32Array (row i, feature f at i·d + f), NaN = missing;
 * labels an Int32Array of classes 0..K-1 (Float32/64Array targets for reg:squarederror).
 *
 *   const model = trainGbdt({features, labels, n}, {num_class: 5, n_estimators: 100}, {eval, onRound});
 *   const proba = predictProba(parseModel(modelToJSON(model)), testFeatures, nTest); // n × K
 */
export {GBDT_DEFAULTS, resolveParams, type EvalMetric, type GbdtParams, type Objective} from "./params.js";
export {computeCuts, binMatrix, MISSING_CODE, type BinCuts} from "./binning.js";
export {trainGbdt, trainGbdtAsync, GbdtTrainer, type TrainInput, type TrainOptions, type LabelledMatrix, type RoundMetrics} from "./train.js";
export {predict, predictMargin, predictProba, predictClass, type PredictOptions} from "./predict.js";
export {modelToJSON, parseModel, GbdtModelError, type GbdtModel, type EvalsResult, type StopReason} from "./model.js";
export {featureImportance, type FeatureImportance} from "./importance.js";
export type {GbdtTree} from "./tree.js";

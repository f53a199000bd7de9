/**
 * The browser-safe core of movielab: readers that take file contents (strings or bytes), the
 * cleaning step, the seeded synthetic set, every model through one interface and one registry,
 * the evaluation harness and its metrics and protocols, the GBDT engine, and the model bundle.
 * Nothing reachable from here imports `node:`; Node-only I/O lives in `movielab/node`, the widget
 * in `movielab/widget`.
 * @packageDocumentation
 * @module movielab
 */

export {LIBRARY_VERSION} from "./version.js";
export {createRng, type Rng} from "./random.js";

// Data: types, readers from file contents, cleaning, the synthetic set.
export type {
  RatingScale,
  DatasetFormat,
  DatasetSource,
  RawRatings,
  Movies,
  Users,
  RawDataset,
  IdMap,
  Ratings,
  Dataset
} from "./data/types.js";
export {parseDatasetFiles, type DatasetFiles, type FilesSource} from "./data/read-files.js";
export {readMl100k, ML100K_SCALE, ML100K_GENRES} from "./data/read-ml100k.js";
export {readMl1m, ML1M_SCALE, ML10M_SCALE} from "./data/read-ml1m.js";
export {readCsvSet, CSV_SCALE} from "./data/read-csv-set.js";
export {detectFormat} from "./data/detect-format.js";
export {cleanDataset, type CleanOptions} from "./data/clean.js";
export {generateSynthetic, type SyntheticOptions} from "./data/synthetic.js";
/** Dense indices for a raw data set's users and movies: the Dataset that protocols and models read. */
export {encodeDataset} from "./data/encode.js";
/** One fold of an evaluation: a TrainSet and the test ratings scored against it. */
export type {RatingFold} from "./data/folds.js";

// Models: one interface, one registry.
export type {
  TrainSet,
  Prediction,
  Estimate,
  BatchPrediction,
  Recommendation,
  RecommendOptions,
  Explanation,
  ParamSpec,
  ParamSchema,
  ModelTask,
  FitOptions,
  Model,
  AnyModel
} from "./models/estimator.js";
export {fitModel, predict, predictRatings, clip, capabilities} from "./models/estimator.js";
export {MODELS, getModel, modelNames} from "./models/registry.js";
/** Biased matrix factorisation (SGD), typed: import it directly so a bundle that only needs MF leaves the other models out. */
export {mfModel, type MfParams, type MfState} from "./models/factors/mf.js";

// The GBDT engine (XGBoost's hist algorithm).
export {trainGbdt, trainGbdtAsync, type TrainInput, type TrainOptions} from "./models/gbdt/train.js";
export {predictMargin, predictProba, predictClass} from "./models/gbdt/predict.js";
export type {GbdtModel} from "./models/gbdt/model.js";
export type {GbdtParams} from "./models/gbdt/params.js";

// Evaluation: the harness, metrics and protocols.
export {
  crossValidate,
  summarizeFolds,
  type CrossValidateOptions,
  type CvSummary,
  type FoldScore,
  type MeanSd
} from "./eval/cross-validate.js";
export {rmse, mae} from "./eval/rating-metrics.js";
export {scoreRankedList, summariseRanking, catalogueCoverage} from "./eval/ranking-metrics.js";
export {accuracy, confusionMatrix, logLoss, classificationReport} from "./eval/classification-metrics.js";
export {PROTOCOLS, PROTOCOL_NAMES, type AnyProtocol} from "./eval/protocols/index.js";
export type {Protocol, ProtocolName, ProtocolFolds} from "./eval/protocols/protocol.js";

// Model bundles.
export {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  BundleError,
  serializeBundle,
  parseBundle,
  type Bundle,
  type BundleMetadata,
  type BundleKind
} from "./bundle/bundle.js";
export {buildWorkbenchBundle, type WorkbenchState, type WorkbenchOptions} from "./bundle/workbench.js";
export {createBundleService} from "./serving/bundle-service.js";
export type {PredictionService, PredictResult, RecommendResult} from "./serving/types.js";
export {predictForRatings, recommendForRatings} from "./widget/visitor-api.js";

// Types the exports above name in their signatures, so that a consumer can name them too (TypeDoc's
// notExported check: a public signature must not reach an unexported type). The serving types
// (MovieInfo, UserInfo, …) are exported once, by movielab/widget, beside the service contract.
export type {FileFormat} from "./data/detect-format.js";
export type {CleaningReport, CleaningRuleResult, CleaningExample} from "./data/cleaning-report.js";
export type {DatasetSummary, CountStats} from "./data/summary.js";
export type {RatingFolds, FoldRows, ClassifierFolds, HoldoutSplit} from "./data/folds.js";
export type {MovieLensEntry} from "./data/registry.js";
export type {Csr} from "./linalg/sparse.js";
export type {RatedReason, NeighbourReason} from "./models/estimator.js";
export type {ClassifierState, ClassifierParams, ClassifierLog} from "./models/classifier/pipeline.js";
export type {FeaturePipelineState, FeaturePipelineOptions, FeaturePipelineInput} from "./features/feature-matrix.js";
export type {AggregateState, AggregateOptions, AggregateStats} from "./features/aggregates.js";
export type {FactorFeatureState} from "./features/factor-feature.js";
export type {GenrePcaState} from "./features/genre-pca.js";
export type {GbdtTree} from "./models/gbdt/tree.js";
export type {StopReason, EvalsResult} from "./models/gbdt/model.js";
export type {Objective, EvalMetric} from "./models/gbdt/params.js";
export type {Labels} from "./models/gbdt/objective.js";
export type {PredictOptions} from "./models/gbdt/predict.js";
export type {LabelledMatrix, RoundMetrics} from "./models/gbdt/train.js";
export type {MetricFamily, FoldPerUser, CvProgress, FoldOutcome} from "./eval/cross-validate.js";
export type {PerUserErrors} from "./eval/per-user-errors.js";
export type {UserRankingScores, RankingSummary, UserListScores} from "./eval/ranking-metrics.js";
export type {ClassificationReport, ClassScores, CalibrationBins} from "./eval/classification-metrics.js";
export type {ProtocolTask, ProtocolInput, DroppedRows} from "./eval/protocols/protocol.js";
export type {ColdStartModel} from "./bundle/cold-start.js";
export type {FactorRanker} from "./bundle/factor-ranker.js";
export type {SparseRanker, StoredClassifier, PackedGbdt, UserRatings} from "./bundle/workbench.js";

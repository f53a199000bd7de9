/**
 * Node-only I/O: a data set from a directory, a name or a URL through the shared parsed-data cache,
 * its folds, bundle files, writes that never destroy the previous good file, and EASE's inverse on
 * worker threads.
 * @packageDocumentation
 * @module movielab/node
 */

export {
  openDataset,
  datasetFolds,
  hasOfficialFolds,
  resolveDatasetSpec,
  DEFAULT_DATASET,
  type OpenDatasetOptions,
  type OpenedDataset,
  type DatasetFolds,
  type DatasetOrigin,
  type DatasetTarget
} from "./open-dataset.js";
export {readDatasetDir, MAX_FILE_BYTES} from "./read-dataset-dir.js";
export {fetchDataset, DatasetFetchError, type FetchDatasetOptions} from "./fetch-dataset.js";
export {saveBundle, loadBundle, MAX_BUNDLE_BYTES} from "./bundle-file.js";
export {writeFileAtomic} from "./atomic-write.js";
export {useInverseThreads, type InverseThreads} from "./threads/spd-inverse-threads.js";
export {useForestThreads, MIN_THREADED_ROWS, type ForestThreads} from "./threads/forest-threads.js";
export type {KernelThreads} from "./threads/kernel-pool.js";

// Types the exports above name in their signatures, so that a consumer can name them too.
export type {CleaningReport} from "../data/cleaning-report.js";
export type {DatasetSummary} from "../data/summary.js";
export type {RatingFolds, FoldRows, ClassifierFolds, HoldoutSplit} from "../data/folds.js";
export type {MovieLensEntry} from "../data/registry.js";

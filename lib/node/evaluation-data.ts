/**
 * The data and splits the classifier notebooks evaluate on: the workbench's data set cleaned with
 * every rule except the before-release one (so test rows keep every rating; the pipeline drops
 * noise from training rows itself), ml-100k's official folds when the directory has them, else
 * seeded stratified folds; and the hold-out split (official u1, else stratified 80/20).
 */
import {cleanDataset} from "../data/clean.js";
import {encodeDataset} from "../data/encode.js";
import type {Dataset} from "../data/types.js";
import {officialFoldRows, type FoldRows} from "../data/folds.js";
import {labelsOf} from "../features/feature-matrix.js";
import {stratifiedSplit} from "../eval/split.js";
import {OFFICIAL_FOLDS, readOfficialFolds} from "./official-folds.js";
import {hasOfficialFolds, selectDataset, type OpenDatasetOptions} from "./open-dataset.js";

export interface EvaluationData {
  dataset: Dataset;
  /** Directory of the files (null for synthetic data). */
  dir: string | null;
  synthetic: boolean;
}

/** Selects the workbench's data set (MOVIELAB_DATA, data/ml-100k, synthetic) and cleans it keeping ratings dated before release. */
export async function loadEvaluationData(options: OpenDatasetOptions = {}): Promise<EvaluationData> {
  const {raw} = await selectDataset(options);
  const dataset = encodeDataset(cleanDataset(raw, {beforeRelease: false}).data);
  return {dataset, dir: raw.source.dir ?? null, synthetic: raw.source.kind === "synthetic"};
}

/** A description of folds for a page, and the folds: official names (first `count` of u1..u5) or k seeded stratified folds. */
export interface EvaluationFolds {
  protocol: "official" | "stratified-k-fold";
  /** What the page says, e.g. "ml-100k's official folds u1–u5". */
  description: string;
  /** Official fold rows, or the fold count for crossValidateClassifier. */
  folds: FoldRows[] | number;
}

/** Official folds u1..u`count` when the files exist, else `count` seeded stratified folds (count 2..5). */
export async function evaluationFolds(data: EvaluationData, count = 5): Promise<EvaluationFolds> {
  if (!(Number.isInteger(count) && count >= 2 && count <= OFFICIAL_FOLDS.length)) throw new RangeError(`fold count is ${count}: expected an integer from 2 to 5`);
  if (hasOfficialFolds(data.dir)) {
    const names = OFFICIAL_FOLDS.slice(0, count);
    const folds = officialFoldRows(data.dataset, await readOfficialFolds(data.dir!, [...names]));
    return {protocol: "official", description: `${data.dataset.name}'s official folds ${names[0]}–${names[names.length - 1]}`, folds};
  }
  return {protocol: "stratified-k-fold", description: `${count} stratified folds (seed 42)`, folds: count};
}

/** The hold-out split of the Training and Evaluation pages: official u1 when present, else stratified 80/20 (seed 42). */
export async function holdoutSplit(data: EvaluationData): Promise<{description: string; train: Int32Array; test: Int32Array}> {
  if (hasOfficialFolds(data.dir)) {
    const [u1] = officialFoldRows(data.dataset, await readOfficialFolds(data.dir!, ["u1"]));
    return {description: `${data.dataset.name}'s official split u1 (u1.base / u1.test)`, train: u1.train, test: u1.test};
  }
  const all = Int32Array.from({length: data.dataset.ratings.rating.length}, (_, i) => i);
  const split = stratifiedSplit(labelsOf(data.dataset, all), 0.2, 42);
  return {description: "a stratified 80/20 split (seed 42)", train: split.train, test: split.test};
}

/**
 * Rating folds read from a data directory through the validating readers: the data set cleaned
 * with every rule but the before-release one (published rating figures use every rating), and
 * ml-100k's official folds uN.base / uN.test mapped to its rows.
 */
import {cleanDataset} from "../data/clean.js";
import {encodeDataset} from "../data/encode.js";
import type {Dataset} from "../data/types.js";
import type {RatingFold} from "../eval/evaluate-rating.js";
import {officialFoldRows} from "../data/folds.js";
import {ratingFoldsFromRows} from "../data/folds.js";
import {readOfficialFolds} from "./official-folds.js";
import {readDatasetDir} from "./read-dataset-dir.js";

/** The data set in dir, validated, cleaned keeping ratings dated before release, encoded. */
export async function readRatingDataset(dir: string): Promise<Dataset> {
  return encodeDataset(cleanDataset(await readDatasetDir(dir), {beforeRelease: false}).data);
}

/** ml-100k's official folds (default u1..u5) of the data set in dir, as rating folds over its dense indices. */
export async function readOfficialRatingFolds(dir: string, names?: string[]): Promise<{dataset: Dataset; folds: RatingFold[]}> {
  const dataset = await readRatingDataset(dir);
  return {dataset, folds: ratingFoldsFromRows(dataset, officialFoldRows(dataset, await readOfficialFolds(dir, names)))};
}

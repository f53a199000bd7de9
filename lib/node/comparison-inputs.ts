/**
 * The model comparison's inputs: the workbench's set cut to the comparison's budget and its rating
 * folds (official u1..u5 on ml-100k, else 5 seeded folds). One function, so that the loader and the
 * worker threads that share its leaderboard derive the same folds from the same data and seed.
 */
import type {RatingFold} from "../data/folds.js";
import type {Dataset} from "../data/types.js";
import {BUDGETS} from "../reports/budgets.js";
import {budgeted, type Budgeted} from "./budgeted.js";
import {openDataset, type OpenedDataset} from "./open-dataset.js";

export interface ComparisonInputs {
  data: OpenedDataset;
  dataset: Dataset;
  sample: Budgeted["sample"];
  protocol: string;
  description: string;
  folds: RatingFold[];
}

/** Opens the set (cache first), applies the comparison budget, and makes its 5 rating folds. */
export async function comparisonInputs(): Promise<ComparisonInputs> {
  const data = await openDataset({clean: {beforeRelease: false}});
  const {dataset, folds: datasetFolds, sample} = budgeted(data, BUDGETS["recommender-comparison"]);
  const {protocol, description, folds} = await datasetFolds.rating(5);
  return {data, dataset, sample, protocol, description, folds: [...folds]};
}

/** The folds alone (for worker threads). */
export async function comparisonFolds(): Promise<RatingFold[]> {
  return (await comparisonInputs()).folds;
}

/**
 * Rating folds for the recommender pages: ml-100k's official u1..uN when the directory has the
 * files, else N seeded random folds of the whole set. Pages say which, from `description`.
 */
import type {RatingFold} from "../eval/evaluate-rating.js";
import {officialFoldRows} from "../data/folds.js";
import {randomRatingFolds, ratingFoldsFromRows} from "../data/folds.js";
import type {EvaluationData} from "./evaluation-data.js";
import {hasOfficialFolds} from "./open-dataset.js";
import {OFFICIAL_FOLDS, readOfficialFolds} from "./official-folds.js";

export interface RecommenderFolds {
  protocol: "official" | "k-fold";
  /** What a page says, e.g. "ml-100k's official folds u1–u5". */
  description: string;
  folds: RatingFold[];
}

/** Official folds u1..u`count` (count 2..5) when present, else `count` random folds (seeded). */
export async function recommenderFolds(data: EvaluationData, count = 5, seed = 42): Promise<RecommenderFolds> {
  if (!(Number.isInteger(count) && count >= 2 && count <= OFFICIAL_FOLDS.length)) throw new RangeError(`fold count is ${count}: expected an integer from 2 to 5`);
  if (hasOfficialFolds(data.dir)) {
    const names = OFFICIAL_FOLDS.slice(0, count);
    const rows = officialFoldRows(data.dataset, await readOfficialFolds(data.dir!, [...names]));
    return {protocol: "official", description: `${data.dataset.name}'s official folds ${names[0]}–${names[names.length - 1]}`, folds: ratingFoldsFromRows(data.dataset, rows)};
  }
  return {protocol: "k-fold", description: `${count} random folds (seed ${seed})`, folds: randomRatingFolds(data.dataset, count, seed)};
}

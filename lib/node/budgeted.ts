/**
 * An opened data set cut to a loader's budget (lib/reports/budgets.ts): the set itself when it fits
 * (with its official folds, so ml-100k's figures are unchanged), else a seeded user sample, then the
 * most-rated movies when the budget caps movies. Folds of a sample are seeded folds of the sample.
 */
import {sampleUsers, topMovies, type SampleNote} from "../data/sample.js";
import type {Dataset} from "../data/types.js";
import type {Budget} from "../reports/budgets.js";
import {datasetFolds, type DatasetFolds, type OpenedDataset} from "./open-dataset.js";

/** What a loader runs its heavy step on, and what a page says about it. */
export interface Budgeted {
  dataset: Dataset;
  folds: DatasetFolds;
  /** What was kept; kind "all" when the set fitted. */
  sample: SampleNote & {why: string | null};
}

/** The set, or its budgeted sample (users first, then movies), with folds over what is kept. */
export function budgeted(data: OpenedDataset, budget: Budget): Budgeted {
  const byUsers = sampleUsers(data.dataset, budget.maxRatings, budget.seed);
  const byMovies = budget.maxMovies === undefined ? byUsers : topMovies(byUsers.dataset, budget.maxMovies);
  const dataset = byMovies.dataset;
  if (dataset === data.dataset) return {dataset, folds: data.folds, sample: {...byUsers.note, why: null}};
  const notes = (byMovies === byUsers ? [byUsers.note] : [byUsers.note, byMovies.note]).filter((n) => n.kind !== "all");
  const full = data.dataset.ratings.rating.length;
  const kept = dataset.ratings.rating.length;
  const text =
    notes.length === 1
      ? notes[0].text
      : `${notes.map((n) => n.text).join("; then ")}; in all ${kept.toLocaleString("en-US")} of ${full.toLocaleString("en-US")} ratings`;
  const sample: SampleNote = {
    ...(notes.length === 1 ? notes[0] : byUsers.note),
    movies: {kept: dataset.movies.id.length, of: data.dataset.movies.id.length},
    users: {kept: dataset.userIds.length, of: data.dataset.userIds.length},
    ratings: {kept, of: full},
    text
  };
  return {dataset, folds: datasetFolds(dataset, null), sample: {...sample, why: budget.why}};
}

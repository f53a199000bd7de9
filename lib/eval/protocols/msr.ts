/**
 * The Microsoft Recommenders top-N benchmark protocol (examples/06_benchmarks/movielens.ipynb, the
 * cell at lines 757-762 of the notebook's JSON, commit d580143):
 *   python_stratified_split(df, ratio=0.75, min_rating=1, filter_by="item", …)
 * with the default seed=42 (python_splitters.py line 171) and DEFAULT_K = 10 (utils/constants.py
 * line 33). Note filter_by="item": the benchmark stratifies by movie, not by user, so every movie keeps
 * round(0.75·n) of its ratings in training (at least one) while a user's share varies. The split
 * itself is lib/eval/split.ts stratifiedSplitBy, which cites _do_stratification line by line. Their
 * evaluation then scores the users present in both the test part and the predictions
 * (python_evaluation.py merge_ranking_true_pred, line 409); ours ranks every user with test rows.
 * The protocol here is that split repeated over several seeds (default 5: seed, seed+1, …), one fold
 * per seed, reported as mean ± sd over seeds. Only the generator differs from theirs, so a seed gives
 * another split than numpy's seed 42.
 */
import {ratingFoldsFromRows} from "../../data/folds.js";
import type {Dataset, Ratings} from "../../data/types.js";
import {stratifiedSplitBy, type RowSplit} from "../split.js";
import type {Protocol} from "./protocol.js";

export interface MsrOptions {
  /** Training share of each group, in (0, 1) (default 0.75). */
  ratio: number;
  /** Which rows are stratified together (default "item", as the benchmark notebook). */
  filterBy: "user" | "item";
  /** Groups with fewer ratings are dropped before splitting, ≥ 1 (default 1: none dropped). */
  minRating: number;
  /** Number of split seeds, ≥ 1 (default 5). */
  seeds: number;
}

export const MSR_DEFAULTS: MsrOptions = {ratio: 0.75, filterBy: "item", minRating: 1, seeds: 5};

/** One Microsoft split of rating columns as sorted row indices (options over MSR_DEFAULTS; seeds is ignored). */
export function msrSplit(ratings: Ratings, seed: number, options: Partial<MsrOptions> = {}): RowSplit {
  const o = {...MSR_DEFAULTS, ...options};
  if (o.filterBy !== "user" && o.filterBy !== "item")
    throw new RangeError(`protocol msr: filterBy is "${String(o.filterBy)}"; expected "user" or "item"`);
  return stratifiedSplitBy(o.filterBy === "user" ? ratings.user : ratings.movie, o.ratio, seed, o.minRating);
}

/** Names of the seeds' folds: "seed42", "seed43", … */
export function msrSeeds(first: number, count: number): number[] {
  if (!(Number.isInteger(count) && count >= 1))
    throw new RangeError(`protocol msr: seeds is ${count}; expected an integer ≥ 1`);
  return Array.from({length: count}, (_, i) => first + i);
}

function describe(dataset: Dataset, o: MsrOptions, seeds: number[]): string {
  const seedText = seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds[0]}–${seeds[seeds.length - 1]}`;
  return `Microsoft Recommenders protocol on ${dataset.name}: ${Math.round(o.ratio * 100)}/${Math.round((1 - o.ratio) * 100)} split stratified by ${o.filterBy === "item" ? "movie" : "user"}, every movie unseen in training ranked; ${seedText}`;
}

export const msrProtocol: Protocol<MsrOptions> = {
  name: "msr",
  description: "Microsoft Recommenders' benchmark: 75/25 split stratified by movie, 5 split seeds (mean ± sd)",
  source:
    "microsoft/recommenders examples/06_benchmarks/movielens.ipynb; recommenders/datasets/python_splitters.py lines 47-116",
  tasks: ["ranking", "rating"],
  needs: null,
  folds(input, options = {}) {
    const o = {...MSR_DEFAULTS, ...options};
    const seeds = msrSeeds(input.seed, o.seeds);
    const rows = seeds.map((seed) => ({name: `seed${seed}`, ...msrSplit(input.dataset.ratings, seed, o)}));
    return {
      protocol: "msr",
      description: describe(input.dataset, o, seeds),
      folds: ratingFoldsFromRows(input.dataset, rows)
    };
  }
};

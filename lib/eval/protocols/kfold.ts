/** Random k-fold over every rating, as Surprise's benchmark table (KFold, 5 folds) measures. */
import {randomRatingFolds} from "../../data/folds.js";
import type {Protocol} from "./protocol.js";

export interface KFoldOptions {
  /** Number of folds, ≥ 2 (default 5, Surprise's get_cv default). */
  k: number;
}

/**
 * Surprise's KFold (surprise/model_selection/split.py lines 53-120, commit 2381fb1): every rating
 * shuffled, then cut into k contiguous chunks, the first n mod k one longer (lib/eval/split.ts kFold).
 * What matches: the cut, fold sizes and that each rating is tested exactly once. What cannot: the
 * shuffle's generator (numpy RandomState(0) in their examples/benchmark.py line 108; ours is
 * lib/random.ts), so the folds themselves differ and figures agree only within fold-to-fold noise.
 */
export const kfoldProtocol: Protocol<KFoldOptions> = {
  name: "kfold",
  description: "random k-fold over every rating (default 5), cut as Surprise's KFold; seeded",
  source: "NicolasHug/Surprise surprise/model_selection/split.py KFold.split, lines 99-120",
  tasks: ["rating", "ranking"],
  needs: null,
  folds(input, options = {}) {
    const k = options.k ?? 5;
    if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`protocol kfold: k is ${k}; expected an integer ≥ 2`);
    return {
      protocol: "kfold",
      description: `${k} random folds (seed ${input.seed}), cut as Surprise's KFold`,
      folds: randomRatingFolds(input.dataset, k, input.seed)
    };
  }
};

/**
 * The rating-model leaderboard: each model cross-validated on the first `folds` of a fold list
 * (slow models on fewer folds, said per row), RMSE and MAE mean ± sd, fit seconds, and the RMSE of
 * the first fold alone so that models run on different fold counts still compare like with like.
 */
import {evaluateRating, type MeanSd, type RatingFold} from "../eval/evaluate-rating.js";
import type {Model} from "../models/estimator.js";

export interface LeaderboardPlanEntry {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any, any>;
  description: string;
  /** How many of the folds to run (1..folds.length). */
  folds: number;
}

export interface LeaderboardRow {
  model: string;
  description: string;
  folds: string[];
  rmse: MeanSd;
  mae: MeanSd;
  /** Mean seconds to fit one fold. */
  fitSeconds: MeanSd;
  /** RMSE on the first fold (the same fold for every model). */
  firstFoldRmse: number;
  perFold: Array<{fold: string; rmse: number; mae: number; fitSeconds: number}>;
}

/** Runs every entry of the plan on its share of the folds; onModel reports progress (index, name). */
export function runLeaderboard(plan: readonly LeaderboardPlanEntry[], folds: readonly RatingFold[], onModel?: (i: number, name: string) => void): LeaderboardRow[] {
  return plan.map((p, i) => {
    onModel?.(i, p.name);
    const n = Math.max(1, Math.min(p.folds, folds.length));
    const e = evaluateRating(p.model, folds.slice(0, n));
    return {
      model: p.name, description: p.description, folds: e.folds.map((f) => f.fold),
      rmse: e.rmse, mae: e.mae, fitSeconds: e.fitSeconds, firstFoldRmse: e.folds[0].rmse,
      perFold: e.folds.map((f) => ({fold: f.fold, rmse: f.rmse, mae: f.mae, fitSeconds: f.fitSeconds}))
    };
  });
}

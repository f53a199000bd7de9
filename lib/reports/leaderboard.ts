/**
 * The rating-model leaderboard: every rating model of the registry cross-validated on the first folds
 * of a fold list (models that declare themselves slow on the first fold only, said per row), RMSE and
 * MAE mean ± sd, fit seconds, and the RMSE of the first fold alone so that models run on different
 * fold counts still compare like with like.
 */
import {crossValidate, type CrossValidateOptions, type MeanSd} from "../eval/cross-validate.js";
import type {RatingFold} from "../data/folds.js";
import type {AnyModel} from "../models/estimator.js";

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

/** How many folds a model runs on: all of them, or the first only for models that declare themselves slow. */
export function foldsFor(model: AnyModel, folds: readonly RatingFold[]): readonly RatingFold[] {
  return model.slow ? folds.slice(0, 1) : folds;
}

/** Cross-validates every model on its share of the folds; onModel reports progress (index, name). */
export async function runLeaderboard(
  models: readonly AnyModel[],
  folds: readonly RatingFold[],
  onModel?: (i: number, name: string) => void,
  options: Pick<CrossValidateOptions<unknown, never>, "fitOptions" | "signal"> = {}
): Promise<LeaderboardRow[]> {
  const rows: LeaderboardRow[] = [];
  for (const [i, model] of models.entries()) {
    onModel?.(i, model.name);
    const e = await crossValidate(model, foldsFor(model, folds), {metrics: ["rating"], ...options});
    rows.push({
      model: model.name,
      description: model.description,
      folds: e.folds.map((f) => f.fold),
      rmse: e.metrics.rmse,
      mae: e.metrics.mae,
      fitSeconds: e.fitSeconds,
      firstFoldRmse: e.folds[0].metrics.rmse,
      perFold: e.folds.map((f) => ({fold: f.fold, rmse: f.metrics.rmse, mae: f.metrics.mae, fitSeconds: f.fitSeconds}))
    });
  }
  return rows;
}

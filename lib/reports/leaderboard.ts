/**
 * The rating-model leaderboard: every rating model of the registry cross-validated on the first folds
 * of a fold list (models that declare themselves slow on the first fold only, said per row), RMSE and
 * MAE mean ± sd, fit seconds, and the RMSE of the first fold alone so that models run on different
 * fold counts still compare like with like; 95 % intervals (Student t over folds; bootstrap over users
 * for one fold and for the first-fold RMSE) and RMSE/MAE per gender and age group.
 */
import {crossValidate, type CrossValidateOptions, type MeanSd} from "../eval/cross-validate.js";
import type {RatingFold} from "../data/folds.js";
import type {AnyModel} from "../models/estimator.js";
import {groupRatingErrors, type GroupFigures} from "../eval/group-metrics.js";
import {bootstrapStatistic, tInterval, type Interval} from "../eval/intervals.js";
import {sharingFits} from "../models/fit-cache.js";
import {maeOfUsers, rmseOfUsers, type PerUserErrors} from "../eval/per-user-errors.js";

/** A 95 % interval as the leaderboard's JSON keeps it. */
export type IntervalJson = Pick<Interval, "lo" | "hi" | "method" | "n">;

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
  /** 95 % interval of the mean RMSE and MAE: t over folds, or bootstrap over users when the model ran on one fold. */
  rmseCi: IntervalJson;
  maeCi: IntervalJson;
  /** 95 % bootstrap interval over users of the first fold's RMSE. */
  firstFoldRmseCi: IntervalJson;
  /** RMSE and MAE per gender and age group, pooled over the model's folds (empty without a users table). */
  groups: GroupFigures[];
  /** The first fold's errors per user, for paired tests between models; in memory only (stripLeaderboardRow). */
  firstFoldErrors?: PerUserErrors;
}

/** An Interval as JSON (without the estimate, which the row already has). */
function intervalJson(iv: Interval): IntervalJson {
  return {lo: iv.lo, hi: iv.hi, method: iv.method, n: iv.n};
}

/** Bootstrap over users (B = 1000, seed 42) of a pooled error over one fold's per-user sums. */
export function bootstrapErrors(
  e: PerUserErrors,
  of: (e: PerUserErrors, positions: ArrayLike<number>) => number
): Interval {
  return bootstrapStatistic(e.users.length, (idx) => of(e, idx));
}

/** The row without its in-memory per-user values, for JSON. */
export function stripLeaderboardRow(row: LeaderboardRow): LeaderboardRow {
  const {firstFoldErrors: _, ...rest} = row;
  return rest;
}

/** How many folds a model runs on: all of them, or the first only for models that declare themselves slow. */
export function foldsFor(model: AnyModel, folds: readonly RatingFold[]): readonly RatingFold[] {
  return model.slow ? folds.slice(0, 1) : folds;
}

/**
 * Cross-validates every model on its share of the folds; onModel reports progress (index, name).
 * Identical expensive fits are made once (sharingFits); a row's fit seconds still count them.
 */
export async function runLeaderboard(
  models: readonly AnyModel[],
  folds: readonly RatingFold[],
  onModel?: (i: number, name: string) => void,
  options: Pick<CrossValidateOptions<unknown, never>, "fitOptions" | "signal"> = {}
): Promise<LeaderboardRow[]> {
  // Fits shared between models (the blend re-makes BPMF's selection fits): same figures, fewer seconds.
  const {result} = await sharingFits(() => leaderboardRows(models, folds, onModel, options));
  return result;
}

async function leaderboardRows(
  models: readonly AnyModel[],
  folds: readonly RatingFold[],
  onModel: ((i: number, name: string) => void) | undefined,
  options: Pick<CrossValidateOptions<unknown, never>, "fitOptions" | "signal">
): Promise<LeaderboardRow[]> {
  const rows: LeaderboardRow[] = [];
  for (const [i, model] of models.entries()) {
    onModel?.(i, model.name);
    const e = await crossValidate(model, foldsFor(model, folds), {metrics: ["rating"], ...options});
    const errors = e.folds.map((f) => f.perUser!.errors!);
    const one = e.folds.length === 1;
    const users = foldsFor(model, folds)[0].train.source?.dataset.users;
    rows.push({
      model: model.name,
      description: model.description,
      folds: e.folds.map((f) => f.fold),
      rmse: e.metrics.rmse,
      mae: e.metrics.mae,
      fitSeconds: e.fitSeconds,
      firstFoldRmse: e.folds[0].metrics.rmse,
      perFold: e.folds.map((f) => ({fold: f.fold, rmse: f.metrics.rmse, mae: f.metrics.mae, fitSeconds: f.fitSeconds})),
      rmseCi: intervalJson(
        one ? bootstrapErrors(errors[0], rmseOfUsers) : tInterval(e.folds.map((f) => f.metrics.rmse))
      ),
      maeCi: intervalJson(one ? bootstrapErrors(errors[0], maeOfUsers) : tInterval(e.folds.map((f) => f.metrics.mae))),
      firstFoldRmseCi: intervalJson(bootstrapErrors(errors[0], rmseOfUsers)),
      groups: users ? groupRatingErrors(errors, users) : [],
      firstFoldErrors: errors[0]
    });
  }
  return rows;
}

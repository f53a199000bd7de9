/**
 * Which rating models can the data tell from the best? For each group of models measured on the same
 * folds: the paired t-test over folds against the group's best (lowest mean RMSE), or, for a group on
 * one fold, the paired bootstrap over that fold's users of the RMSE difference; and the same bootstrap
 * for every model's first-fold RMSE against the best there, since every model is scored on that fold.
 */
import {compareWithBest, pairedBootstrap, type PairedTest} from "../eval/paired-tests.js";
import {rmseOfUsers, type PerUserErrors} from "../eval/per-user-errors.js";
import {foldsLabel, groupByFolds} from "./leaderboard-groups.js";
import type {LeaderboardRow} from "./leaderboard.js";
import {versusBestJson, type VersusBestJson} from "./metric-interval.js";

export interface LeaderboardTests {
  /** Per group of folds: its label, best model and each model's test against it (null for the best). */
  groups: Array<{
    folds: string;
    best: string;
    indistinguishable: string[];
    versus: Record<string, VersusBestJson | null>;
  }>;
  /** On the first fold, every model against the best there. */
  firstFold: {fold: string; best: string; indistinguishable: string[]; versus: Record<string, VersusBestJson | null>};
}

/** RMSE difference a − b over the same users of one fold, by the paired bootstrap. */
function versusOnFold(a: PerUserErrors, b: PerUserErrors, what: string): PairedTest {
  if (a.users.length !== b.users.length || a.users.some((u, i) => u !== b.users[i]))
    throw new RangeError(`${what}: models scored on different users; expected the same fold for both`);
  return pairedBootstrap(
    a.users.length,
    (idx) => rmseOfUsers(a, idx),
    (idx) => rmseOfUsers(b, idx)
  );
}

function errorsOf(row: LeaderboardRow): PerUserErrors {
  if (!row.firstFoldErrors) throw new RangeError(`leaderboardTests: ${row.model} kept no per-user errors`);
  return row.firstFoldErrors;
}

/** Paired tests of every leaderboard row against the best of its fold group and of the first fold. */
export function leaderboardTests(rows: readonly LeaderboardRow[]): LeaderboardTests {
  const groups = groupByFolds(rows).map((g) => {
    const versus: Record<string, VersusBestJson | null> = {};
    let best: string;
    if (g.folds.length >= 2) {
      const c = compareWithBest(
        g.rows.map((r) => ({name: r.model, values: r.perFold.map((f) => f.rmse)})),
        {lowerIsBetter: true, units: "folds"}
      );
      best = c.best;
      for (const r of c.rows) versus[r.name] = r.test ? versusBestJson(best, r.test) : null;
    } else {
      best = g.rows[0].model;
      for (const r of g.rows)
        versus[r.model] =
          r.model === best ? null : versusBestJson(best, versusOnFold(errorsOf(r), errorsOf(g.rows[0]), r.model));
    }
    return {folds: foldsLabel(g.folds), best, indistinguishable: indistinguishable(versus), versus};
  });
  const bestFirst = rows.reduce((a, b) => (b.firstFoldRmse < a.firstFoldRmse ? b : a));
  const versus: Record<string, VersusBestJson | null> = {};
  for (const r of rows)
    versus[r.model] =
      r === bestFirst ? null : versusBestJson(bestFirst.model, versusOnFold(errorsOf(r), errorsOf(bestFirst), r.model));
  return {
    groups,
    firstFold: {fold: rows[0].folds[0], best: bestFirst.model, indistinguishable: indistinguishable(versus), versus}
  };
}

function indistinguishable(versus: Record<string, VersusBestJson | null>): string[] {
  return Object.entries(versus)
    .filter(([, v]) => v?.indistinguishable)
    .map(([name]) => name);
}

/**
 * Whether a re-run gave the recorded figures: every per-fold field but the timings must be the same
 * double (Object.is: bit for bit, JSON keeps a double's exact value), and the folds the same.
 */
import type {RecommenderCvJson} from "../reports/cv-result.js";
import {isTiming} from "./record.js";

/** One field that differs between the record and the re-run. */
export interface FoldDifference {
  fold: string;
  field: string;
  /** The recorded value (undefined when the record lacks it). */
  recorded: number | string | undefined;
  /** The re-run's value (undefined when the re-run lacks it). */
  rerun: number | string | undefined;
}

/** Every per-fold difference between a record and its re-run (empty when bit-identical, timings excluded). */
export function foldDifferences(recorded: RecommenderCvJson, rerun: RecommenderCvJson): FoldDifference[] {
  const out: FoldDifference[] = [];
  const names = [...new Set([...recorded.folds, ...rerun.folds].map((f) => f.fold))];
  for (const fold of names) {
    const a = recorded.folds.find((f) => f.fold === fold);
    const b = rerun.folds.find((f) => f.fold === fold);
    if (a === undefined || b === undefined) {
      out.push({
        fold,
        field: "(fold)",
        recorded: a === undefined ? undefined : fold,
        rerun: b === undefined ? undefined : fold
      });
      continue;
    }
    const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== "fold" && !isTiming(k));
    for (const field of fields)
      if (!Object.is(a[field], b[field])) out.push({fold, field, recorded: a[field], rerun: b[field]});
  }
  return out;
}

/** How many per-fold values the check compared (fields other than timings, over the recorded folds). */
export function comparedValues(recorded: RecommenderCvJson): number {
  return recorded.folds.reduce((s, f) => s + Object.keys(f).filter((k) => k !== "fold" && !isTiming(k)).length, 0);
}

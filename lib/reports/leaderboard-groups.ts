/**
 * Presenting the leaderboard honestly: models measured on different folds are not ranked against each
 * other (a mean over u1 alone is not comparable with a mean over u1–u5, and u1 is the hardest fold),
 * and one fold has no spread to report.
 */
import type {LeaderboardRow} from "./leaderboard.js";

/** Rows measured on the same folds, best mean RMSE first. */
export interface FoldGroup<T> {
  folds: string[];
  /** e.g. "u1–u5 (5 folds)" or "u1 only". */
  label: string;
  rows: T[];
}

/** Groups rows by their folds (the group with most folds first), each sorted by mean RMSE. */
export function groupByFolds<T extends Pick<LeaderboardRow, "folds" | "rmse">>(rows: readonly T[]): FoldGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = row.folds.join(" ");
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()]
    .map((members) => {
      const folds = [...members[0].folds];
      const label = folds.length === 1 ? `${folds[0]} only` : `${foldsLabel(folds)} (${folds.length} folds)`;
      return {folds, label, rows: [...members].sort((a, b) => a.rmse.mean - b.rmse.mean)};
    })
    .sort((a, b) => b.folds.length - a.folds.length);
}

/** Folds as a short label: "u1–u5" for a consecutive run of numbered folds, else joined with spaces. */
export function foldsLabel(folds: readonly string[]): string {
  const m = folds.map((f) => /^(.*?)(\d+)$/.exec(f));
  const consecutive =
    folds.length > 2 && m.every((x, i) => x !== null && x[1] === m[0]![1] && Number(x[2]) === Number(m[0]![2]) + i);
  return consecutive ? `${folds[0]}–${folds[folds.length - 1]}` : folds.join(" ");
}

/** A standard deviation over `n` folds as text: "—" for one fold, where there is no spread to measure. */
export function sdText(sd: number, n: number, digits = 4): string {
  return n < 2 ? "—" : sd.toFixed(digits);
}

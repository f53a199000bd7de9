/**
 * Two runs compared fold by fold. Fold scores of two models on the same folds are paired (the same
 * test ratings), so the difference per fold carries far less noise than the two means' sds suggest;
 * the pairing holds only when both runs read the same data (fingerprint) under the same protocol and
 * split seed with the same folds. Otherwise the comparison says why it is not made.
 */
import type {RecommenderCvJson} from "../reports/cv-result.js";
import {foldMetric, lowerIsBetter} from "./record.js";

/** Why two runs' folds cannot be paired (empty when they can). */
export function whyNotPaired(a: RecommenderCvJson, b: RecommenderCvJson): string[] {
  const why: string[] = [];
  if (a.fingerprint !== b.fingerprint)
    why.push(`different data: fingerprints ${a.fingerprint.slice(0, 19)}… and ${b.fingerprint.slice(0, 19)}…`);
  if (a.protocol !== b.protocol) why.push(`different protocols: ${a.protocol} and ${b.protocol}`);
  else if (a.protocol !== "official" && a.seed !== b.seed) why.push(`different split seeds: ${a.seed} and ${b.seed}`);
  const fa = a.folds.map((f) => f.fold).join(",");
  const fb = b.folds.map((f) => f.fold).join(",");
  if (fa !== fb) why.push(`different folds: ${fa} and ${fb}`);
  return why;
}

/** The paired difference b − a of one metric over the shared folds. */
export interface PairedDifference {
  metric: string;
  /** Folds where both runs have the metric. */
  n: number;
  /** Mean of b − a over the folds. */
  mean: number;
  /** Sample sd of b − a (0 with one fold). */
  sd: number;
  /** Paired t statistic mean / (sd / √n), n − 1 degrees of freedom; null with one fold or sd 0. */
  t: number | null;
  /** Folds where b is better than a (lower for errors, higher for the rest). */
  bBetter: number;
  /** Folds where a is better than b. */
  aBetter: number;
}

/** Paired differences b − a of every metric both runs have on every fold (call only when whyNotPaired is empty). */
export function pairedDifferences(a: RecommenderCvJson, b: RecommenderCvJson): PairedDifference[] {
  const metrics = Object.keys(a.folds[0]).filter(
    (k) => k !== "fold" && !k.endsWith("_seconds") && !["n_train", "n_test", "fallbacks", "users"].includes(k)
  );
  const out: PairedDifference[] = [];
  for (const metric of metrics) {
    const d: number[] = [];
    let aBetter = 0;
    let bBetter = 0;
    a.folds.forEach((fa, i) => {
      const x = foldMetric(fa, metric);
      const y = foldMetric(b.folds[i], metric);
      if (x === undefined || y === undefined) return;
      d.push(y - x);
      const bWins = lowerIsBetter(metric) ? y < x : y > x;
      const aWins = lowerIsBetter(metric) ? x < y : x > y;
      if (bWins) bBetter++;
      if (aWins) aBetter++;
    });
    if (d.length === 0) continue;
    const n = d.length;
    const mean = d.reduce((s, x) => s + x, 0) / n;
    const sd = n > 1 ? Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
    out.push({metric, n, mean, sd, t: n > 1 && sd > 0 ? mean / (sd / Math.sqrt(n)) : null, aBetter, bBetter});
  }
  return out;
}

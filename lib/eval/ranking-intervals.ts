/**
 * 95 % intervals of the per-user ranking metrics of one split (bootstrap over users, seeded), and each
 * model's paired test against the best on the same users. Catalogue-wide figures (coverage, distributional
 * coverage, exposure Gini) have no per-user value and so no interval here: resampling users repeats lists,
 * which lowers them by construction.
 */
import type {PerUserRankingMetric, RankingPerUser} from "./evaluate-ranking.js";
import {bootstrapMean, type BootstrapOptions, type Interval} from "./intervals.js";
import {compareWithBest, type VersusBest} from "./paired-tests.js";

/** The per-user metrics given intervals, in display order. */
export const INTERVAL_METRICS: readonly PerUserRankingMetric[] = [
  "precision",
  "recall",
  "ndcg",
  "map",
  "mapMsrOld",
  "hitRate",
  "novelty",
  "diversity",
  "arp"
];

/** Keeps the users whose value is a number (novelty and diversity are NaN for some lists). */
function finite(values: Float64Array): Float64Array {
  return values.some(Number.isNaN) ? values.filter((x) => !Number.isNaN(x)) : values;
}

/** Bootstrap interval over users of every per-user metric at one cut-off (B = 1000, seed 42 unless asked); null when no user has a value. */
export function rankingIntervals(
  columns: Record<PerUserRankingMetric, Float64Array>,
  options: BootstrapOptions = {}
): Record<PerUserRankingMetric, Interval | null> {
  const out = {} as Record<PerUserRankingMetric, Interval | null>;
  for (const m of INTERVAL_METRICS) {
    const v = finite(columns[m]);
    out[m] = v.length > 0 ? bootstrapMean(v, options) : null;
  }
  return out;
}

/**
 * Each model's per-user metric at byK[kIndex] against the best model's on the same users (sign-flip
 * test, B = 1000 unless asked). Every model must have been ranked on the same split.
 */
export function rankingVersusBest(
  models: readonly {name: string; perUser: RankingPerUser}[],
  metric: PerUserRankingMetric,
  kIndex: number,
  options: {resamples?: number; seed?: number} = {}
): {best: string; rows: VersusBest[]} {
  const users = models[0]?.perUser.users;
  for (const m of models)
    if (m.perUser.users.length !== users.length || m.perUser.users.some((u, i) => u !== users[i]))
      throw new RangeError(
        `rankingVersusBest: ${m.name} was ranked on other users; expected one split for every model`
      );
  return compareWithBest(
    models.map((m) => ({name: m.name, values: m.perUser.byK[kIndex][metric]})),
    {lowerIsBetter: false, units: "users", ...options}
  );
}

/**
 * The Ranking page's leaderboard at one cut-off: every model's accuracy and beyond-accuracy figures on one
 * split, 95 % bootstrap intervals over users, a sign-flip test of each model against the best by nDCG on
 * the same users, and the figures per gender and age group. Per-user arrays stay in memory; this is what
 * goes to JSON.
 */
import type {Users} from "../data/types.js";
import type {RankingResult} from "../eval/evaluate-ranking.js";
import {groupMeans, type GroupFigures} from "../eval/group-metrics.js";
import {rankingIntervals, rankingVersusBest} from "../eval/ranking-intervals.js";
import {metricInterval, versusBestJson, type Ci95, type VersusBestJson} from "./metric-interval.js";
import {rankMetricsJson} from "./rank-result.js";

export interface RankingLeaderboardRow {
  model: string;
  label: string;
  /** Every metric at k under its JSON name (precision, ndcg, map, map_msr_old, novelty, exposure_gini …). */
  metrics: ReturnType<typeof rankMetricsJson>;
  ci95: Ci95;
  /** Null for the best model itself. */
  versusBest: VersusBestJson | null;
  /** nDCG, precision and recall at k per gender and age group (empty when the set has no users table). */
  groups: GroupFigures[];
}

export interface RankingLeaderboard {
  k: number;
  /** The metric the best model is chosen by and the tests are run on. */
  metric: "ndcg";
  best: string;
  /** Models the sign-flip test cannot tell from the best (p ≥ 0.05). */
  indistinguishable: string[];
  rows: RankingLeaderboardRow[];
}

/** The leaderboard at byK[kIndex] of models ranked on one split (each result must keep its perUser). */
export function rankingLeaderboard(
  entries: readonly {name: string; label: string; result: RankingResult}[],
  kIndex: number,
  users?: Users,
  options: {resamples?: number; seed?: number} = {}
): RankingLeaderboard {
  const withUsers = entries.map((e) => {
    if (!e.result.perUser) throw new RangeError(`rankingLeaderboard: ${e.name} kept no per-user values`);
    return {...e, perUser: e.result.perUser};
  });
  const versus = rankingVersusBest(withUsers, "ndcg", kIndex, options);
  const rows = withUsers.map((e, i): RankingLeaderboardRow => {
    const columns = e.perUser.byK[kIndex];
    const t = versus.rows[i].test;
    return {
      model: e.name,
      label: e.label,
      metrics: rankMetricsJson(e.result.byK[kIndex]),
      ci95: metricInterval.fromRanking(rankingIntervals(columns, {resamples: options.resamples, seed: options.seed})),
      versusBest: t ? versusBestJson(versus.best, t) : null,
      groups: users
        ? groupMeans(e.perUser.users, {ndcg: columns.ndcg, precision: columns.precision, recall: columns.recall}, users)
        : []
    };
  });
  return {
    k: entries[0].result.byK[kIndex].k,
    metric: "ndcg",
    best: versus.best,
    indistinguishable: rows.filter((r) => r.versusBest?.indistinguishable).map((r) => r.model),
    rows
  };
}

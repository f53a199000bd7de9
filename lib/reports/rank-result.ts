/** The JSON shape of a top-N evaluation (snake_case, as `movielab rank` prints it) and its text form. */
import type {RankingResult} from "../eval/evaluate-ranking.js";
import type {RankingSummary} from "../eval/ranking-metrics.js";
import {rankingIntervals} from "../eval/ranking-intervals.js";
import {metricInterval, type Ci95} from "./metric-interval.js";

export interface RankJson {
  dataset: string;
  model: string;
  description: string;
  protocol: string;
  seed: number;
  k: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  map_msr_old: number;
  hit_rate: number;
  coverage: number;
  distributional_coverage: number;
  exposure_gini: number;
  novelty: number;
  diversity: number;
  arp: number;
  users: number;
  /** 95 % bootstrap intervals over users (B = 1000, seed 42) of the per-user metrics, [lo, hi]. */
  ci95?: Ci95;
  fit_seconds: number;
  rank_seconds: number;
}

/** The protocol sentence shared by the CLI and the Ranking page. */
export const MICROSOFT_PROTOCOL =
  "Microsoft Recommenders protocol: 75/25 split stratified by user, every movie unseen in training ranked";

/** One cut-off's metrics under the JSON names (snake_case), in the CLI's order. */
export function rankMetricsJson(s: RankingSummary) {
  return {
    k: s.k,
    precision: s.precision,
    recall: s.recall,
    ndcg: s.ndcg,
    map: s.map,
    map_msr_old: s.mapMsrOld,
    hit_rate: s.hitRate,
    coverage: s.coverage,
    distributional_coverage: s.distributionalCoverage,
    exposure_gini: s.exposureGini,
    novelty: s.novelty,
    diversity: s.diversity,
    arp: s.arp,
    users: s.users
  };
}

/** The first cut-off's summary of a ranking result in the CLI's JSON shape. */
export function rankToJson(
  r: RankingResult,
  meta: {dataset: string; model: string; description: string; seed: number}
): RankJson {
  return {
    ...meta,
    protocol: MICROSOFT_PROTOCOL,
    ...rankMetricsJson(r.byK[0]),
    ...(r.perUser ? {ci95: metricInterval.fromRanking(rankingIntervals(r.perUser.byK[0]))} : {}),
    fit_seconds: r.fitSeconds,
    rank_seconds: r.rankSeconds
  };
}

/** Text form: one metric per line. */
export function formatRank(r: RankJson): string {
  const v = (name: keyof Ci95 & keyof RankJson) => metricInterval.text(r[name] as number, r.ci95?.[name]);
  const rows: [string, string][] = [
    [`precision@${r.k}`, v("precision")],
    [`recall@${r.k}`, v("recall")],
    [`ndcg@${r.k}`, v("ndcg")],
    [`map@${r.k}`, v("map")],
    [`map_msr_old@${r.k}`, v("map_msr_old")],
    [`hit_rate@${r.k}`, v("hit_rate")],
    ["coverage", r.coverage.toFixed(4)],
    ["distributional coverage (bits)", r.distributional_coverage.toFixed(4)],
    ["exposure gini", r.exposure_gini.toFixed(4)],
    ["novelty (bits)", v("novelty")],
    ["diversity (genres)", v("diversity")],
    ["arp (ratings)", v("arp")],
    ["users", String(r.users)],
    ["fit seconds", r.fit_seconds.toFixed(3)],
    ["rank seconds", r.rank_seconds.toFixed(3)]
  ];
  return [
    `${r.dataset}: model ${r.model} (${r.description})`,
    `${r.protocol}, split seed ${r.seed}${r.ci95 ? "; [95 % bootstrap interval over users, B = 1000]" : ""}`,
    "",
    ...rows.map(([a, b]) => `  ${a.padEnd(31)}${b.padStart(r.ci95 ? 28 : 10)}`),
    ""
  ].join("\n");
}

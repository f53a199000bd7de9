/** The JSON shape of a top-N evaluation (snake_case, as `movielab rank` prints it) and its text form. */
import type {RankingResult} from "../eval/evaluate-ranking.js";
import type {RankingSummary} from "../eval/ranking-metrics.js";

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
  hit_rate: number;
  coverage: number;
  users: number;
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
    hit_rate: s.hitRate,
    coverage: s.coverage,
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
    fit_seconds: r.fitSeconds,
    rank_seconds: r.rankSeconds
  };
}

/** Text form: one metric per line. */
export function formatRank(r: RankJson): string {
  const rows: [string, string][] = [
    [`precision@${r.k}`, r.precision.toFixed(4)],
    [`recall@${r.k}`, r.recall.toFixed(4)],
    [`ndcg@${r.k}`, r.ndcg.toFixed(4)],
    [`map@${r.k}`, r.map.toFixed(4)],
    [`hit_rate@${r.k}`, r.hit_rate.toFixed(4)],
    ["coverage", r.coverage.toFixed(4)],
    ["users", String(r.users)],
    ["fit seconds", r.fit_seconds.toFixed(3)],
    ["rank seconds", r.rank_seconds.toFixed(3)]
  ];
  return [
    `${r.dataset}: model ${r.model} (${r.description})`,
    `${r.protocol}, split seed ${r.seed}`,
    "",
    ...rows.map(([a, b]) => `  ${a.padEnd(14)}${b.padStart(10)}`),
    ""
  ].join("\n");
}

/**
 * The JSON shape of a top-N evaluation (snake_case, as `movielab rank` prints it) and its text form:
 * the protocol's name and sentence, each fold's (each split seed's) figures, and each metric's mean ±
 * sample sd over the folds.
 */
import {meanSd, type CvSummary, type FoldScore, type MeanSd} from "../eval/cross-validate.js";
import type {ProtocolName} from "../eval/protocols/index.js";
import type {RankingSummary} from "../eval/ranking-metrics.js";

/** The ranking metrics `movielab rank` reports, in its order (each in [0, 1]). */
export const RANK_METRICS = ["precision", "recall", "ndcg", "map", "hit_rate", "coverage"] as const;
export type RankMetric = (typeof RANK_METRICS)[number];

/** One fold's (one split seed's) figures. */
export type RankFoldJson = {
  fold: string;
  users: number;
  n_train: number;
  n_test: number;
  fit_seconds: number;
  /** Seconds to predict the test ratings and to rank and score every test user's list. */
  rank_seconds: number;
} & Record<RankMetric, number>;

export type RankJson = {
  dataset: string;
  model: string;
  description: string;
  protocol: ProtocolName;
  /** The protocol's sentence (split, seeds, rows dropped). */
  protocol_description: string;
  /** The first split seed (msr: seed, seed+1, …) and the model's seed. */
  seed: number;
  k: number;
  folds: RankFoldJson[];
  fit_seconds: MeanSd;
  rank_seconds: MeanSd;
} & Record<RankMetric, MeanSd>;

/** The Microsoft protocol's sentence for pages that show one split of it. */
export const MICROSOFT_PROTOCOL =
  'Microsoft Recommenders protocol: 75/25 split stratified by movie (their benchmark\'s filter_by="item"), every movie unseen in training ranked';

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

/** The harness's summary of a ranking run (metrics at k, named as scoreFold names them) as `movielab rank`'s JSON. */
export function rankCvToJson(
  e: CvSummary,
  meta: Pick<RankJson, "dataset" | "model" | "description" | "protocol" | "protocol_description" | "seed" | "k"> & {
    /** Per fold: test users ranked and seconds from prediction to scored lists. */
    users: readonly number[];
    rankSeconds: readonly number[];
  }
): RankJson {
  const at = (m: RankMetric) => `${m}@${meta.k}`;
  const folds = e.folds.map((f: FoldScore, i): RankFoldJson => {
    const metrics = Object.fromEntries(RANK_METRICS.map((m) => [m, f.metrics[at(m)]])) as Record<RankMetric, number>;
    return {
      fold: f.fold,
      ...metrics,
      users: meta.users[i],
      n_train: f.nTrain,
      n_test: f.nTest,
      fit_seconds: f.fitSeconds,
      rank_seconds: meta.rankSeconds[i]
    };
  });
  const summary = Object.fromEntries(RANK_METRICS.map((m) => [m, e.metrics[at(m)]])) as Record<RankMetric, MeanSd>;
  return {
    dataset: meta.dataset,
    model: meta.model,
    description: meta.description,
    protocol: meta.protocol,
    protocol_description: meta.protocol_description,
    seed: meta.seed,
    k: meta.k,
    ...summary,
    folds,
    fit_seconds: e.fitSeconds,
    rank_seconds: meanSd(meta.rankSeconds)
  };
}

/** Text form: one row per fold, then mean ± sd. */
export function formatRank(r: RankJson): string {
  const w = 13;
  const cell = (s: string) => s.padStart(w);
  const names = RANK_METRICS.map((m) => (m === "coverage" ? m : `${m}@${r.k}`));
  const lines = [
    `${r.dataset}: model ${r.model} (${r.description})`,
    `protocol ${r.protocol}: ${r.protocol_description}`,
    "",
    `${"fold".padEnd(10)}${names.map((n) => cell(n)).join("")}${cell("users")}${cell("fit s")}`
  ];
  for (const f of r.folds)
    lines.push(
      `${f.fold.padEnd(10)}${RANK_METRICS.map((m) => cell(f[m].toFixed(4))).join("")}${cell(String(f.users))}${cell(f.fit_seconds.toFixed(3))}`
    );
  lines.push(
    `${"mean".padEnd(10)}${RANK_METRICS.map((m) => cell(r[m].mean.toFixed(4))).join("")}${cell("")}${cell(r.fit_seconds.mean.toFixed(3))}`,
    `${"sd".padEnd(10)}${RANK_METRICS.map((m) => cell(r[m].sd.toFixed(4))).join("")}`,
    ""
  );
  return lines.join("\n");
}

/**
 * The JSON shape of a top-N evaluation (snake_case, as `movielab rank` prints it) and its text form:
 * the protocol's name and sentence, each fold's (each split seed's) figures, each metric's mean ±
 * sample sd over the folds, and its 95 % interval: Student's t over folds when there are several,
 * else a bootstrap over the users of the one split (catalogue-wide figures get none there).
 */
import {meanSd, type CvSummary, type FoldScore, type MeanSd} from "../eval/cross-validate.js";
import {bootstrapMean, tInterval} from "../eval/intervals.js";
import type {ProtocolName} from "../eval/protocols/index.js";
import type {RankingSummary} from "../eval/ranking-metrics.js";
import {metricInterval, type Ci95} from "./metric-interval.js";

/** The ranking metrics `movielab rank` reports, in its order (see ranking-metrics.ts and beyond-accuracy.ts for units). */
export const RANK_METRICS = [
  "precision",
  "recall",
  "ndcg",
  "map",
  "map_msr_old",
  "hit_rate",
  "coverage",
  "distributional_coverage",
  "exposure_gini",
  "novelty",
  "diversity",
  "arp"
] as const;
export type RankMetric = (typeof RANK_METRICS)[number];

/** Figures of the whole catalogue, with no value per user: no bootstrap over users applies to them. */
const CATALOGUE: ReadonlySet<RankMetric> = new Set(["coverage", "distributional_coverage", "exposure_gini"]);

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
  /** 95 % intervals [lo, hi] by metric; how they were made in ci_method. */
  ci95: Ci95;
  ci_method: "t over folds" | "bootstrap over users (B = 1000, seed 42)";
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

/** 95 % intervals of every metric: t over folds (≥ 2 folds), else bootstrap over the one fold's users. */
function intervalsOf(e: CvSummary, k: number): {ci95: Ci95; method: RankJson["ci_method"]} {
  const ci95: Ci95 = {};
  if (e.folds.length >= 2) {
    for (const m of RANK_METRICS) {
      const iv = tInterval(e.folds.map((f) => f.metrics[`${m}@${k}`]));
      if (iv.method !== "none") ci95[m] = [iv.lo, iv.hi];
    }
    return {ci95, method: "t over folds"};
  }
  const values = e.folds[0].perUser?.ranking?.values;
  if (values)
    for (const m of RANK_METRICS) {
      const column = !CATALOGUE.has(m) ? values[`${m}@${k}`] : undefined;
      const finite = column?.filter((x) => !Number.isNaN(x));
      if (finite && finite.length > 0) {
        const iv = bootstrapMean(finite);
        ci95[m] = [iv.lo, iv.hi];
      }
    }
  return {ci95, method: "bootstrap over users (B = 1000, seed 42)"};
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
  const {ci95, method} = intervalsOf(e, meta.k);
  return {
    dataset: meta.dataset,
    model: meta.model,
    description: meta.description,
    protocol: meta.protocol,
    protocol_description: meta.protocol_description,
    seed: meta.seed,
    k: meta.k,
    ...summary,
    ci95,
    ci_method: method,
    folds,
    fit_seconds: e.fitSeconds,
    rank_seconds: meanSd(meta.rankSeconds)
  };
}

/** Text form: one row per metric, one column per fold, then mean, sd and the 95 % interval. */
export function formatRank(r: RankJson): string {
  const w = 10;
  const cell = (s: string) => s.padStart(w);
  const label = (m: RankMetric) => (!CATALOGUE.has(m) && m !== "arp" ? `${m}@${r.k}` : m);
  const lines = [
    `${r.dataset}: model ${r.model} (${r.description})`,
    `protocol ${r.protocol}: ${r.protocol_description}`,
    `95 % intervals: ${r.ci_method}`,
    "",
    `${"metric".padEnd(26)}${r.folds.map((f) => cell(f.fold)).join("")}${cell("mean")}${cell("sd")}  95 % CI`
  ];
  for (const m of RANK_METRICS) {
    const ci = r.ci95[m];
    lines.push(
      `${label(m).padEnd(26)}${r.folds.map((f) => cell(f[m].toFixed(4))).join("")}${cell(r[m].mean.toFixed(4))}${cell(r[m].sd.toFixed(4))}  ${ci ? metricInterval.text(r[m].mean, ci).replace(/^\S+ /, "") : ""}`
    );
  }
  lines.push(
    `${"users".padEnd(26)}${r.folds.map((f) => cell(String(f.users))).join("")}`,
    `${"fit seconds".padEnd(26)}${r.folds.map((f) => cell(f.fit_seconds.toFixed(3))).join("")}${cell(r.fit_seconds.mean.toFixed(3))}`,
    ""
  );
  return lines.join("\n");
}

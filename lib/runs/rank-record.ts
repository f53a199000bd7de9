/**
 * A top-N evaluation as a run record of the same family as cross-validation's: each split seed is a
 * fold (its metrics at k, its sizes and timings), and the summary is mean ± sd over seeds, so that
 * `runs list|show|compare|reproduce` and the pages read rank runs and cv runs alike.
 */
import {meanSd} from "../eval/cross-validate.js";
import type {RankingSummary} from "../eval/ranking-metrics.js";
import type {CvFoldJson} from "../reports/cv-result.js";
import {cliRecordHead, type RunRecord} from "./record.js";

/** One split seed's result. */
export interface RankSeedResult {
  seed: number;
  summary: RankingSummary;
  fitSeconds: number;
  rankSeconds: number;
  nTrain: number;
  nTest: number;
}

/** What the record says beyond the per-seed results. */
export interface RankRunMeta {
  dataset: string;
  fingerprint: string;
  n_ratings: number;
  model: string;
  description: string;
  params: Record<string, unknown>;
  wall_seconds: number;
  created_at?: string;
  id?: string;
}

/** The metric columns of one cut-off, under the harness's names (lib/eval/cross-validate.ts). */
function metricsAtK(s: RankingSummary): Record<string, number> {
  return {
    [`precision@${s.k}`]: s.precision,
    [`recall@${s.k}`]: s.recall,
    [`ndcg@${s.k}`]: s.ndcg,
    [`map@${s.k}`]: s.map,
    [`hit_rate@${s.k}`]: s.hitRate,
    [`coverage@${s.k}`]: s.coverage,
    users: s.users
  };
}

/** The run record of one or more seeds of the Microsoft protocol (protocol "msr"; seed = the first split seed). */
export function rankRunRecord(seeds: readonly RankSeedResult[], meta: RankRunMeta): RunRecord {
  if (seeds.length === 0) throw new RangeError("rankRunRecord: no seeds; expected at least one");
  const folds: CvFoldJson[] = seeds.map((s) => ({
    fold: `seed${s.seed}`,
    ...metricsAtK(s.summary),
    fit_seconds: s.fitSeconds,
    predict_seconds: s.rankSeconds,
    n_train: s.nTrain,
    n_test: s.nTest,
    fallbacks: 0
  }));
  const names = Object.keys(metricsAtK(seeds[0].summary));
  return {
    ...cliRecordHead("rank", meta.created_at, meta.id),
    dataset: meta.dataset,
    fingerprint: meta.fingerprint,
    n_ratings: meta.n_ratings,
    model: meta.model,
    description: meta.description,
    protocol: "msr",
    seed: seeds[0].seed,
    params: meta.params,
    folds,
    fit_seconds: meanSd(seeds.map((s) => s.fitSeconds)),
    predict_seconds: meanSd(seeds.map((s) => s.rankSeconds)),
    wall_seconds: meta.wall_seconds,
    metrics: Object.fromEntries(names.map((n) => [n, meanSd(folds.map((f) => f[n] as number))]))
  };
}

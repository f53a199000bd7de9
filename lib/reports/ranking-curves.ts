/** Precision, recall and nDCG at every cut-off k = 1..kMax for several models on one ranking split. */
import {evaluateRanking, type RankingResult, type RankingSplit} from "../eval/evaluate-ranking.js";
import type {Model} from "../models/estimator.js";

export interface RankingCurve {
  model: string;
  label: string;
  fitSeconds: number;
  /** Index i holds k = i + 1. */
  precision: number[];
  recall: number[];
  ndcg: number[];
  map: number[];
  hitRate: number[];
  coverage: number[];
}

export interface RankingPlanEntry {
  name: string;
  label: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any, any>;
  params?: Record<string, unknown>;
}

/**
 * Fits each model once on split.train and summarises its lists at k = 1..kMax (kMax ≥ 1); onResult gets
 * each model's full result (with its per-user values) for intervals and paired tests.
 */
export function rankingCurves(
  plan: readonly RankingPlanEntry[],
  split: RankingSplit,
  kMax = 20,
  onModel?: (i: number, name: string) => void,
  onResult?: (entry: RankingPlanEntry, result: RankingResult) => void
): RankingCurve[] {
  const ks = Array.from({length: kMax}, (_, i) => i + 1);
  return plan.map((p, i) => {
    onModel?.(i, p.name);
    const r = evaluateRanking(p.model, split, ks, p.params);
    onResult?.(p, r);
    return {
      model: p.name,
      label: p.label,
      fitSeconds: r.fitSeconds,
      precision: r.byK.map((s) => s.precision),
      recall: r.byK.map((s) => s.recall),
      ndcg: r.byK.map((s) => s.ndcg),
      map: r.byK.map((s) => s.map),
      hitRate: r.byK.map((s) => s.hitRate),
      coverage: r.byK.map((s) => s.coverage)
    };
  });
}

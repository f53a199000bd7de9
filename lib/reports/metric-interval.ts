/**
 * Uncertainty as JSON and text: confidence intervals under snake_case names as [lo, hi] pairs ("0.4770
 * [0.4680, 0.4860]" in text), and a paired test against the best model.
 */
import {RANKING_JSON_NAMES, type PerUserRankingMetric} from "../eval/evaluate-ranking.js";
import type {Interval} from "../eval/intervals.js";
import type {PairedTest} from "../eval/paired-tests.js";

/** 95 % intervals by metric name (JSON names), each [lo, hi] in the metric's units. */
export interface Ci95 {
  precision?: [number, number];
  recall?: [number, number];
  ndcg?: [number, number];
  map?: [number, number];
  map_msr_old?: [number, number];
  hit_rate?: [number, number];
  novelty?: [number, number];
  diversity?: [number, number];
  arp?: [number, number];
  [metric: string]: [number, number] | undefined;
}

export const metricInterval = {
  /** Ranking intervals under their JSON names (metrics without an interval left out). */
  fromRanking(intervals: Partial<Record<PerUserRankingMetric, Interval | null>>): Ci95 {
    const out: Ci95 = {};
    for (const [name, iv] of Object.entries(intervals) as [PerUserRankingMetric, Interval | null][])
      if (iv && iv.method !== "none") out[RANKING_JSON_NAMES[name]] = [iv.lo, iv.hi];
    return out;
  },
  /** "0.4770 [0.4680, 0.4860]", or the bare value without an interval. */
  text(value: number, ci: [number, number] | undefined, digits = 4): string {
    const f = (x: number) => x.toFixed(digits);
    return ci ? `${f(value)} [${f(ci[0])}, ${f(ci[1])}]` : f(value);
  }
};

/** A paired test against the best model, as JSON (difference = this − best, in the metric's units). */
export interface VersusBestJson {
  best: string;
  test: PairedTest["test"];
  meanDifference: number;
  /** 95 % interval of the difference. */
  lo: number;
  hi: number;
  p: number;
  indistinguishable: boolean;
}

/** A paired test of a model against `best` as JSON. */
export function versusBestJson(best: string, t: PairedTest): VersusBestJson {
  return {
    best,
    test: t.test,
    meanDifference: t.meanDifference,
    lo: t.difference.lo,
    hi: t.difference.hi,
    p: t.p,
    indistinguishable: t.indistinguishable
  };
}

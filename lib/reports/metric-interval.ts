/** Confidence intervals as run records and the CLI print them: snake_case names, [lo, hi] pairs, "0.4770 [0.4680, 0.4860]". */
import {RANKING_JSON_NAMES, type PerUserRankingMetric} from "../eval/evaluate-ranking.js";
import type {Interval} from "../eval/intervals.js";

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

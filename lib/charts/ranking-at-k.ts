/** A ranking metric against the list length k, one line per model. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, type ChartOptions} from "./chart-options.js";

export interface RankingAtKSeries {
  label: string;
  /** values[i] is the metric at k = i + 1 (0..1). */
  values: number[];
}

export interface RankingAtKOptions extends ChartOptions {
  /** Metric name for the y axis, e.g. "nDCG@k". */
  metric: string;
  /** k to mark with a rule (e.g. 10, the benchmarks' cut-off). */
  mark?: number;
}

/** Lines per model with a label at the right end. */
export function RankingAtK(
  series: readonly RankingAtKSeries[],
  options: RankingAtKOptions
): SVGSVGElement | HTMLElement {
  const rows = series.flatMap((s) => s.values.map((v, i) => ({model: s.label, k: i + 1, value: v})));
  const best = series.reduce<{label: string; v: number}>(
    (a, s) => {
      const v = s.values[Math.min(s.values.length, options.mark ?? s.values.length) - 1];
      return v > a.v ? {label: s.label, v} : a;
    },
    {label: "", v: -Infinity}
  );
  return plot({
    ...chartFrame(options, 320),
    marginRight: 10,
    ariaLabel: `${options.metric} for k = 1 to ${Math.max(...series.map((s) => s.values.length))} for ${series.length} models; best at k = ${options.mark ?? "max"}: ${best.label} (${best.v.toFixed(3)})`,
    x: {label: "List length k →", domain: [1, Math.max(...series.map((s) => s.values.length))]},
    y: {label: `↑ ${options.metric}`, grid: true, domain: [0, Math.max(0.05, ...rows.map((r) => r.value)) * 1.05]},
    color: {domain: series.map((s) => s.label), legend: true, scheme: "tableau10"},
    marks: [
      ...(options.mark !== undefined
        ? [Plot.ruleX([options.mark], {stroke: "currentColor", strokeDasharray: "4,3", strokeOpacity: 0.5})]
        : []),
      Plot.lineY(rows, {x: "k", y: "value", stroke: "model", strokeWidth: 2}),
      Plot.dot(rows, {
        x: "k",
        y: "value",
        fill: "model",
        r: 2.5,
        tip: true,
        title: (d: {model: string; k: number; value: number}) => `${d.model}\nk = ${d.k}: ${d.value.toFixed(4)}`
      })
    ]
  });
}

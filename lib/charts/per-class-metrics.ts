/** Per-class precision, recall and F1 of a classifier as grouped bars, one group per rating. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, type ChartOptions} from "./chart-options.js";

export interface PerClassMetricsData {
  classes: number[];
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

const METRICS = ["precision", "recall", "F1"] as const;

/** Three bars per class (0..1), grouped by rating; support shows in the tooltip. */
export function PerClassMetrics(data: PerClassMetricsData, options: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const rows = data.classes.flatMap((c, k) => [
    {rating: String(c), metric: "precision", value: data.precision[k], support: data.support[k]},
    {rating: String(c), metric: "recall", value: data.recall[k], support: data.support[k]},
    {rating: String(c), metric: "F1", value: data.f1[k], support: data.support[k]}
  ]);
  return plot({
    ...chartFrame(options, 260),
    marginLeft: 50,
    ariaLabel: `Precision, recall and F1 of each of ${data.classes.length} rating classes`,
    fx: {label: "True rating", domain: data.classes.map(String)},
    x: {axis: null, domain: [...METRICS]},
    y: {label: "Score", domain: [0, 1], grid: true},
    color: {domain: [...METRICS], scheme: "observable10", legend: true},
    marks: [
      Plot.barY(rows, {
        fx: "rating",
        x: "metric",
        y: "value",
        fill: "metric",
        tip: {channels: {Support: "support"}, format: {y: (v: number) => v.toFixed(3), fx: true, x: false}}
      }),
      Plot.ruleY([0])
    ]
  });
}

/** Bar chart of how often each rating value is given, on the data set's scale. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface RatingHistogramData {
  values: number[];
  counts: number[];
  shares: number[];
}

export interface RatingHistogramOptions extends ChartOptions {
  /** "share" (default) labels bars with percentages; "count" with counts. */
  measure?: "share" | "count";
}

/** One bar per scale value (half stars included), labelled with its share or count. */
export function RatingHistogram(
  data: RatingHistogramData,
  options: RatingHistogramOptions = {}
): SVGSVGElement | HTMLElement {
  const measure = options.measure ?? "share";
  const rows = data.values.map((value, k) => ({value, count: data.counts[k], share: data.shares[k]}));
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const fmt = (d: {count: number; share: number}) =>
    measure === "share" ? pct(d.share) : d.count.toLocaleString("en-US");
  return plot({
    ...chartFrame(options, 240),
    marginLeft: 60,
    ariaLabel: `Rating histogram: ${measure === "share" ? "share" : "number"} of ratings at each value from ${data.values[0]} to ${data.values[data.values.length - 1]}`,
    x: {label: "Rating", type: "band", domain: data.values, tickFormat: (d: number) => String(d)},
    y:
      measure === "share" ? {label: "Share of ratings (%)", percent: true, grid: true} : {label: "Ratings", grid: true},
    marks: [
      Plot.barY(rows, {
        x: "value",
        y: measure,
        fill: options.color ?? FOCUS,
        tip: {channels: {Count: "count", Share: (d: {share: number}) => pct(d.share)}, format: {y: false}}
      }),
      Plot.text(rows, {x: "value", y: measure, text: fmt, dy: -8, fill: "currentColor"}),
      Plot.ruleY([0])
    ]
  });
}

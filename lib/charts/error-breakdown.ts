/** Where errors fall: accuracy or RMSE per bucket of user activity or movie popularity. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface ErrorBreakdownData {
  lower: number[];
  upper: number[];
  rows: number[];
  accuracy: number[];
  rmse: number[];
}

export interface ErrorBreakdownOptions extends ChartOptions {
  /** "accuracy" (default) or "rmse". */
  measure?: "accuracy" | "rmse";
  /** What the counts are, for the axis: e.g. "user's training ratings". */
  what?: string;
  /** A reference value drawn as a rule (e.g. overall accuracy). */
  reference?: number;
}

/** One bar per bucket ("lower–upper"), labelled with its value; rows per bucket in the tooltip. */
export function ErrorBreakdown(
  data: ErrorBreakdownData,
  options: ErrorBreakdownOptions = {}
): SVGSVGElement | HTMLElement {
  const measure = options.measure ?? "accuracy";
  const rows = data.upper.map((upper, b) => ({
    bucket: data.lower[b] === upper ? String(upper) : `${data.lower[b]}–${upper}`,
    value: measure === "accuracy" ? data.accuracy[b] : data.rmse[b],
    rows: data.rows[b]
  }));
  const fmt = (v: number) => (measure === "accuracy" ? `${(100 * v).toFixed(1)}%` : v.toFixed(3));
  return plot({
    ...chartFrame(options, 240),
    marginLeft: 55,
    ariaLabel: `${measure === "accuracy" ? "Accuracy" : "RMSE"} in ${rows.length} buckets of ${options.what ?? "count"}: ${rows.map((r) => `${r.bucket}: ${fmt(r.value)}`).join(", ")}`,
    x: {label: options.what ?? "Count", type: "band", domain: rows.map((r) => r.bucket)},
    y:
      measure === "accuracy"
        ? {label: "Accuracy (%)", percent: true, grid: true, domain: [0, 100]}
        : {label: "RMSE (stars)", grid: true},
    marks: [
      Plot.barY(rows, {
        x: "bucket",
        y: "value",
        fill: options.color ?? FOCUS,
        tip: {channels: {Rows: "rows"}, format: {y: fmt}}
      }),
      Plot.text(rows, {
        x: "bucket",
        y: "value",
        text: (d: {value: number}) => fmt(d.value),
        dy: -8,
        fill: "currentColor"
      }),
      ...(options.reference !== undefined
        ? [Plot.ruleY([options.reference], {stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.6})]
        : []),
      Plot.ruleY([0])
    ]
  });
}

/** Scree plot of a PCA: variance explained by each component (bars) and the running total (line). */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {ALERT, chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface ScreePlotData {
  /** Share of the variance per component, 0..1, descending. */
  explained: number[];
  /** Running sum of explained, 0..1. */
  cumulative: number[];
}

export interface ScreePlotOptions extends ChartOptions {
  /** Components the model keeps: their bars are solid, the others faded. */
  kept?: number;
}

/** One bar per component (PC1, PC2, …) and a cumulative line with points, both in percent. */
export function ScreePlot(data: ScreePlotData, options: ScreePlotOptions = {}): SVGSVGElement | HTMLElement {
  const rows = data.explained.map((share, i) => ({pc: i + 1, share, cumulative: data.cumulative[i]}));
  const kept = options.kept;
  return plot({
    ...chartFrame(options, 280),
    marginLeft: 50,
    marginBottom: rows.length > 12 ? 55 : 35,
    ariaLabel:
      `Scree plot of ${rows.length} components: the first explains ${(100 * (rows[0]?.share ?? 0)).toFixed(1)}% of the variance` +
      (kept !== undefined && rows[kept - 1]
        ? `, the first ${kept} together ${(100 * rows[kept - 1].cumulative).toFixed(1)}%`
        : ""),
    x: {
      label: "Principal component",
      type: "band",
      domain: rows.map((r) => r.pc),
      tickFormat: (d: number) => `PC${d}`,
      tickRotate: rows.length > 12 ? -45 : 0
    },
    y: {label: "Variance explained (%)", percent: true, domain: [0, 100], grid: true},
    color: {domain: ["per component", "cumulative"], range: [options.color ?? FOCUS, ALERT], legend: true},
    marks: [
      Plot.barY(rows, {
        x: "pc",
        y: "share",
        fill: () => "per component",
        fillOpacity: (d: {pc: number}) => (kept === undefined || d.pc <= kept ? 1 : 0.35),
        tip: {
          channels: {Cumulative: (d: {cumulative: number}) => `${(100 * d.cumulative).toFixed(1)}%`},
          format: {y: (v: number) => `${v.toFixed(1)}%`}
        }
      }),
      Plot.line(rows, {x: "pc", y: "cumulative", stroke: () => "cumulative", strokeWidth: 2}),
      Plot.dot(rows, {x: "pc", y: "cumulative", fill: () => "cumulative", r: 3}),
      Plot.ruleY([0])
    ]
  });
}

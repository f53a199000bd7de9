/** A hyperparameter sweep: mean RMSE over folds against one parameter, with a ± sd band and the default marked. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface SweepCurvePoint {
  value: number;
  mean: number;
  sd: number;
}

export interface SweepCurveOptions extends ChartOptions {
  /** Name of the swept parameter, for the x axis (e.g. "Number of factors"). */
  xLabel: string;
  /** Logarithmic x axis (for factors). */
  logX?: boolean;
  /** Value to mark with a rule (the default setting). */
  mark?: number;
}

/** Points in any order; drawn sorted by value. */
export function SweepCurve(
  points: readonly SweepCurvePoint[],
  options: SweepCurveOptions
): SVGSVGElement | HTMLElement {
  const data = [...points].sort((a, b) => a.value - b.value);
  const best = data.reduce((a, b) => (b.mean < a.mean ? b : a), data[0]);
  const color = options.color ?? FOCUS;
  return plot({
    ...chartFrame(options, 280),
    ariaLabel: `RMSE against ${options.xLabel.toLowerCase()}: ${data.length} settings, lowest ${best.mean.toFixed(4)} at ${best.value}`,
    x: {
      type: options.logX ? "log" : "linear",
      label: `${options.xLabel} →`,
      ticks: options.logX ? data.map((d) => d.value) : undefined,
      tickFormat: options.logX ? (v: number) => String(v) : undefined
    },
    y: {label: "↑ RMSE (stars)", grid: true, nice: true},
    marks: [
      Plot.areaY(data, {
        x: "value",
        y1: (d: SweepCurvePoint) => d.mean - d.sd,
        y2: (d: SweepCurvePoint) => d.mean + d.sd,
        fill: color,
        fillOpacity: 0.15
      }),
      Plot.lineY(data, {x: "value", y: "mean", stroke: color, strokeWidth: 2}),
      Plot.dot(data, {
        x: "value",
        y: "mean",
        fill: color,
        r: 3.5,
        tip: true,
        title: (d: SweepCurvePoint) => `${options.xLabel}: ${d.value}\nRMSE ${d.mean.toFixed(4)} ± ${d.sd.toFixed(4)}`
      }),
      ...(options.mark !== undefined
        ? [Plot.ruleX([options.mark], {stroke: "currentColor", strokeDasharray: "4,3", strokeOpacity: 0.6})]
        : [])
    ]
  });
}

/** Cross-validated models side by side: one bar per model (mean over folds) with a ±1 sd whisker; published figures set apart. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface CvComparisonRow {
  model: string;
  mean: number;
  /** Sample sd over the folds; null for a published figure (no folds measured here). */
  sd: number | null;
  /** "measured" in this build, or "published" by someone else (drawn hollow). */
  source: "measured" | "published";
}

export interface CvComparisonOptions extends ChartOptions {
  /** Metric shown, for the axis: "accuracy", "macro_f1" or "rmse" (lower is better). */
  metric?: string;
}

const LABELS: Record<string, string> = {
  accuracy: "Accuracy",
  macro_f1: "Macro F1",
  weighted_f1: "Weighted F1",
  rmse: "RMSE (stars)",
  mae: "MAE (stars)",
  log_loss: "Log loss"
};

/** Horizontal bars in the given order, labelled with mean ± sd. */
export function CvComparison(rows: CvComparisonRow[], options: CvComparisonOptions = {}): SVGSVGElement | HTMLElement {
  const metric = options.metric ?? "accuracy";
  const label = (d: CvComparisonRow) =>
    d.sd === null ? `${d.mean.toFixed(3)} (published)` : `${d.mean.toFixed(3)} ± ${d.sd.toFixed(3)}`;
  const whiskers = rows.filter((d) => d.sd !== null && d.sd > 0);
  const measured = rows.filter((d) => d.source === "measured");
  const published = rows.filter((d) => d.source === "published");
  return plot({
    ...chartFrame(options, 40 + 36 * rows.length),
    marginLeft: 130,
    marginRight: 130,
    ariaLabel: `${LABELS[metric] ?? metric} by model: ${rows.map((d) => `${d.model} ${label(d)}`).join("; ")}`,
    x: {
      label: `${LABELS[metric] ?? metric}${metric === "rmse" || metric === "mae" || metric === "log_loss" ? " (lower is better)" : ""}`,
      grid: true
    },
    y: {label: null, domain: rows.map((d) => d.model)},
    marks: [
      Plot.barX(measured, {x: "mean", y: "model", fill: options.color ?? FOCUS}),
      Plot.barX(published, {x: "mean", y: "model", fill: "none", stroke: "currentColor", strokeDasharray: "4 2"}),
      Plot.ruleY(whiskers, {
        y: "model",
        x1: (d: CvComparisonRow) => d.mean - (d.sd ?? 0),
        x2: (d: CvComparisonRow) => d.mean + (d.sd ?? 0),
        stroke: "currentColor",
        strokeWidth: 2
      }),
      Plot.text(rows, {
        x: (d: CvComparisonRow) => d.mean + (d.sd ?? 0),
        y: "model",
        text: label,
        textAnchor: "start",
        dx: 6,
        fill: "currentColor"
      }),
      Plot.ruleX([0])
    ]
  });
}

/** Feature importance of a tree ensemble: horizontal bars of gain (mean loss change per split) or weight (split count). */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, FOCUS, labelMargin, type ChartOptions} from "./chart-options.js";

export interface FeatureImportanceRow {
  name: string;
  gain: number;
  weight: number;
}

export interface FeatureImportanceOptions extends ChartOptions {
  /** "gain" (default) or "weight". */
  measure?: "gain" | "weight";
  /** Bars shown, largest first (default all). */
  top?: number;
}

/** Bars sorted by the measure, largest on top; unused features (0) are kept so their absence shows. */
export function FeatureImportance(
  rows: FeatureImportanceRow[],
  options: FeatureImportanceOptions = {}
): SVGSVGElement | HTMLElement {
  const measure = options.measure ?? "gain";
  const sorted = [...rows].sort((a, b) => b[measure] - a[measure]).slice(0, options.top ?? rows.length);
  const frame = chartFrame(options, 30 + 18 * sorted.length);
  const margin = labelMargin(
    sorted.map((r) => r.name),
    frame.width
  );
  return plot({
    ...frame,
    marginLeft: margin.marginLeft,
    ariaLabel: `Feature importance by ${measure}: ${sorted
      .slice(0, 3)
      .map((r) => r.name)
      .join(", ")} lead among ${sorted.length} features`,
    x: {label: measure === "gain" ? "Mean gain per split" : "Number of splits", grid: true},
    y: {label: null, domain: sorted.map((r) => r.name)},
    marks: [
      Plot.axisY({label: null, tickSize: 0, lineWidth: margin.lineWidth, textOverflow: "ellipsis-middle"}),
      Plot.barX(sorted, {
        x: measure,
        y: "name",
        fill: options.color ?? FOCUS,
        tip: {channels: {Gain: (d: FeatureImportanceRow) => d.gain.toFixed(2), Splits: "weight"}, format: {x: false}}
      }),
      Plot.ruleX([0])
    ]
  });
}

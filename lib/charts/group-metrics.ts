/** A metric per user group (gender, age group) for a few models: one row per group, one dot colour per model. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, labelMargin, type ChartOptions} from "./chart-options.js";

export interface GroupMetricPoint {
  model: string;
  /** e.g. "gender" or "age". */
  dimension: string;
  /** e.g. "female" or "25–34". */
  group: string;
  /** Users in the group (shown in the label). */
  users: number;
  value: number;
}

export interface GroupMetricsOptions extends ChartOptions {
  /** Axis label, e.g. "nDCG@10 (higher is better) →". */
  metric: string;
}

/** Rows in the order given (group labels "dimension: group (n users)"); models coloured in order of first appearance. */
export function GroupMetrics(
  points: readonly GroupMetricPoint[],
  options: GroupMetricsOptions
): SVGSVGElement | HTMLElement {
  const label = (p: GroupMetricPoint) => `${p.dimension}: ${p.group} (${p.users})`;
  const rows = [...new Set(points.map(label))];
  const models = [...new Set(points.map((p) => p.model))];
  const width = options.width ?? 640;
  const margin = labelMargin(rows, width);
  return plot({
    ...chartFrame(options, 50 + 20 * rows.length),
    marginLeft: margin.marginLeft,
    marginRight: 16,
    ariaLabel: `${options.metric} for ${models.length} models in ${rows.length} user groups`,
    x: {label: options.metric, grid: true, ticks: width < 480 ? 3 : undefined},
    y: {domain: rows, label: null},
    color: {domain: models, legend: true, type: "categorical"},
    marks: [
      Plot.axisY({label: null, tickSize: 0, lineWidth: margin.lineWidth, textOverflow: "ellipsis"}),
      Plot.ruleY(rows, {stroke: "currentColor", strokeOpacity: 0.1}),
      Plot.dot(points, {
        y: label,
        x: "value",
        fill: "model",
        r: 4,
        tip: true,
        title: (p: GroupMetricPoint) => `${p.model}\n${label(p)}\n${p.value.toFixed(4)}`
      })
    ]
  });
}

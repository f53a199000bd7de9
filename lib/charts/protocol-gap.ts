/** One model per row, one dot per evaluation protocol: how far a model's figure moves with the protocol alone. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, labelMargin, type ChartOptions} from "./chart-options.js";

export interface ProtocolGapPoint {
  /** The model's label (one row each). */
  model: string;
  protocol: string;
  /** Mean over the protocol's folds. */
  value: number;
}

export interface ProtocolGapOptions extends ChartOptions {
  /** Axis label, e.g. "RMSE (stars)" or "nDCG@10". */
  metric?: string;
  /** Whether lower values are better (RMSE), said on the axis. */
  lowerIsBetter?: boolean;
  /** Protocols in legend order (default: order of first appearance). */
  protocols?: readonly string[];
}

/** A dot per (model, protocol) with a rule spanning each model's range; colour names the protocol. */
export function ProtocolGap(points: ProtocolGapPoint[], options: ProtocolGapOptions = {}): SVGSVGElement | HTMLElement {
  const width = options.width ?? 640;
  const models = [...new Set(points.map((p) => p.model))];
  const protocols = options.protocols ?? [...new Set(points.map((p) => p.protocol))];
  const spans = models.map((model) => {
    const vs = points.filter((p) => p.model === model).map((p) => p.value);
    return {model, min: Math.min(...vs), max: Math.max(...vs)};
  });
  const metric = options.metric ?? "value";
  return plot({
    ...chartFrame(options, 50 + 34 * models.length),
    ...labelMargin(models, width),
    marginRight: 20,
    ariaLabel: `${metric} by model and protocol: ${points.map((p) => `${p.model} ${p.protocol} ${p.value.toFixed(3)}`).join("; ")}`,
    x: {
      label: `${metric}${options.lowerIsBetter ? " (lower is better)" : " (higher is better)"}`,
      grid: true,
      nice: true
    },
    y: {label: null, domain: models},
    color: {legend: true, domain: [...protocols], type: "categorical"},
    marks: [
      Plot.ruleY(spans, {y: "model", x1: "min", x2: "max", stroke: "currentColor", strokeOpacity: 0.4}),
      Plot.dot(points, {
        x: "value",
        y: "model",
        fill: "protocol",
        r: 5,
        stroke: "var(--theme-background, white)",
        tip: true
      })
    ]
  });
}

/** Confusion matrix heat map: true class (rows) × predicted class (columns), as counts or row shares. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {docOption, type ChartOptions} from "./chart-options.js";
import {matrixCells} from "./matrix-cells.js";

export interface ConfusionMatrixData {
  /** Rating value of each class. */
  classes: number[];
  /** Row-major K × K counts, row = true class. */
  counts: number[];
}

export interface ConfusionMatrixOptions extends ChartOptions {
  /** "count" (default) or "row": each row divided by its total (recall on the diagonal). */
  normalize?: "count" | "row";
}

/** K × K cells labelled with the count or the row percentage; the diagonal is the correct predictions. */
export function ConfusionMatrix(
  data: ConfusionMatrixData,
  options: ConfusionMatrixOptions = {}
): SVGSVGElement | HTMLElement {
  const K = data.classes.length;
  const row = options.normalize === "row";
  const {cells, max} = matrixCells(data.counts, data.classes.map(String), row, false);
  const size = Math.min(options.width ?? 420, 60 + 70 * K);
  const ink = (d: {value: number}) => (max > 0 && d.value / max > 0.55 ? "white" : "black");
  const label = (d: {count: number; value: number}) =>
    row ? `${(100 * d.value).toFixed(1)}%` : d.count.toLocaleString("en-US");
  return plot({
    ...docOption(options),
    width: size,
    height: options.height ?? size,
    marginLeft: 60,
    marginTop: 40,
    ariaLabel: `Confusion matrix of ${K} classes (${row ? "share of each true class" : "counts"}): rows are true ratings, columns predicted ratings`,
    x: {label: "Predicted rating", axis: "top", domain: data.classes.map(String)},
    y: {label: "True rating", domain: data.classes.map(String)},
    color: {
      type: "linear",
      scheme: "blues",
      domain: [0, max || 1],
      legend: true,
      label: row ? "Share of the true class" : "Ratings",
      ...(row ? {tickFormat: ".0%"} : {})
    },
    marks: [
      Plot.cell(cells, {
        x: "col",
        y: "row",
        fill: "value",
        inset: 0.5,
        tip: {channels: {Count: "count"}, format: {fill: row ? (v: number) => `${(100 * v).toFixed(1)}%` : true}}
      }),
      Plot.text(cells, {x: "col", y: "row", text: label, fontSize: 11, fill: {value: ink, scale: null}})
    ]
  });
}

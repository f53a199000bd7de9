/** Distribution of predicted ratings beside the true ones: grouped bars per rating value, one colour per series. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, type ChartOptions} from "./chart-options.js";

export interface PredictionSeries {
  name: string;
  /** Share (0..1) of pairs per bin, aligned with bins. */
  shares: number[];
}

/** bins: rating values (x groups); series drawn side by side within each bin. */
export function PredictionHistogram(
  data: {bins: number[]; series: PredictionSeries[]},
  options: ChartOptions = {}
): SVGSVGElement | HTMLElement {
  const rows = data.series.flatMap((s) => data.bins.map((b, i) => ({series: s.name, bin: b, share: s.shares[i]})));
  const names = data.series.map((s) => s.name);
  return plot({
    ...chartFrame(options, 300),
    ariaLabel: `Share of test pairs per rating value for ${names.join(", ")}`,
    fx: {label: "Rating (predictions rounded to the scale)", domain: data.bins},
    x: {domain: names, axis: null},
    y: {label: "↑ Share of test pairs", percent: true, grid: true},
    color: {domain: names, legend: true, scheme: "tableau10"},
    marks: [
      Plot.barY(rows, {
        fx: "bin",
        x: "series",
        y: "share",
        fill: "series",
        tip: true,
        title: (d: {series: string; bin: number; share: number}) =>
          `${d.series}, ${d.bin}: ${(d.share * 100).toFixed(1)}%`
      }),
      Plot.ruleY([0])
    ]
  });
}

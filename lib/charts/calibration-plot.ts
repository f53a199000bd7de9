/** Reliability diagram of class probabilities: observed frequency against mean predicted probability, per class. */
import * as Plot from "@observablehq/plot";
import {docOption, type ChartOptions} from "./chart-options.js";

export interface CalibrationData {
  classes: number[];
  nBins: number;
  /** Per class k and bin b at [k * nBins + b]. */
  count: number[];
  meanPredicted: (number | null)[];
  observed: (number | null)[];
}

export interface CalibrationOptions extends ChartOptions {
  /** Bins with fewer rows are left out (noise); default 20. */
  minCount?: number;
}

/** One line per class through its non-empty bins, the diagonal as perfect calibration; dot area = rows. */
export function CalibrationPlot(data: CalibrationData, options: CalibrationOptions = {}): SVGSVGElement | HTMLElement {
  const min = options.minCount ?? 20;
  const rows: {rating: string; predicted: number; observed: number; count: number}[] = [];
  data.classes.forEach((c, k) => {
    for (let b = 0; b < data.nBins; b++) {
      const j = k * data.nBins + b;
      const p = data.meanPredicted[j];
      const o = data.observed[j];
      if (data.count[j] >= min && p !== null && o !== null)
        rows.push({rating: String(c), predicted: p, observed: o, count: data.count[j]});
    }
  });
  const size = Math.min(options.width ?? 480, 520);
  return Plot.plot({
    ...docOption(options),
    width: size,
    height: options.height ?? size,
    marginLeft: 50,
    ariaLabel: `Reliability diagram of the probabilities of ${data.classes.length} rating classes in ${data.nBins} bins (bins with fewer than ${min} rows left out)`,
    // percent: true rescales values to 0..100 before the domain applies.
    x: {label: "Mean predicted probability (%)", domain: [0, 100], grid: true, percent: true},
    y: {label: "Observed frequency (%)", domain: [0, 100], grid: true, percent: true},
    r: {range: [1.5, 7]},
    color: {domain: data.classes.map(String), scheme: "observable10", legend: true, label: "Rating"},
    marks: [
      Plot.line(
        [
          [0, 0],
          [1, 1]
        ],
        {stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.5}
      ),
      Plot.line(rows, {x: "predicted", y: "observed", stroke: "rating", strokeWidth: 1.5}),
      Plot.dot(rows, {
        x: "predicted",
        y: "observed",
        fill: "rating",
        r: "count",
        tip: {
          channels: {Rating: "rating", Rows: "count"},
          format: {x: (v: number) => v.toFixed(3), y: (v: number) => v.toFixed(3), r: false, fill: false}
        }
      })
    ]
  });
}

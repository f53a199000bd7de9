/** Reliability diagram of class probabilities: observed frequency against mean predicted probability, per class. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
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

/**
 * Small multiples, one square panel per class in its own colour and titled with it: five lines on one
 * plot cross and hide each other. Each panel has the diagonal (perfect calibration); dot area = rows.
 * Panels wrap into rows of as many as fit at 125 px or more each.
 */
export function CalibrationPlot(data: CalibrationData, options: CalibrationOptions = {}): SVGSVGElement | HTMLElement {
  const min = options.minCount ?? 20;
  const width = options.width ?? 640;
  const n = data.classes.length;
  const cols = Math.max(1, Math.min(n, Math.floor(width / 125)));
  const panel = (k: number) => ({col: k % cols, row: Math.floor(k / cols)});
  const rows: {rating: string; predicted: number; observed: number; count: number; col: number; row: number}[] = [];
  data.classes.forEach((c, k) => {
    for (let b = 0; b < data.nBins; b++) {
      const j = k * data.nBins + b;
      const p = data.meanPredicted[j];
      const o = data.observed[j];
      if (data.count[j] >= min && p !== null && o !== null)
        rows.push({rating: String(c), predicted: p, observed: o, count: data.count[j], ...panel(k)});
    }
  });
  const titles = data.classes.map((c, k) => ({rating: String(c), title: `${c}★`, ...panel(k)}));
  const marginLeft = 44;
  const cell = (width - marginLeft - 10) / cols;
  const nRows = Math.ceil(n / cols);
  return plot({
    ...docOption(options),
    width,
    height: options.height ?? Math.round(nRows * cell + 60),
    marginLeft,
    marginRight: 10,
    marginTop: 20,
    ariaLabel: `Reliability diagram of the probabilities of ${n} rating classes in ${data.nBins} bins, one panel per class (bins with fewer than ${min} rows left out)`,
    // percent: true rescales values to 0..100 before the domain applies.
    x: {label: "Mean predicted probability (%)", domain: [0, 100], grid: true, percent: true, ticks: [0, 50, 100]},
    y: {label: "Observed (%)", domain: [0, 100], grid: true, percent: true, ticks: [0, 50, 100]},
    fx: {axis: null, padding: 0.12},
    fy: {axis: null, padding: 0.12},
    r: {range: [1.5, 5]},
    color: {domain: data.classes.map(String), scheme: "observable10"},
    marks: [
      Plot.frame({strokeOpacity: 0.2}),
      Plot.line(
        [
          [0, 0],
          [1, 1]
        ],
        {stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.5}
      ),
      Plot.line(rows, {x: "predicted", y: "observed", stroke: "rating", strokeWidth: 2, fx: "col", fy: "row"}),
      Plot.dot(rows, {
        x: "predicted",
        y: "observed",
        fill: "rating",
        r: "count",
        fx: "col",
        fy: "row",
        tip: {
          channels: {Rating: "rating", Rows: "count"},
          format: {
            x: (v: number) => v.toFixed(3),
            y: (v: number) => v.toFixed(3),
            r: false,
            fill: false,
            fx: false,
            fy: false
          }
        }
      }),
      // The panel's title in the class colour: the direct label.
      Plot.text(titles, {
        text: "title",
        fill: "rating",
        fx: "col",
        fy: "row",
        frameAnchor: "top-left",
        dx: 4,
        dy: 4,
        fontSize: 12,
        fontWeight: "bold"
      })
    ]
  });
}

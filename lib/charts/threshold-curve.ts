/** Share of users and of movies with fewer than t ratings, as the minimum count t grows. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {ALERT, chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface ThresholdCurveData {
  threshold: number[];
  usersBelow: number[];
  moviesBelow: number[];
  users: number;
  movies: number;
}

export interface ThresholdCurveOptions extends ChartOptions {
  /** The chosen threshold, marked with a vertical rule. */
  mark?: number;
}

/** Two step lines (users, movies) of the share under each threshold; log x axis. */
export function ThresholdCurve(
  data: ThresholdCurveData,
  options: ThresholdCurveOptions = {}
): SVGSVGElement | HTMLElement {
  const rows = data.threshold.flatMap((t, i) => [
    {t, who: "users", share: data.users > 0 ? data.usersBelow[i] / data.users : 0},
    {t, who: "movies", share: data.movies > 0 ? data.moviesBelow[i] / data.movies : 0}
  ]);
  return plot({
    ...chartFrame(options, 260),
    marginLeft: 50,
    ariaLabel: "Share of users and of movies with fewer ratings than each minimum-count threshold",
    x: {type: "log", label: "Minimum ratings t (log)", grid: true},
    // percent: true rescales values to 0..100 before the domain applies.
    y: {label: "Share below t (%)", percent: true, grid: true, domain: [0, 100]},
    color: {domain: ["users", "movies"], range: [options.color ?? FOCUS, ALERT], legend: true},
    marks: [
      Plot.line(rows, {x: "t", y: "share", stroke: "who", curve: "step-after", strokeWidth: 2, tip: true}),
      ...(options.mark !== undefined
        ? [Plot.ruleX([options.mark], {stroke: "currentColor", strokeDasharray: "4 3"})]
        : []),
      Plot.ruleY([0])
    ]
  });
}

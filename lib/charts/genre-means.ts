/** Mean rating by genre with a 95 % interval (± 1.96 standard errors) against the overall mean. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface GenreMeansData {
  genres: string[];
  n: number[];
  mean: number[];
  se: number[];
  overall: number;
}

/** Genres sorted by mean rating; genres without ratings are left out. */
export function GenreMeans(data: GenreMeansData, options: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const rows = data.genres
    .map((genre, g) => ({
      genre,
      n: data.n[g],
      mean: data.mean[g],
      lo: data.mean[g] - 1.96 * data.se[g],
      hi: data.mean[g] + 1.96 * data.se[g]
    }))
    .filter((r) => r.n > 0 && Number.isFinite(r.mean));
  const domain = [...rows].sort((a, b) => b.mean - a.mean).map((r) => r.genre);
  const color = options.color ?? FOCUS;
  return plot({
    ...chartFrame(options, 30 + 20 * rows.length),
    marginLeft: 90,
    ariaLabel: `Mean rating by genre with 95% intervals; overall mean ${data.overall.toFixed(2)}`,
    x: {label: "Mean rating (95% interval)", grid: true},
    y: {label: null, domain},
    marks: [
      Plot.ruleX([data.overall], {stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.6}),
      Plot.ruleY(rows, {y: "genre", x1: "lo", x2: "hi", stroke: color, strokeWidth: 3, strokeOpacity: 0.5}),
      Plot.dot(rows, {y: "genre", x: "mean", fill: color, r: 3.5, tip: {channels: {Ratings: "n"}}})
    ]
  });
}

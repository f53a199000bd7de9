/** Ratings per week as bars, optionally clipped to a date range. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface RatingsOverTimeData {
  weekStart: number[];
  count: number[];
  mean: (number | null)[];
}

export interface RatingsOverTimeOptions extends ChartOptions {
  /** Show weeks starting at or after this date (default: all). */
  from?: Date;
  /** Show weeks starting before or on this date (default: all). */
  to?: Date;
}

const WEEK_MS = 7 * 86400 * 1000;

/** One bar per week (unix-second week starts → dates), with a tip giving the week's mean rating. */
export function RatingsOverTime(
  data: RatingsOverTimeData,
  options: RatingsOverTimeOptions = {}
): SVGSVGElement | HTMLElement {
  const lo = options.from ? options.from.getTime() : -Infinity;
  const hi = options.to ? options.to.getTime() : Infinity;
  const rows = data.weekStart
    .map((s, w) => ({
      start: new Date(s * 1000),
      end: new Date(s * 1000 + WEEK_MS),
      count: data.count[w],
      mean: data.mean[w]
    }))
    .filter((r) => r.start.getTime() >= lo && r.start.getTime() <= hi);
  return plot({
    ...chartFrame(options, 240),
    marginLeft: 60,
    ariaLabel: `Ratings per week, ${rows.length} weeks`,
    x: {label: "Week", type: "utc"},
    y: {label: "Ratings per week", grid: true},
    marks: [
      Plot.rectY(rows, {
        x1: "start",
        x2: "end",
        y: "count",
        fill: options.color ?? FOCUS,
        inset: 0.5,
        tip: {channels: {"Mean rating": (d: {mean: number | null}) => (d.mean === null ? "—" : d.mean.toFixed(2))}}
      }),
      Plot.ruleY([0])
    ]
  });
}

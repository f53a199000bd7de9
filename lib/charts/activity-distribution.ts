/** The long tail of activity: how many users (or movies) have n ratings, on log–log axes. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface ActivityBins {
  lo: number[];
  hi: number[];
  count: number[];
}

export interface ActivityDistributionOptions extends ChartOptions {
  /** What is counted, for labels: "users" or "movies" (default "users"). */
  entity?: string;
}

/**
 * One bar per logarithmic bin of rating counts; the y axis is logarithmic too, so bins holding a single
 * user or movie stay visible. Empty bins are not drawn.
 */
export function ActivityDistribution(
  data: ActivityBins,
  options: ActivityDistributionOptions = {}
): SVGSVGElement | HTMLElement {
  const entity = options.entity ?? "users";
  const rows = data.lo.map((lo, b) => ({lo, hi: data.hi[b], count: data.count[b]})).filter((r) => r.count > 0);
  const maxCount = Math.max(1, ...rows.map((r) => r.count));
  return plot({
    ...chartFrame(options, 260),
    marginLeft: 60,
    ariaLabel: `Distribution of ratings per ${entity === "users" ? "user" : "movie"} on logarithmic axes`,
    x: {
      type: "log",
      label: `Ratings per ${entity === "users" ? "user" : "movie"} (log)`,
      domain: [rows.length ? rows[0].lo : 1, rows.length ? rows[rows.length - 1].hi : 10]
    },
    // 0.5 as the base keeps single-entity bins as visible bars on a log axis.
    y: {type: "log", label: `Number of ${entity} (log)`, grid: true, domain: [0.5, maxCount * 1.5]},
    marks: [
      Plot.rect(rows, {
        x1: "lo",
        x2: "hi",
        y1: 0.5,
        y2: "count",
        fill: options.color ?? FOCUS,
        inset: 0.5,
        tip: {
          channels: {From: "lo", Below: "hi", [entity]: "count"},
          format: {x1: false, x2: false, y1: false, y2: false}
        }
      })
    ]
  });
}

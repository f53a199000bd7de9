/** Mean rating (± one sd) of each user group: gender, age group or occupation. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface RatingsByGroupData {
  dimension: string;
  groups: string[];
  ratings: number[];
  users: number[];
  mean: number[];
  sd: number[];
}

export interface RatingsByGroupOptions extends ChartOptions {
  /** Sort groups by mean rating instead of their natural order (default false). */
  sortByMean?: boolean;
}

/** Dots at each group's mean with a bar of ± one sd, labelled with the group's number of ratings. */
export function RatingsByGroup(
  data: RatingsByGroupData,
  options: RatingsByGroupOptions = {}
): SVGSVGElement | HTMLElement {
  const rows = data.groups
    .map((group, g) => ({group, n: data.ratings[g], users: data.users[g], mean: data.mean[g], sd: data.sd[g]}))
    .filter((r) => r.n > 0);
  const domain = options.sortByMean
    ? [...rows].sort((a, b) => b.mean - a.mean).map((r) => r.group)
    : rows.map((r) => r.group);
  const color = options.color ?? FOCUS;
  return plot({
    ...chartFrame(options, 40 + 24 * rows.length),
    marginLeft: 100,
    marginRight: 90,
    ariaLabel: `Mean rating by ${data.dimension}, with one standard deviation either side`,
    x: {label: "Mean rating (± 1 sd)", grid: true},
    y: {label: null, domain},
    marks: [
      Plot.ruleY(rows, {
        y: "group",
        x1: (d: {mean: number; sd: number}) => d.mean - d.sd,
        x2: (d: {mean: number; sd: number}) => d.mean + d.sd,
        stroke: color,
        strokeOpacity: 0.4,
        strokeWidth: 3
      }),
      Plot.dot(rows, {
        y: "group",
        x: "mean",
        fill: color,
        r: 4,
        tip: {channels: {Ratings: "n", Users: "users", SD: "sd"}}
      }),
      Plot.text(rows, {
        y: "group",
        frameAnchor: "right",
        text: (d: {n: number}) => `${d.n.toLocaleString("en-US")} ratings`,
        dx: 88,
        textAnchor: "end",
        fill: "currentColor",
        fillOpacity: 0.7
      })
    ]
  });
}

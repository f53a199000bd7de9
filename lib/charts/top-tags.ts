/** Horizontal bars of the most used tags (tag rows), largest first, with users and movies in the tip. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import type {TagCount} from "../analysis/tag-summary.js";
import {chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

/** One bar per tag of tagSummary's `top`, sorted by count. */
export function TopTags(top: TagCount[], options: ChartOptions = {}): SVGSVGElement | HTMLElement {
  return plot({
    ...chartFrame(options, 30 + 18 * top.length),
    marginLeft: 150,
    marginRight: 50,
    ariaLabel: `The ${top.length} most used tags by number of tag rows`,
    x: {label: "Tag rows", grid: true},
    y: {label: null, domain: top.map((t) => t.tag)},
    marks: [
      Plot.barX(top, {
        x: "count",
        y: "tag",
        fill: options.color ?? FOCUS,
        tip: true,
        channels: {users: "users", movies: "movies"}
      }),
      Plot.text(top, {
        x: "count",
        y: "tag",
        text: (d: TagCount) => d.count.toLocaleString("en-US"),
        dx: 4,
        textAnchor: "start"
      }),
      Plot.ruleX([0])
    ]
  });
}

/** Memory of the rating matrix per storage layout, as horizontal bars on a log scale (the gap spans orders of magnitude). */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface StorageBar {
  layout: string;
  bytes: number;
}

const mb = (b: number) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(0)} kB`);

/** One bar per layout, labelled with its size. */
export function StorageBars(bars: readonly StorageBar[], options: ChartOptions = {}): SVGSVGElement | HTMLElement {
  return plot({
    ...chartFrame(options, 40 + 34 * bars.length),
    marginLeft: 170,
    marginRight: 70,
    ariaLabel: `Bytes of the rating matrix by layout: ${bars.map((b) => `${b.layout} ${mb(b.bytes)}`).join(", ")}`,
    x: {type: "log", label: "Bytes (log scale) →", grid: true},
    y: {domain: bars.map((b) => b.layout), label: null},
    marks: [
      Plot.barX(bars, {y: "layout", x1: 1e3, x2: "bytes", fill: options.color ?? FOCUS}),
      Plot.text(bars, {
        y: "layout",
        x: "bytes",
        text: (b: StorageBar) => mb(b.bytes),
        dx: 6,
        textAnchor: "start",
        fill: "currentColor"
      })
    ]
  });
}

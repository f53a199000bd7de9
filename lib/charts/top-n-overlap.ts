/** How much models agree on one user's top-N: the share of shared movies (Jaccard) for each pair of models, as a matrix. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {docOption, type ChartOptions} from "./chart-options.js";

/** Jaccard overlap |A ∩ B| / |A ∪ B| (0..1) of every pair of lists; 1 on the diagonal, 0 for two empty lists. */
export function jaccardMatrix(lists: readonly (readonly number[])[]): number[][] {
  return lists.map((a) => {
    const sa = new Set(a);
    return lists.map((b) => {
      const union = new Set([...a, ...b]).size;
      return union === 0 ? 0 : b.filter((x) => sa.has(x)).length / union;
    });
  });
}

/** labels name the lists; the matrix is jaccardMatrix(lists). */
export function TopNOverlap(
  data: {labels: string[]; lists: number[][]},
  options: ChartOptions = {}
): SVGSVGElement | HTMLElement {
  const m = jaccardMatrix(data.lists);
  const cells = data.labels.flatMap((a, i) => data.labels.map((b, j) => ({a, b, v: m[i][j]})));
  const n = data.labels.length;
  const width = options.width ?? 640;
  const size = Math.min(width, 160 + 60 * n);
  return plot({
    ...docOption(options),
    width: size,
    height: options.height ?? size - 40,
    marginLeft: 150,
    marginBottom: 100,
    ariaLabel: `Overlap of the top-N lists of ${n} models, Jaccard share of shared movies`,
    x: {domain: data.labels, label: null, tickRotate: -35},
    y: {domain: data.labels, label: null},
    color: {type: "linear", domain: [0, 1], scheme: "blues", legend: true, label: "Shared movies (Jaccard)"},
    marks: [
      Plot.cell(cells, {x: "b", y: "a", fill: "v", inset: 1}),
      Plot.text(cells, {
        x: "b",
        y: "a",
        text: (d: {v: number}) => d.v.toFixed(2),
        fill: (d: {v: number}) => (d.v > 0.6 ? "white" : "black")
      })
    ]
  });
}

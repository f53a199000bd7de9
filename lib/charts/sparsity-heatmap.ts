/** A block of the user × movie matrix: a cell per (user, movie), coloured by rating, blank when unrated. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {docOption, type ChartOptions} from "./chart-options.js";

export interface SparsityBlock {
  userId: number[];
  movieId: number[];
  /** Row-major users × movies; 0 where not rated. */
  rating: number[];
}

export interface SparsityHeatmapOptions extends ChartOptions {
  /** Rating scale for the colour legend; default the range of the ratings present. */
  scale?: {min: number; max: number};
}

/** Rated cells only, so the empty background shows how sparse the block is; rows and columns in block order. */
export function SparsityHeatmap(
  data: SparsityBlock,
  options: SparsityHeatmapOptions = {}
): SVGSVGElement | HTMLElement {
  const nU = data.userId.length;
  const nM = data.movieId.length;
  const cells: {row: number; col: number; rating: number}[] = [];
  for (let r = 0; r < nU; r++) {
    for (let c = 0; c < nM; c++) {
      const v = data.rating[r * nM + c];
      if (v !== 0) cells.push({row: r, col: c, rating: v});
    }
  }
  const width = options.width ?? 640;
  const cell = Math.max(2, Math.min(8, Math.floor((width - 50) / Math.max(1, nM))));
  const lo = options.scale?.min ?? Math.min(...cells.map((d) => d.rating));
  const hi = options.scale?.max ?? Math.max(...cells.map((d) => d.rating));
  return plot({
    ...docOption(options),
    width,
    height: options.height ?? 70 + cell * nU,
    marginLeft: 40,
    marginBottom: 30,
    ariaLabel: `Heat map of a ${nU} × ${nM} block of the rating matrix: ${cells.length} rated cells of ${nU * nM}`,
    x: {
      domain: Array.from({length: nM}, (_, c) => c),
      label: `${nM} movies (most rated left)`,
      ticks: [],
      axis: "bottom"
    },
    y: {domain: Array.from({length: nU}, (_, r) => r), label: `${nU} users`, ticks: []},
    color: {type: "linear", scheme: "viridis", domain: [lo, hi], legend: true, label: "Rating"},
    marks: [
      Plot.frame({stroke: "currentColor", strokeOpacity: 0.3}),
      Plot.cell(cells, {
        x: "col",
        y: "row",
        fill: "rating",
        tip: {
          channels: {User: (d: {row: number}) => data.userId[d.row], Movie: (d: {col: number}) => data.movieId[d.col]},
          format: {x: false, y: false}
        }
      })
    ]
  });
}

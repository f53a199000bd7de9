/** Heat map of genre co-occurrence: cell (a, b) counts the movies that carry both genres. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {docOption, type ChartOptions} from "./chart-options.js";
import {matrixCells} from "./matrix-cells.js";

export interface GenreCooccurrenceData {
  genres: string[];
  /** Row-major G×G counts; the diagonal is movies per genre. */
  counts: number[];
}

export interface GenreCooccurrenceOptions extends ChartOptions {
  /** "count" (default): movies with both; "share": share 0..1 of row genre a's movies that also have b. */
  measure?: "count" | "share";
}

/** G×G cells coloured by count (or row share); the diagonal is left blank as it is each genre's total. */
export function GenreCooccurrence(
  data: GenreCooccurrenceData,
  options: GenreCooccurrenceOptions = {}
): SVGSVGElement | HTMLElement {
  const G = data.genres.length;
  const measure = options.measure ?? "count";
  const {cells, max} = matrixCells(data.counts, data.genres, measure === "share", true);
  const width = options.width ?? 640;
  const size = Math.min(width, 720);
  // Text on dark cells is white, on light cells black; the sqrt scale turns dark past ~40 % of the max.
  const ink = (d: {value: number}) => (max > 0 && Math.sqrt(d.value / max) > 0.65 ? "white" : "black");
  const fmt = (d: {value: number}) =>
    measure === "share" ? (d.value >= 0.005 ? `${Math.round(100 * d.value)}` : "") : d.value > 0 ? String(d.value) : "";
  return plot({
    ...docOption(options),
    width: size,
    height: options.height ?? size,
    marginLeft: 90,
    marginBottom: 90,
    ariaLabel: `Genre co-occurrence heat map of ${G} genres (${measure === "share" ? "share of the row genre's movies" : "movies with both genres"})`,
    x: {label: null, domain: data.genres, tickRotate: -60},
    y: {label: null, domain: data.genres},
    color: {
      type: "sqrt",
      scheme: "blues",
      legend: true,
      label: measure === "share" ? "Share of row genre's movies" : "Movies with both genres",
      ...(measure === "share" ? {percent: true} : {})
    },
    marks: [
      Plot.cell(cells, {
        x: "col",
        y: "row",
        fill: "value",
        inset: 0.5,
        tip: {
          channels: {Movies: "count"},
          format: {fill: measure === "share" ? (v: number) => `${(100 * v).toFixed(1)}%` : true}
        }
      }),
      ...(size >= 480
        ? [
            Plot.text(cells, {
              x: "col",
              y: "row",
              text: fmt,
              fontSize: 8,
              fill: {value: ink, scale: null},
              filter: (d: {count: number}) => d.count > 0
            })
          ]
        : [])
    ]
  });
}

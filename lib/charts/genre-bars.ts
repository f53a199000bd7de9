/** Horizontal bars per genre: number of movies or number of ratings, largest first. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface GenreBarsData {
  genres: string[];
  movies: number[];
  ratings: number[];
}

export interface GenreBarsOptions extends ChartOptions {
  /** Which count to draw (default "movies"). */
  measure?: "movies" | "ratings";
  /** A genre to highlight (drawn in the alert colour). */
  highlight?: string;
}

/** Genres sorted by the chosen count, each bar labelled with its value. */
export function GenreBars(data: GenreBarsData, options: GenreBarsOptions = {}): SVGSVGElement | HTMLElement {
  const measure = options.measure ?? "movies";
  const rows = data.genres.map((genre, g) => ({genre, value: data[measure][g]}));
  const domain = [...rows].sort((a, b) => b.value - a.value || a.genre.localeCompare(b.genre)).map((r) => r.genre);
  const color = options.color ?? FOCUS;
  return plot({
    ...chartFrame(options, 30 + 20 * rows.length),
    marginLeft: 90,
    marginRight: 60,
    ariaLabel: `Number of ${measure} per genre, ${rows.length} genres`,
    x: {label: measure === "movies" ? "Movies" : "Ratings", grid: true},
    y: {label: null, domain},
    marks: [
      Plot.barX(rows, {
        x: "value",
        y: "genre",
        fill: (d: {genre: string}) => (d.genre === options.highlight ? "#e4572e" : color)
      }),
      Plot.text(rows, {
        x: "value",
        y: "genre",
        text: (d: {value: number}) => d.value.toLocaleString("en-US"),
        textAnchor: "start",
        dx: 4,
        fill: "currentColor"
      }),
      Plot.ruleX([0])
    ]
  });
}

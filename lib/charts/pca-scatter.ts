/** Movies in the plane of the first two principal components of their genres, coloured by main genre. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {chartFrame, type ChartOptions} from "./chart-options.js";

export interface PcaScatterData {
  genres: string[];
  movies: {title: string[]; pc1: number[]; pc2: number[]; mainGenre: number[]; genreMask: number[]; ratings: number[]};
}

export interface PcaScatterOptions extends ChartOptions {
  /** Main genres with their own colour (the most common ones, default 9); the rest are "other genres". */
  colors?: number;
  /** Index of a genre to highlight: its movies in colour, the rest grey; null colours every movie by main genre. */
  highlight?: number | null;
}

/** Observable's categorical palette minus its grey, which marks "other genres" here. */
const OBSERVABLE9 = ["#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e"];

/** One dot per movie, jittered slightly (many movies share a genre combination) and sized by its ratings. */
export function PcaScatter(data: PcaScatterData, options: PcaScatterOptions = {}): SVGSVGElement | HTMLElement {
  const m = data.movies;
  const h = options.highlight ?? null;
  // Deterministic jitter from the index: identical genre sets would otherwise draw as one dot.
  const jitter = (i: number, salt: number) => ((Math.sin((i + 1) * 12.9898 + salt * 78.233) * 43758.5453) % 1) * 0.03;
  // More than ~10 categorical colours cannot be told apart: the most common main genres get one each.
  const mainCount = new Map<number, number>();
  for (const g of m.mainGenre) mainCount.set(g, (mainCount.get(g) ?? 0) + 1);
  const coloured = [...mainCount.entries()]
    .filter(([g]) => g >= 0)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, options.colors ?? 9)
    .map(([g]) => g);
  const OTHER = "other genres";
  const rows = m.title.map((title, i) => ({
    title,
    x: m.pc1[i] + jitter(i, 1),
    y: m.pc2[i] + jitter(i, 2),
    main: m.mainGenre[i] >= 0 ? data.genres[m.mainGenre[i]] : "(none)",
    group: coloured.includes(m.mainGenre[i]) ? data.genres[m.mainGenre[i]] : OTHER,
    on: h === null || ((m.genreMask[i] >>> h) & 1) === 1,
    ratings: m.ratings[i]
  }));
  const back = rows.filter((r) => !r.on);
  // "Other genres" first, so that grey dots never cover coloured ones.
  const front = rows.filter((r) => r.on).sort((a, b) => Number(b.group === OTHER) - Number(a.group === OTHER));
  const label = h === null ? "coloured by main genre" : `${front.length} ${data.genres[h]} movies highlighted`;
  return plot({
    ...chartFrame(options, 420),
    ariaLabel: `${rows.length} movies in the plane of the first two genre components, ${label}`,
    x: {label: "PC1 score", grid: true},
    y: {label: "PC2 score", grid: true},
    r: {range: [1.5, 7]},
    color:
      h === null
        ? {
            legend: true,
            domain: [...coloured.map((g) => data.genres[g]), OTHER],
            range: [...OBSERVABLE9.slice(0, coloured.length), "#aaa"]
          }
        : {legend: true, domain: [data.genres[h], "other"], range: [options.color ?? "#e4572e", "#aaa"]},
    marks: [
      Plot.dot(back, {x: "x", y: "y", r: "ratings", fill: "#aaa", fillOpacity: 0.25}),
      Plot.dot(front, {
        x: "x",
        y: "y",
        r: "ratings",
        fill: h === null ? "group" : () => data.genres[h],
        fillOpacity: 0.7,
        stroke: "white",
        strokeWidth: 0.3,
        tip: {
          channels: {Movie: "title", "Main genre": "main", Ratings: "ratings"},
          format: {x: (v: number) => v.toFixed(2), y: (v: number) => v.toFixed(2), r: false, fill: false}
        }
      })
    ]
  });
}

/** Mean rating against number of ratings, one dot per movie, with the binned trend. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {ALERT, chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface PopularityBiasData {
  /** Ratings per movie. */
  count: ArrayLike<number>;
  /** Mean rating per movie (NaN/null when unrated). */
  mean: ArrayLike<number | null>;
  /** Binned trend: mean of movie means per log bin of counts. */
  bins: {lo: number[]; hi: number[]; meanOfMeans: (number | null)[]};
  /** Optional titles for tips, aligned with count. */
  title?: string[];
}

export interface PopularityBiasOptions extends ChartOptions {
  /**
   * Movies with fewer ratings get no dot (default 1: all): their means are the noisiest and, being
   * most of the catalogue, they bury the trend. The trend line always uses every movie.
   */
  minCount?: number;
}

/** Scatter of movies (log count vs mean), small and translucent, with the trend line of binned means. */
export function PopularityBias(
  data: PopularityBiasData,
  options: PopularityBiasOptions = {}
): SVGSVGElement | HTMLElement {
  const minCount = options.minCount ?? 1;
  const movies: {count: number; mean: number; title: string}[] = [];
  let rated = 0;
  for (let m = 0; m < data.count.length; m++) {
    const mean = data.mean[m];
    if (!(data.count[m] > 0) || mean === null || Number.isNaN(mean)) continue;
    rated++;
    if (data.count[m] < minCount) continue;
    movies.push({count: data.count[m], mean, title: data.title?.[m] ?? `movie row ${m}`});
  }
  const trend = data.bins.lo
    .map((lo, b) => ({x: Math.sqrt(lo * Math.max(lo, data.bins.hi[b] - 1)), y: data.bins.meanOfMeans[b]}))
    .filter((d): d is {x: number; y: number} => d.y !== null);
  const color = options.color ?? FOCUS;
  return plot({
    ...chartFrame(options, 340),
    marginLeft: 50,
    ariaLabel: `Mean rating against number of ratings for ${movies.length} of ${rated} movies, with the binned trend`,
    x: {type: "log", label: "Ratings of the movie (log)", grid: true},
    y: {label: "Mean rating", grid: true},
    marks: [
      Plot.dot(movies, {
        x: "count",
        y: "mean",
        r: 1.6,
        fill: color,
        fillOpacity: 0.35,
        tip: {channels: {Movie: "title"}}
      }),
      Plot.line(trend, {x: "x", y: "y", stroke: ALERT, strokeWidth: 2.5}),
      Plot.dot(trend, {x: "x", y: "y", fill: ALERT, r: 3.5})
    ]
  });
}

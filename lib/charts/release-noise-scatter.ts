/** Rating time against release date: every rating under the diagonal was given before its movie came out. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {ALERT, chartFrame, type ChartOptions} from "./chart-options.js";

export interface ReleaseNoisePoints {
  /** Release cutoff per point, unix seconds. */
  release: number[];
  /** Rating time per point, unix seconds. */
  rated: number[];
  /** 1 for a rating before release (highlighted), 0 for an ordinary one. */
  before: number[];
}

export interface ReleaseNoiseScatterOptions extends ChartOptions {
  /** Only points whose release date is on or after this date (default: all). */
  from?: Date;
  /** Only points whose release date is on or before this date (default: all). */
  to?: Date;
}

/**
 * Ordinary ratings as faint dots, before-release ones as red dots drawn on top, and the line
 * "rated = released": points below it are impossible.
 */
export function ReleaseNoiseScatter(
  data: ReleaseNoisePoints,
  options: ReleaseNoiseScatterOptions = {}
): SVGSVGElement | HTMLElement {
  const lo = options.from ? options.from.getTime() : -Infinity;
  const hi = options.to ? options.to.getTime() : Infinity;
  const ordinary: {release: Date; rated: Date}[] = [];
  const early: {release: Date; rated: Date; days: number}[] = [];
  for (let i = 0; i < data.rated.length; i++) {
    const release = new Date(data.release[i] * 1000);
    if (release.getTime() < lo || release.getTime() > hi) continue;
    const rated = new Date(data.rated[i] * 1000);
    if (data.before[i] === 1) early.push({release, rated, days: Math.round((data.release[i] - data.rated[i]) / 86400)});
    else ordinary.push({release, rated});
  }
  const all = [...ordinary, ...early];
  const t0 = Math.min(...all.map((d) => d.rated.getTime()));
  const t1 = Math.max(...all.map((d) => d.rated.getTime()));
  const diagonal = all.length
    ? [
        {x: new Date(t0), y: new Date(t0)},
        {x: new Date(t1), y: new Date(t1)}
      ]
    : [];
  return plot({
    ...chartFrame(options, 360),
    marginLeft: 60,
    ariaLabel: `Rating date against release date: ${ordinary.length} ordinary ratings and ${early.length} ratings before release highlighted`,
    x: {type: "utc", label: "Movie release date"},
    y: {type: "utc", label: "Rating date", grid: true},
    color: {
      type: "categorical",
      domain: ["ordinary (sample)", "before release"],
      range: ["currentColor", ALERT],
      legend: true
    },
    marks: [
      Plot.dot(ordinary, {x: "release", y: "rated", r: 1.5, fill: "currentColor", fillOpacity: 0.18}),
      Plot.line(diagonal, {x: "x", y: "y", stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.6}),
      Plot.dot(early, {
        x: "release",
        y: "rated",
        r: 3,
        fill: ALERT,
        stroke: "var(--theme-background, white)",
        strokeWidth: 0.5,
        tip: {channels: {"Days early": "days"}}
      })
    ]
  });
}

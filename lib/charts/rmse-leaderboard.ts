/** A leaderboard of rating models: our mean error ± sd over folds as dots with bars, published figures as hollow diamonds. */
import * as Plot from "@observablehq/plot";
import {ALERT, chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface LeaderboardPoint {
  label: string;
  /** Mean error in stars. */
  mean: number;
  /** Standard deviation over folds (0 for one fold or a published figure). */
  sd: number;
  kind: "ours" | "published";
}

export interface RmseLeaderboardOptions extends ChartOptions {
  /** Axis label (default "RMSE (stars, lower is better)"). */
  metric?: string;
}

/** Rows in the order given (sort before); one row per label. */
export function RmseLeaderboard(
  points: readonly LeaderboardPoint[],
  options: RmseLeaderboardOptions = {}
): SVGSVGElement | HTMLElement {
  const ours = points.filter((p) => p.kind === "ours");
  const published = points.filter((p) => p.kind === "published");
  const best = ours.length > 0 ? Math.min(...ours.map((p) => p.mean)) : NaN;
  return Plot.plot({
    ...chartFrame(options, 40 + 22 * points.length),
    marginLeft: 230,
    ariaLabel: `Leaderboard of ${ours.length} measured models${published.length ? ` and ${published.length} published figures` : ""}; best measured mean ${best.toFixed(3)}`,
    x: {label: options.metric ?? "RMSE (stars, lower is better) →", grid: true, nice: true},
    y: {domain: points.map((p) => p.label), label: null},
    color: {
      domain: ["ours", "published"],
      range: [options.color ?? FOCUS, ALERT],
      legend: true,
      tickFormat: (k: string) => (k === "ours" ? "measured here (mean ± sd over folds)" : "published (theirs)")
    },
    marks: [
      Plot.ruleY(ours, {
        y: "label",
        x1: (p: LeaderboardPoint) => p.mean - p.sd,
        x2: (p: LeaderboardPoint) => p.mean + p.sd,
        stroke: "kind",
        strokeWidth: 2
      }),
      Plot.dot(ours, {
        y: "label",
        x: "mean",
        fill: "kind",
        r: 4,
        tip: true,
        title: (p: LeaderboardPoint) => `${p.label}\n${p.mean.toFixed(4)} ± ${p.sd.toFixed(4)}`
      }),
      Plot.dot(published, {
        y: "label",
        x: "mean",
        stroke: "kind",
        symbol: "diamond",
        r: 5,
        strokeWidth: 1.5,
        title: (p: LeaderboardPoint) => `${p.label} (published)\n${p.mean.toFixed(3)}`
      }),
      Plot.text(points, {
        y: "label",
        x: "mean",
        text: (p: LeaderboardPoint) => p.mean.toFixed(3),
        dx: 8,
        dy: -8,
        textAnchor: "start",
        fontSize: 9,
        fill: "currentColor"
      })
    ]
  });
}

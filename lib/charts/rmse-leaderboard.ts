/**
 * A leaderboard of models: our mean as a dot with a bar (± sd over folds, or a 95 % interval when the point
 * has lo and hi), published figures as hollow diamonds.
 */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {ALERT, chartFrame, FOCUS, labelMargin, type ChartOptions} from "./chart-options.js";

export interface LeaderboardPoint {
  label: string;
  /** Mean error in stars. */
  mean: number;
  /** Standard deviation over folds (0 for one fold or a published figure). */
  sd: number;
  /** A 95 % interval drawn instead of mean ± sd, when given (both ends). */
  lo?: number;
  hi?: number;
  kind: "ours" | "published";
  /** Points of different groups (e.g. measured on different folds) are ranked in separate panels. */
  group?: string;
}

export interface RmseLeaderboardOptions extends ChartOptions {
  /** Axis label (default "RMSE (stars, lower is better)"). */
  metric?: string;
  /** Higher is better (nDCG), for the best mean the chart's description names; default lower (RMSE). */
  higherIsBetter?: boolean;
  /** Legend text of our points (default "measured here (mean ± sd over folds)"). */
  oursLegend?: string;
}

/** The bar's ends: the interval when the point has one, else mean ± sd. */
function barLo(p: LeaderboardPoint): number {
  return p.lo ?? p.mean - p.sd;
}
function barHi(p: LeaderboardPoint): number {
  return p.hi ?? p.mean + p.sd;
}

/**
 * Rows in the order given (sort before); one row per label. With groups, one panel per group in order
 * of first appearance, each titled, on one shared x scale so positions still compare by eye.
 */
export function RmseLeaderboard(
  points: readonly LeaderboardPoint[],
  options: RmseLeaderboardOptions = {}
): SVGSVGElement | HTMLElement {
  const groups = [...new Set(points.map((p) => p.group ?? ""))];
  const anyPublished = points.some((p) => p.kind === "published");
  const width = options.width ?? 640;
  const lo = Math.min(...points.map(barLo));
  const hi = Math.max(...points.map(barHi));
  const xDomain = [lo - (hi - lo) * 0.02, hi + (hi - lo) * 0.02];
  const margin = labelMargin(
    points.map((p) => p.label),
    width
  );
  if (groups.length <= 1) return panel(points, {...options, width}, xDomain, margin, true, anyPublished);
  const doc = options.document ?? document;
  const root = doc.createElement("div");
  groups.forEach((group, i) => {
    const title = doc.createElement("p");
    title.style.cssText = "margin: 0.75rem 0 0; font: 600 13px var(--sans-serif, system-ui);";
    title.textContent = group;
    const members = points.filter((p) => (p.group ?? "") === group);
    root.append(title, panel(members, {...options, width, height: undefined}, xDomain, margin, i === 0, anyPublished));
  });
  return root;
}

function panel(
  points: readonly LeaderboardPoint[],
  options: RmseLeaderboardOptions,
  xDomain: number[],
  margin: {marginLeft: number; lineWidth: number},
  legend: boolean,
  anyPublished: boolean
): SVGSVGElement | HTMLElement {
  const ours = points.filter((p) => p.kind === "ours");
  const published = points.filter((p) => p.kind === "published");
  const means = ours.map((p) => p.mean);
  const best = ours.length > 0 ? (options.higherIsBetter ? Math.max(...means) : Math.min(...means)) : NaN;
  return plot({
    ...chartFrame(options, 40 + 22 * points.length),
    marginLeft: margin.marginLeft,
    // Room for the value printed to the right of the rightmost dot.
    marginRight: 40,
    ariaLabel: `Leaderboard of ${ours.length} measured models${published.length ? ` and ${published.length} published figures` : ""}; best measured mean ${best.toFixed(3)}`,
    x: {
      label: options.metric ?? "RMSE (stars, lower is better) →",
      grid: true,
      domain: xDomain,
      ticks: (options.width ?? 640) < 480 ? 3 : undefined
    },
    y: {domain: points.map((p) => p.label), label: null},
    color: {
      // Only the kinds shown get a legend entry (a page without published figures has no diamonds).
      domain: anyPublished ? ["ours", "published"] : ["ours"],
      range: [options.color ?? FOCUS, ALERT],
      legend,
      tickFormat: (k: string) =>
        k === "ours" ? (options.oursLegend ?? "measured here (mean ± sd over folds)") : "published (theirs)"
    },
    marks: [
      Plot.axisY({label: null, tickSize: 0, lineWidth: margin.lineWidth, textOverflow: "ellipsis"}),
      Plot.ruleY(ours, {
        y: "label",
        x1: barLo,
        x2: barHi,
        stroke: "kind",
        strokeWidth: 2
      }),
      Plot.dot(ours, {
        y: "label",
        x: "mean",
        fill: "kind",
        r: 4,
        tip: true,
        title: (p: LeaderboardPoint) =>
          `${p.label}\n${p.mean.toFixed(4)}${p.lo !== undefined && p.hi !== undefined ? ` [${p.lo.toFixed(4)}, ${p.hi.toFixed(4)}]` : p.sd > 0 ? ` ± ${p.sd.toFixed(4)}` : ""}`
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

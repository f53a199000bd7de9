/**
 * The Lab's per-fold chart: each run's RMSE on each fold (dots) and its mean (a tick), one line per
 * run, so that the spread over folds sits beside the difference between runs.
 */
import * as Plot from "@observablehq/plot";
import {plot} from "../charts/plot.js";
import type {RecommenderCvJson} from "../reports/cv-result.js";

/** One chart of the runs' fold RMSEs, wrapped in `div[data-chart=lab-folds]`. */
export function FoldChart(
  runs: readonly RecommenderCvJson[],
  options: {width?: number; document?: Document} = {}
): HTMLElement {
  const doc = options.document ?? document;
  const label = (r: RecommenderCvJson) => `${r.model} · ${r.id.slice(-8)}`;
  const dots = runs.flatMap((r) =>
    r.folds
      .filter((f) => typeof f.rmse === "number")
      .map((f) => ({run: label(r), fold: f.fold, rmse: f.rmse as number}))
  );
  const means = runs.flatMap((r) => (r.rmse ? [{run: label(r), rmse: r.rmse.mean}] : []));
  const wrapper = doc.createElement("div");
  wrapper.className = "card";
  wrapper.dataset.chart = "lab-folds";
  wrapper.append(
    plot({
      document: doc,
      width: options.width ?? 640,
      marginLeft: 170,
      height: 40 + 26 * runs.length,
      ariaLabel: `RMSE of each fold for ${runs.length} run(s), one row per run, with each run's mean`,
      x: {label: "RMSE per fold (lower is better)", grid: true},
      y: {label: null, domain: runs.map(label)},
      marks: [
        Plot.dot(dots, {x: "rmse", y: "run", r: 3, tip: true, title: (d) => `${d.fold}: ${d.rmse.toFixed(4)}`}),
        Plot.tickX(means, {x: "rmse", y: "run", strokeWidth: 2})
      ]
    })
  );
  return wrapper;
}

/**
 * Runs compared on their headline metric (RMSE for rating models, nDCG@k for top-N): each fold's value
 * as a dot and the mean as a tick, one line per run, one panel per metric (RMSE and nDCG do not share
 * an axis). The spread over folds sits beside the difference between runs, as in the Lab's fold chart.
 */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import type {RecommenderCvJson} from "../reports/cv-result.js";
import {foldMetric, headlineMetric, lowerIsBetter} from "../runs/record.js";
import {labelMargin} from "./chart-options.js";

/** The label of a run in the chart: model and the id's random part. */
export function runLabel(r: RecommenderCvJson): string {
  return `${r.model} · ${r.id.slice(-8)}`;
}

/** One panel per headline metric, in a `div` (runs without a headline metric are left out). */
export function RunFolds(
  runs: readonly RecommenderCvJson[],
  options: {width?: number; document?: Document} = {}
): HTMLElement {
  const doc = options.document ?? document;
  const width = options.width ?? 640;
  const byMetric = new Map<string, RecommenderCvJson[]>();
  for (const r of runs) {
    const h = headlineMetric(r);
    if (h !== null) byMetric.set(h.name, [...(byMetric.get(h.name) ?? []), r]);
  }
  const box = doc.createElement("div");
  for (const [metric, group] of byMetric) {
    const labels = group.map(runLabel);
    const dots = group.flatMap((r) =>
      r.folds.flatMap((f) => {
        const x = foldMetric(f, metric);
        return x === undefined ? [] : [{run: runLabel(r), fold: f.fold, value: x}];
      })
    );
    const means = group.map((r) => ({run: runLabel(r), value: headlineMetric(r)!.value.mean}));
    const {marginLeft, lineWidth} = labelMargin(labels, width);
    const label = `${metric} per fold (${lowerIsBetter(metric) ? "lower" : "higher"} is better)`;
    box.append(
      plot({
        document: doc,
        width,
        marginLeft,
        height: 50 + 26 * group.length,
        x: {grid: true},
        y: {domain: labels},
        marks: [
          Plot.axisX({label}),
          Plot.axisY({lineWidth, label: null}),
          Plot.dot(dots, {x: "value", y: "run", r: 3, tip: true, title: (d) => `${d.fold}: ${d.value.toFixed(4)}`}),
          Plot.tickX(means, {x: "value", y: "run", strokeWidth: 2})
        ],
        ariaLabel: `${metric} by run: ${means.map((m) => `${m.run} ${m.value.toFixed(4)}`).join("; ")}`
      })
    );
  }
  return box;
}

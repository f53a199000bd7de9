/** Learning curves of boosting: training and validation log loss per round, with the best round marked. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {ALERT, chartFrame, FOCUS, type ChartOptions} from "./chart-options.js";

export interface LearningCurvesData {
  trainLoss: number[];
  /** Empty when there was no validation set. */
  validLoss: number[];
  /** 0-based best round (early stopping), marked with a rule. */
  bestIteration?: number;
}

/** Two lines over rounds 1..n: "training" and "validation" multi-class log loss. */
export function LearningCurves(data: LearningCurvesData, options: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const rows = [
    ...data.trainLoss.map((loss, i) => ({round: i + 1, loss, set: "training"})),
    ...data.validLoss.map((loss, i) => ({round: i + 1, loss, set: "validation"}))
  ];
  const best = data.bestIteration;
  const bestLoss = best !== undefined ? data.validLoss[best] : undefined;
  // The label goes on the side of the rule with room for it.
  const rightHalf = best !== undefined && best + 1 > data.trainLoss.length / 2;
  return plot({
    ...chartFrame(options, 280),
    marginLeft: 55,
    ariaLabel:
      `Learning curves over ${data.trainLoss.length} rounds: training log loss ${fmt(data.trainLoss[data.trainLoss.length - 1])}` +
      (data.validLoss.length
        ? `, validation log loss ${fmt(data.validLoss[data.validLoss.length - 1])} at the last round`
        : ""),
    x: {label: "Boosting round", grid: true},
    y: {label: "Log loss", grid: true, zero: false},
    color: {domain: ["training", "validation"], range: [options.color ?? FOCUS, ALERT], legend: true},
    marks: [
      Plot.line(rows, {
        x: "round",
        y: "loss",
        stroke: "set",
        strokeWidth: 2,
        tip: {format: {y: (v: number) => v.toFixed(4)}}
      }),
      ...(best !== undefined && bestLoss !== undefined
        ? [
            Plot.ruleX([best + 1], {stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.6}),
            Plot.text([best + 1], {
              x: (d: number) => d,
              frameAnchor: "top",
              dy: 4,
              ...(rightHalf ? {dx: -4, textAnchor: "end"} : {dx: 4, textAnchor: "start"}),
              text: () => `best round ${best + 1}`
            })
          ]
        : [])
    ]
  });
}

function fmt(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(4);
}

import {describe, expect, it} from "vitest";
import {RunFolds, runLabel} from "../../lib/charts/run-folds.js";
import {cvRecord} from "../runs/fixture.js";
import {jsdomDocument} from "./render.js";

describe("RunFolds", () => {
  it("draws one panel per headline metric: each fold a dot, each run's mean a tick", () => {
    const a = cvRecord([0.9, 1.0], {id: "cli-x-00000001"});
    const b = cvRecord([0.8, 0.85], {id: "cli-x-00000002", model: "mf"});
    const rank = cvRecord([0.9, 1.0], {
      id: "cli-x-00000003",
      model: "popular",
      rmse: undefined,
      metrics: {"ndcg@10": {mean: 0.25, sd: 0.01}}
    });
    rank.folds = [
      {fold: "seed42", "ndcg@10": 0.25, fit_seconds: 1, predict_seconds: 1, n_train: 75, n_test: 25, fallbacks: 0}
    ];
    const el = RunFolds([a, b, rank], {width: 500, document: jsdomDocument()});
    const svgs = [...el.querySelectorAll(":scope > svg")];
    expect(svgs).toHaveLength(2);
    expect(svgs[0].getAttribute("aria-label")).toBe(
      `rmse by run: ${runLabel(a)} ${a.rmse!.mean.toFixed(4)}; ${runLabel(b)} ${b.rmse!.mean.toFixed(4)}`
    );
    expect(svgs[0].querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(4);
    expect(svgs[0].querySelectorAll('g[aria-label="tick"] line')).toHaveLength(2);
    expect(svgs[0].textContent).toContain("rmse per fold (lower is better)");
    expect(svgs[1].getAttribute("aria-label")).toBe(`ndcg@10 by run: popular · 00000003 0.2500`);
    expect(svgs[1].textContent).toContain("ndcg@10 per fold (higher is better)");
  });

  it("leaves out runs with no headline metric", () => {
    const none = cvRecord([0.9, 1.0], {rmse: undefined});
    expect(RunFolds([none], {document: jsdomDocument()}).children).toHaveLength(0);
  });
});

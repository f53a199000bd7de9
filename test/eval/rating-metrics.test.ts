import {describe, expect, it} from "vitest";
import {mae, rmse} from "../../lib/eval/rating-metrics.js";
import {crossValidate, meanSd} from "../../lib/eval/cross-validate.js";
import {globalMeanModel} from "../../lib/models/baselines/global-mean.js";
import {ratingsOf, trainOf} from "../models/fixtures.js";

describe("rating metrics", () => {
  it("computes RMSE and MAE by hand", () => {
    // errors 1, −2, 0, 1: squares 1 4 0 1 → mean 1.5; absolute 1 2 0 1 → mean 1
    expect(rmse([3, 4, 5, 1], [4, 2, 5, 2])).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(mae([3, 4, 5, 1], [4, 2, 5, 2])).toBe(1);
    expect(rmse([2], [2])).toBe(0);
  });

  it("rejects empty and mismatched input", () => {
    expect(() => rmse([], [])).toThrow(/no ratings/);
    expect(() => mae([1, 2], [1])).toThrow(/2 true ratings but 1 predictions/);
  });

  it("gives mean and sample sd", () => {
    expect(meanSd([1, 2, 3])).toEqual({mean: 2, sd: 1});
    expect(meanSd([4])).toEqual({mean: 4, sd: 0});
  });

  it("evaluates a model over folds with per-fold figures", async () => {
    const fold = (name: string, test: Array<[number, number, number]>) => ({
      name,
      train: trainOf(
        [
          [0, 0, 2],
          [1, 1, 4]
        ],
        3,
        3
      ),
      test: ratingsOf(test)
    });
    const r = await crossValidate(globalMeanModel, [
      fold("a", [
        [0, 1, 4],
        [2, 2, 3]
      ]),
      fold("b", [[1, 0, 1]])
    ]);
    // mean 3: fold a errors 1, 0 → rmse √0.5, mae 0.5; fold b error 2
    expect(r.folds.map((f) => f.fold)).toEqual(["a", "b"]);
    expect(r.folds[0].metrics.rmse).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(r.folds[0].metrics.mae).toBe(0.5);
    expect(r.folds[1].metrics.rmse).toBe(2);
    expect(r.metrics.rmse.mean).toBeCloseTo((Math.sqrt(0.5) + 2) / 2, 12);
    expect(r.fitSeconds.mean).toBeGreaterThanOrEqual(0);
    // The per-user errors behind them stay in memory for intervals and group figures.
    const e = r.folds[0].perUser!.errors!;
    expect(Array.from(e.users)).toEqual([0, 2]);
    expect(Array.from(e.sse)).toEqual([1, 0]);
    expect(r.folds[0].perUser!.ranking).toBeUndefined();
    const ranked = await crossValidate(globalMeanModel, [fold("a", [[0, 1, 4]])], {metrics: ["ranking"], ks: [2]});
    expect(Object.keys(ranked.folds[0].metrics)).toContain("map_msr_old@2");
    expect(Array.from(ranked.folds[0].perUser!.ranking!.values["ndcg@2"]).length).toBe(1);
  });
});

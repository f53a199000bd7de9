import {describe, expect, it} from "vitest";
import {summarizeFolds, type FoldScore} from "../../lib/eval/cross-validate.js";
import {checkRunRecord} from "../../lib/runs/record.js";
import {rankRunRecord} from "../../lib/runs/rank-record.js";

const fold = (name: string, ndcg: number, fitSeconds: number, nTrain: number): FoldScore => ({
  fold: name,
  nTrain,
  nTest: 1000 - nTrain,
  fallbacks: 0,
  fitSeconds,
  predictSeconds: 2,
  metrics: {"precision@5": 0.2, "recall@5": 0.1, "ndcg@5": ndcg, "map@5": 0.05, "hit_rate@5": 0.6, "coverage@5": 0.3}
});
const meta = {
  dataset: "tiny",
  fingerprint: `sha256:${"c".repeat(64)}`,
  n_ratings: 1000,
  model: "popular",
  description: "most rated",
  protocol: "msr" as const,
  seed: 1,
  params: {k: 5},
  wall_seconds: 2,
  users: [50, 49],
  rankSeconds: [2, 2],
  created_at: "2026-12-07T01:00:00.000Z"
};

describe("rankRunRecord", () => {
  it("makes each split seed a fold and summarises mean ± sd over seeds, as a valid run record", () => {
    const r = rankRunRecord(summarizeFolds("popular", [fold("seed1", 0.3, 1, 750), fold("seed2", 0.4, 3, 751)]), meta);
    expect(() => checkRunRecord(r, "rank")).not.toThrow();
    expect(r).toMatchObject({kind: "rank", protocol: "msr", seed: 1, source: "cli"});
    expect(r.id).toMatch(/^cli-20261207T010000Z-[0-9a-f]{8}$/);
    expect(r.folds.map((f) => f.fold)).toEqual(["seed1", "seed2"]);
    expect(r.folds[1]).toMatchObject({
      "ndcg@5": 0.4,
      "hit_rate@5": 0.6,
      users: 49,
      n_train: 751,
      n_test: 249,
      predict_seconds: 2
    });
    expect(r.metrics!["ndcg@5"].mean).toBeCloseTo(0.35, 12);
    expect(r.metrics!["ndcg@5"].sd).toBeCloseTo(0.1 / Math.SQRT2, 12);
    expect(r.fit_seconds).toEqual({mean: 2, sd: Math.SQRT2});
    expect(r.rmse).toBeUndefined();
  });

  it("needs at least one fold", () => {
    expect(() =>
      rankRunRecord(
        {model: "popular", folds: [], metrics: {}, fitSeconds: {mean: 0, sd: 0}, predictSeconds: {mean: 0, sd: 0}},
        meta
      )
    ).toThrow(/no folds/);
  });
});

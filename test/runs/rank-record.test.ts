import {describe, expect, it} from "vitest";
import {checkRunRecord} from "../../lib/runs/record.js";
import {rankRunRecord} from "../../lib/runs/rank-record.js";

const summary = (k: number, ndcg: number) => ({
  k,
  precision: 0.2,
  recall: 0.1,
  ndcg,
  map: 0.05,
  hitRate: 0.6,
  coverage: 0.3,
  users: 50
});
const meta = {
  dataset: "tiny",
  fingerprint: `sha256:${"c".repeat(64)}`,
  n_ratings: 1000,
  model: "popular",
  description: "most rated",
  params: {k: 5},
  wall_seconds: 2,
  created_at: "2026-12-07T01:00:00.000Z"
};

describe("rankRunRecord", () => {
  it("makes each split seed a fold and summarises mean ± sd over seeds, as a valid run record", () => {
    const r = rankRunRecord(
      [
        {seed: 1, summary: summary(5, 0.3), fitSeconds: 1, rankSeconds: 2, nTrain: 750, nTest: 250},
        {seed: 2, summary: summary(5, 0.4), fitSeconds: 3, rankSeconds: 2, nTrain: 751, nTest: 249}
      ],
      meta
    );
    expect(() => checkRunRecord(r, "rank")).not.toThrow();
    expect(r).toMatchObject({kind: "rank", protocol: "msr", seed: 1, source: "cli"});
    expect(r.id).toMatch(/^cli-20261207T010000Z-[0-9a-f]{8}$/);
    expect(r.folds.map((f) => f.fold)).toEqual(["seed1", "seed2"]);
    expect(r.folds[1]).toMatchObject({"ndcg@5": 0.4, "hit_rate@5": 0.6, n_train: 751, n_test: 249, predict_seconds: 2});
    expect(r.metrics!["ndcg@5"].mean).toBeCloseTo(0.35, 12);
    expect(r.metrics!["ndcg@5"].sd).toBeCloseTo(0.1 / Math.SQRT2, 12);
    expect(r.fit_seconds).toEqual({mean: 2, sd: Math.SQRT2});
    expect(r.rmse).toBeUndefined();
  });

  it("needs at least one seed", () => {
    expect(() => rankRunRecord([], meta)).toThrow(/no seeds/);
  });
});

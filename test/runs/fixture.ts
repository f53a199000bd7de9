// A hand-made run record (two folds, known figures) for the tests of lib/runs/.
import type {RunRecord} from "../../lib/runs/record.js";

/** A cv record on two folds with the given per-fold RMSEs (MAE = RMSE − 0.2). */
export function cvRecord(rmse: [number, number], over: Partial<RunRecord> = {}): RunRecord {
  const folds = rmse.map((r, i) => ({
    fold: `fold${i + 1}`,
    rmse: r,
    mae: r - 0.2,
    fit_seconds: 0.5 + i,
    predict_seconds: 0.1,
    n_train: 80,
    n_test: 20,
    fallbacks: i
  }));
  const mean = (rmse[0] + rmse[1]) / 2;
  const sd = Math.abs(rmse[0] - rmse[1]) / Math.SQRT2;
  return {
    record: "movielab-cv-run/1",
    id: "cli-20261207T010000Z-00000001",
    source: "cli",
    created_at: "2026-12-07T01:00:00.000Z",
    dataset: "tiny",
    fingerprint: `sha256:${"a".repeat(64)}`,
    n_ratings: 100,
    model: "baseline",
    description: "biases",
    protocol: "k-fold",
    seed: 42,
    params: {epochs: 10},
    folds,
    rmse: {mean, sd},
    mae: {mean: mean - 0.2, sd},
    fit_seconds: {mean: 1, sd: 0.7},
    predict_seconds: {mean: 0.1, sd: 0},
    wall_seconds: 1.5,
    ...over
  };
}

// ml-xgboost (the npm package the brief names: XGBoost 0.7 compiled to WebAssembly) as an
// independent reference: both train on the same 20,000-row sample with the same parameters;
// accuracies must agree within 1 point. It runs in a child process (ml-xgboost-runner.mjs).
// Its data must have no NaN (it crashes) and no -1 (its hard-coded missing value).
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {predictClass} from "../../../lib/models/gbdt/predict.js";
import {syntheticClassification} from "../../../lib/models/gbdt/synthetic.js";
import {trainGbdt} from "../../../lib/models/gbdt/train.js";
import {runReference, writeReferenceMatrix} from "../../helpers/reference-matrix.js";
import {accuracy} from "./fixtures.js";

const RUNNER = resolve(import.meta.dirname, "ml-xgboost-runner.mjs");

describe("ml-xgboost reference", () => {
  const dir = mkdtempSync(join(tmpdir(), "gbdt-mlxgb-"));
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it("same 20,000-row sample, same parameters: accuracy within 1 point", {timeout: 300_000}, () => {
    const n = 20000;
    const nt = 10000;
    const rounds = 40;
    const s = syntheticClassification(n + nt, 5, 31);
    // Drop feature 13 (it has NaN) and keep 13 complete features.
    const d = s.d - 1;
    const x = new Float32Array((n + nt) * d);
    for (let i = 0; i < n + nt; i++)
      for (let f = 0; f < d; f++) x[i * d + f] = s.features[i * s.d + f] === -1 ? -0.999 : s.features[i * s.d + f];
    writeReferenceMatrix(dir, {features: x, labels: s.labels, nTrain: n, nTest: nt, d, numClass: 5});

    const stdout = runReference("ml-xgboost runner", process.execPath, [RUNNER, dir, String(rounds)], 280_000);
    const ref = JSON.parse(stdout.trim().split("\n").at(-1)!) as {accuracy: number};

    const model = trainGbdt(
      {features: x.slice(0, n * d), labels: s.labels.slice(0, n), n},
      {num_class: 5, n_estimators: rounds, max_depth: 6, learning_rate: 0.3}
    );
    const ours = accuracy(predictClass(model, x.slice(n * d), nt), s.labels.slice(n));
    console.info(
      `ml-xgboost reference: accuracy ${ref.accuracy.toFixed(4)} vs ours ${ours.toFixed(4)} (20,000 train rows, ${rounds} rounds)`
    );
    expect(ref.accuracy).toBeGreaterThan(0.3);
    expect(Math.abs(ours - ref.accuracy)).toBeLessThan(0.01);
  });
});

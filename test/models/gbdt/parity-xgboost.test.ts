// Parity with native XGBoost 1.7 (hist): on data with at most 256 distinct values per feature the
// quantile cuts are the values themselves, so both must grow the same trees. Skips without
// Debian's python3-xgboost.
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import type {GbdtParams} from "../../../lib/models/gbdt/params.js";
import {predictProba} from "../../../lib/models/gbdt/predict.js";
import {syntheticClassification} from "../../../lib/models/gbdt/synthetic.js";
import {trainGbdt} from "../../../lib/models/gbdt/train.js";
import {runReference, writeReferenceMatrix} from "../../helpers/reference-matrix.js";

const PYTHON = "/usr/bin/python3";
const HAS_XGBOOST = spawnSync(PYTHON, ["-c", "import xgboost"]).status === 0;
const SCRIPT = resolve(import.meta.dirname, "../../../bench/peers/xgb_matrix.py");

describe.skipIf(!HAS_XGBOOST)("parity with native XGBoost 1.7 hist", () => {
  const dir = mkdtempSync(join(tmpdir(), "gbdt-parity-"));
  afterAll(() => rmSync(dir, {recursive: true, force: true}));
  const n = 4000;
  const nt = 1000;
  const s = syntheticClassification(n + nt, 3, 21);
  const d = s.d;
  const x = s.features;
  // At most ~250 distinct values per feature (NaN kept in feature 13).
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) x[i] = Math.min(Math.round(x[i] * 8) / 8, 150);
  writeReferenceMatrix(dir, {features: x, labels: s.labels, nTrain: n, nTest: nt, d, numClass: 3});

  function compare(params: Partial<GbdtParams>): number {
    runReference("xgb_matrix.py", PYTHON, [SCRIPT, dir, "1", JSON.stringify(params)]);
    const raw = readFileSync(join(dir, "proba_native_1.f32"));
    const native = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const model = trainGbdt({features: x.slice(0, n * d), labels: s.labels.slice(0, n), n}, {num_class: 3, ...params});
    const ours = predictProba(model, x.slice(n * d), nt);
    expect(ours.length).toBe(native.length);
    let worst = 0;
    for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - native[i]));
    return worst;
  }

  it("default parameters (depth 6, eta 0.3, lambda 1), 20 rounds, missing values: probabilities agree to 1e-5", () => {
    expect(compare({n_estimators: 20})).toBeLessThan(1e-5);
  });

  it("with min_child_weight, reg_lambda, reg_alpha, gamma and max_depth changed", () => {
    expect(
      compare({
        n_estimators: 15,
        max_depth: 4,
        min_child_weight: 5,
        reg_lambda: 3,
        reg_alpha: 0.5,
        gamma: 0.2,
        learning_rate: 0.1
      })
    ).toBeLessThan(1e-5);
  });
});

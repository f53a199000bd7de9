import {describe, expect, it} from "vitest";
import {
  baseMargin,
  gradientsAndMetrics,
  metricValue,
  transformMargins,
  validateLabels
} from "../../../lib/models/gbdt/objective.js";

/** Softmax cross-entropy of one row, in float64. */
function softmaxLoss(m: number[], y: number): number {
  const mx = Math.max(...m);
  const s = m.reduce((a, v) => a + Math.exp(v - mx), 0);
  return -(m[y] - mx - Math.log(s));
}

describe("multi:softprob gradients", () => {
  it("g equals the finite-difference derivative of the log loss, h = 2p(1 − p)", () => {
    const K = 4;
    const rows = [
      {m: [0.3, -1.2, 2.0, 0.1], y: 2},
      {m: [1.5, 1.4, -0.5, 0.0], y: 0},
      {m: [-2, 0.5, 0.5, 3], y: 1}
    ];
    const n = rows.length;
    const margins = Float32Array.from(rows.flatMap((r) => r.m));
    const labels = Int32Array.from(rows.map((r) => r.y));
    const gh = new Float64Array(2 * n * K);
    gradientsAndMetrics("multi:softprob", margins, labels, null, n, K, gh);
    const eps = 1e-4;
    rows.forEach((r, i) => {
      for (let k = 0; k < K; k++) {
        const up = [...r.m];
        const down = [...r.m];
        up[k] += eps;
        down[k] -= eps;
        const fd = (softmaxLoss(up, r.y) - softmaxLoss(down, r.y)) / (2 * eps);
        expect(gh[2 * n * k + 2 * i]).toBeCloseTo(fd, 5);
        const fd2 = (softmaxLoss(up, r.y) - 2 * softmaxLoss(r.m, r.y) + softmaxLoss(down, r.y)) / (eps * eps);
        // XGBoost's hessian is twice the diagonal of the true one (its documented choice).
        expect(gh[2 * n * k + 2 * i + 1]).toBeCloseTo(2 * fd2, 2);
      }
    });
  });

  it("scales g and h by the row weight and floors h at 1e-16", () => {
    const margins = Float32Array.from([0, 0, 80, 0]);
    const labels = Int32Array.from([0, 1]);
    const gh = new Float64Array(8);
    gradientsAndMetrics("multi:softprob", margins, labels, Float32Array.from([2, 1]), 2, 2, gh);
    expect(gh[0]).toBeCloseTo(2 * (0.5 - 1), 6);
    expect(gh[1]).toBeCloseTo(2 * 0.5, 6);
    // Row 1: p(class 0) ≈ 1, so h = 2p(1 − p) underflows and is floored.
    expect(gh[3]).toBe(1e-16);
  });

  it("reports mlogloss and merror as XGBoost defines them", () => {
    const margins = Float32Array.from([2, 0, 0, 0, 0, 2]);
    const labels = Int32Array.from([0, 1]);
    const s = gradientsAndMetrics("multi:softprob", margins, labels, null, 2, 3, null);
    const p0 = Math.exp(2) / (Math.exp(2) + 2);
    const p1 = 1 / (Math.exp(2) + 2);
    expect(metricValue("mlogloss", s)).toBeCloseTo((-Math.log(p0) - Math.log(p1)) / 2, 6);
    expect(metricValue("merror", s)).toBe(0.5);
  });
});

describe("binary:logistic and reg:squarederror", () => {
  it("logistic g = p − y matches the finite difference, base margin is the logit of base_score", () => {
    const m = 0.7;
    const gh = new Float64Array(2);
    gradientsAndMetrics("binary:logistic", Float32Array.of(m), Int32Array.of(1), null, 1, 1, gh);
    const loss = (z: number) => Math.log(1 + Math.exp(-z));
    expect(gh[0]).toBeCloseTo((loss(m + 1e-4) - loss(m - 1e-4)) / 2e-4, 5);
    expect(baseMargin("binary:logistic", 0.5)).toBe(0);
    expect(baseMargin("binary:logistic", 0.8)).toBeCloseTo(Math.log(4), 6);
  });

  it("squared error g = pred − y, h = 1, rmse", () => {
    const gh = new Float64Array(4);
    const s = gradientsAndMetrics("reg:squarederror", Float32Array.of(1, 2), Float64Array.of(3, 2), null, 2, 1, gh);
    expect(Array.from(gh)).toEqual([-2, 1, 0, 1]);
    expect(metricValue("rmse", s)).toBeCloseTo(Math.sqrt(2), 6);
  });

  it("transformMargins turns margins into probabilities", () => {
    const m = Float32Array.from([1, 2, 3]);
    transformMargins("multi:softprob", m, 1, 3);
    expect(m[0] + m[1] + m[2]).toBeCloseTo(1, 6);
    expect(m[2]).toBeGreaterThan(m[1]);
  });
});

describe("validateLabels", () => {
  it("names the first bad row and what was expected", () => {
    expect(() => validateLabels("multi:softprob", Int32Array.of(0, 1, 5), 3, 5)).toThrow(
      "labels: row 2 has label 5, expected an integer class from 0 to 4"
    );
    expect(() => validateLabels("binary:logistic", Float32Array.of(0, 0.5), 2, 1)).toThrow(/row 1 has label 0.5/);
    expect(() => validateLabels("reg:squarederror", Float32Array.of(0, NaN), 2, 1)).toThrow(
      /row 1 has label NaN, expected a finite number/
    );
    expect(() => validateLabels("multi:softprob", Int32Array.of(0), 2, 5)).toThrow(/expected one label per row/);
  });
});

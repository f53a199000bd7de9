import {describe, expect, it} from "vitest";
import {buildCsr} from "../../../lib/linalg/sparse.js";
import {rp3betaModel, rp3betaWeights} from "../../../lib/models/implicit/rp3beta.js";

// Three users: u0 rated movies {0, 1}, u1 {0, 1, 2}, u2 {1, 2}. Degrees: users 2, 3, 2; movies 2, 3, 2.
const x = buildCsr(
  Int32Array.of(0, 0, 1, 1, 1, 2, 2),
  Int32Array.of(0, 1, 0, 1, 2, 1, 2),
  new Float32Array(7).fill(1),
  3,
  3
);

describe("rp3beta", () => {
  it("weights a walk item → user → item by deg^−α per step and the arrival's deg^−β (hand-computed)", () => {
    const w = rp3betaWeights(x, 1, 0.5, 10);
    const expected = [
      [0, 0.5 * (1 / 2 + 1 / 3) * 3 ** -0.5, 0.5 * (1 / 3) * 2 ** -0.5],
      [(1 / 3) * (1 / 2 + 1 / 3) * 2 ** -0.5, 0, (1 / 3) * (1 / 3 + 1 / 2) * 2 ** -0.5],
      [0.5 * (1 / 3) * 2 ** -0.5, 0.5 * (1 / 3 + 1 / 2) * 3 ** -0.5, 0]
    ];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(w[i * 3 + j]).toBeCloseTo(expected[i][j], 6);
  });

  it("keeps each movie's k strongest neighbours only", () => {
    const w = rp3betaWeights(x, 1, 0.5, 1);
    expect(Array.from(w.slice(0, 3), (v) => v > 0)).toEqual([false, true, false]);
    expect(Array.from(w.slice(6, 9), (v) => v > 0)).toEqual([false, true, false]);
    expect(w.slice(3, 6).filter((v) => v > 0).length).toBe(1);
  });

  it("β = 0 and α = 1 is the plain three-step walk: each row sums to 1 before pruning", () => {
    const w = rp3betaWeights(x, 1, 0, 10);
    // With the diagonal (return to the start) removed, each row sums to 1 − P(i → i).
    const back = [0.5 * (1 / 2 + 1 / 3), (1 / 3) * (1 / 2 + 1 / 3 + 1 / 2), 0.5 * (1 / 3 + 1 / 2)];
    for (let i = 0; i < 3; i++) expect(w[i * 3] + w[i * 3 + 1] + w[i * 3 + 2]).toBeCloseTo(1 - back[i], 6);
  });

  it("rejects a negative α or β and a k below 1", () => {
    expect(() => rp3betaWeights(x, -1, 0, 5)).toThrow(/expected ≥ 0/);
    expect(() => rp3betaWeights(x, 1, 0, 0)).toThrow(/expected an integer ≥ 1/);
    expect(rp3betaModel.task).toBe("ranking");
  });
});

import {describe, expect, it} from "vitest";
import {compareWithBest, pairedBootstrap, pairedSignFlip, pairedTTest} from "../../lib/eval/paired-tests.js";

describe("paired tests against the best model", () => {
  it("computes the paired t-test over folds by hand", () => {
    // Differences 0.1, 0.2, −0.1, 0.3, 0.4: mean 0.18, sd √0.037, t = 0.18 / (√0.037 / √5) = 2.0925, df 4 → p = 0.1045.
    const t = pairedTTest([1, 2, 3, 4, 5], [0.9, 1.8, 3.1, 3.7, 4.6]);
    expect(t.meanDifference).toBeCloseTo(0.18, 12);
    expect(t.p).toBeCloseTo(0.1045, 3);
    expect(t.indistinguishable).toBe(true);
    expect(t.difference.lo).toBeLessThan(0);
    expect(t.difference.hi).toBeGreaterThan(0);
  });

  it("separates a model that is worse on every fold by a steady margin, and not one that only differs by noise", () => {
    const best = [0.9, 0.92, 0.95, 0.91, 0.93];
    const worse = pairedTTest(
      best.map((x, i) => x + 0.02 + [0.001, -0.001, 0.002, 0, -0.002][i]),
      best
    );
    expect(worse.p).toBeLessThan(0.001);
    expect(worse.indistinguishable).toBe(false);
    expect(worse.difference.lo).toBeGreaterThan(0);
    const noisy = pairedTTest(
      best.map((x, i) => x + [0.01, -0.012, 0.008, -0.009, 0.002][i]),
      best
    );
    expect(noisy.indistinguishable).toBe(true);
    expect(pairedTTest(best, best).p).toBe(1);
    expect(() => pairedTTest([1], [2])).toThrow(/at least two folds/);
    expect(() => pairedTTest([1, 2], [2])).toThrow(/same units/);
  });

  it("sign-flips per-user differences: obvious both ways, seeded", () => {
    const n = 200;
    const base = Array.from({length: n}, (_, i) => ((i * 13) % 17) / 17);
    // Better for every user: no sign pattern reaches the observed mean except all +, so p = 1 / (B + 1).
    const better = pairedSignFlip(
      base.map((x) => x + 0.1),
      base,
      {resamples: 999}
    );
    expect(better.p).toBeCloseTo(1 / 1000, 12);
    expect(better.indistinguishable).toBe(false);
    expect(better.difference.lo).toBeCloseTo(0.1, 12);
    // Differences ±0.1 alternating: mean 0, every flip is as extreme, p = 1.
    const same = pairedSignFlip(
      base.map((x, i) => x + (i % 2 ? 0.1 : -0.1)),
      base
    );
    expect(same.p).toBe(1);
    expect(same.indistinguishable).toBe(true);
    expect(
      pairedSignFlip(
        base,
        base.map((x) => x * 0.9),
        {seed: 3}
      )
    ).toEqual(
      pairedSignFlip(
        base,
        base.map((x) => x * 0.9),
        {seed: 3}
      )
    );
  });

  it("compares every model with the best by mean, lowest or highest", () => {
    const folds = compareWithBest(
      [
        {name: "a", values: [0.95, 0.96, 0.97]},
        {name: "b", values: [0.9, 0.91, 0.93]},
        {name: "c", values: [0.905, 0.905, 0.935]}
      ],
      {lowerIsBetter: true, units: "folds"}
    );
    expect(folds.best).toBe("b");
    expect(folds.rows[1].test).toBeNull();
    expect(folds.rows[0].test!.test).toBe("paired-t");
    expect(folds.rows[0].test!.indistinguishable).toBe(false); // 0.05, 0.05, 0.04 worse: steady
    expect(folds.rows[2].test!.indistinguishable).toBe(true); // +0.005, −0.005, +0.005
    const users = compareWithBest(
      [
        {name: "x", values: [1, 0, 1, 1]},
        {name: "y", values: [0, 0, 1, 1]}
      ],
      {lowerIsBetter: false, units: "users"}
    );
    expect(users.best).toBe("x");
    expect(users.rows[1].test!.test).toBe("sign-flip");
    expect(users.rows[1].test!.meanDifference).toBe(-0.25);
  });

  it("bootstraps a pooled statistic's difference on shared units: obvious both ways, seeded", () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const sum = (xs: number[]) => (idx: Int32Array) => Array.from(idx, (i) => xs[i]).reduce((s, x) => s + x, 0);
    // b = a + 1 on every unit: every resampled difference is −8, the interval a point, p = 0.
    const clear = pairedBootstrap(8, sum(a), sum(a.map((x) => x + 1)), {seed: 5});
    expect(clear.meanDifference).toBe(-8);
    expect(clear.difference.lo).toBe(-8);
    expect(clear.p).toBe(0);
    expect(clear.indistinguishable).toBe(false);
    // b = a with alternate units shifted ±1: differences straddle 0.
    const unclear = pairedBootstrap(8, sum(a), sum(a.map((x, i) => x + (i % 2 ? 1 : -1))), {seed: 5});
    expect(unclear.meanDifference).toBe(0);
    expect(unclear.p).toBeGreaterThan(0.5);
    expect(unclear.indistinguishable).toBe(true);
    expect(pairedBootstrap(8, sum(a), sum(a.map((x) => x * 2)), {seed: 9})).toEqual(
      pairedBootstrap(8, sum(a), sum(a.map((x) => x * 2)), {seed: 9})
    );
  });
});

import {describe, expect, it} from "vitest";
import {DataError} from "../../../lib/data/errors.js";
import {globalTimeRows, quantileLinear, temporalGlobalProtocol} from "../../../lib/eval/protocols/temporal-global.js";
import {foldRows, handMade, input, partitions, ROWS} from "./hand-made.js";

describe("temporal-global protocol", () => {
  it("takes T as the linear-interpolated quantile, as pandas' Series.quantile", () => {
    // 12 times sorted: 10 12 15 20 25 30 35 35 40 50 55 60; h = 11 · 0.8 = 8.8 → 40 + 0.8 · (50 − 40) = 48.
    expect(quantileLinear(handMade().ratings.timestamp, 0.8)).toBeCloseTo(48, 10);
    expect(quantileLinear([3, 1, 2], 0.5)).toBe(2);
    expect(quantileLinear([1, 2], 0)).toBe(1);
  });

  it("pins the cut on the hand-made set: train before T = 48, test at or after, the unseen movie dropped and counted", () => {
    const p = temporalGlobalProtocol.folds(input(handMade()));
    expect(p.folds).toHaveLength(1);
    expect(p.folds[0].name).toBe("t0.8");
    // Rows with time ≥ 48: 7 (t 50), 8 (t 60), 11 (t 55); row 11 rates movie 4, never rated before T.
    expect(foldRows(p.folds[0])).toEqual({train: [0, 1, 2, 3, 4, 5, 6, 9, 10], test: [7, 8]});
    expect(p.dropped).toEqual([{rows: 1, unseenUser: 0, unseenMovie: 1}]);
    expect(p.description).toMatch(/1 test ratings of users or movies unseen in training dropped/);
    expect(partitions(p.folds[0], [11])).toBe(true);
  });

  it("keeps unseen users and movies when asked, as LensKit's default", () => {
    const p = temporalGlobalProtocol.folds(input(handMade()), {keepUnseen: true});
    expect(foldRows(p.folds[0]).test).toEqual([7, 8, 11]);
    expect(p.dropped).toBeUndefined();
    expect(partitions(p.folds[0])).toBe(true);
  });

  it("tests a rating at exactly T (train is strictly before T)", () => {
    const r = globalTimeRows(handMade(), 40, true);
    expect(Array.from(r.test)).toEqual([3, 7, 8, 11]);
    // User 2 has a rating at 12, so a cut at 11 leaves row 10 in test and drops it for the unseen user.
    const early = globalTimeRows(handMade(), 11, false);
    expect(Array.from(early.train)).toEqual([0]);
    expect(early.dropped.unseenUser).toBeGreaterThan(0);
  });

  it("holds every training time below T and every test time at or above it, for any quantile", () => {
    const d = handMade();
    for (const quantile of [0.3, 0.5, 0.7, 0.9]) {
      const t = quantileLinear(d.ratings.timestamp, quantile);
      const p = temporalGlobalProtocol.folds(input(d), {quantile, keepUnseen: true});
      const {train, test} = foldRows(p.folds[0]);
      expect(train.every((i) => ROWS[i][3] < t)).toBe(true);
      expect(test.every((i) => ROWS[i][3] >= t)).toBe(true);
      expect(partitions(p.folds[0])).toBe(true);
    }
  });

  it("refuses a set whose ratings all share one time, naming the set and the field", () => {
    expect(() => temporalGlobalProtocol.folds(input(handMade(0)))).toThrow(DataError);
    expect(() => temporalGlobalProtocol.folds(input(handMade(0)))).toThrow(
      /hand-made, field "timestamp".*every rating has the same timestamp/
    );
  });

  it("refuses a quantile outside (0, 1)", () => {
    expect(() => temporalGlobalProtocol.folds(input(handMade()), {quantile: 1})).toThrow(/quantile is 1/);
  });
});

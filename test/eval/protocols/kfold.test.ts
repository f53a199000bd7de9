import {describe, expect, it} from "vitest";
import {kfoldProtocol} from "../../../lib/eval/protocols/kfold.js";
import {foldRows, handMade, input, partitions} from "./hand-made.js";

describe("kfold protocol (Surprise's KFold)", () => {
  it("cuts 12 ratings into 5 folds of 3, 3, 2, 2, 2 (the first 12 mod 5 one longer), each rating tested once", () => {
    const p = kfoldProtocol.folds(input(handMade(), 3));
    expect(p.folds.map((f) => f.name)).toEqual(["fold1", "fold2", "fold3", "fold4", "fold5"]);
    expect(p.folds.map((f) => f.test.user.length)).toEqual([3, 3, 2, 2, 2]);
    const tested = p.folds.flatMap((f) => foldRows(f).test).sort((a, b) => a - b);
    expect(tested).toEqual(Array.from({length: 12}, (_, i) => i));
    for (const f of p.folds) expect(partitions(f)).toBe(true);
  });

  it("takes k, and gives the same folds for the same seed", () => {
    const a = kfoldProtocol.folds(input(handMade(), 9), {k: 3});
    expect(a.folds.map((f) => f.test.user.length)).toEqual([4, 4, 4]);
    expect(kfoldProtocol.folds(input(handMade(), 9), {k: 3}).folds.map(foldRows)).toEqual(a.folds.map(foldRows));
    expect(() => kfoldProtocol.folds(input(handMade()), {k: 1})).toThrow(/k is 1/);
  });
});

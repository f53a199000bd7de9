import {describe, expect, it} from "vitest";
import {comparedValues, foldDifferences} from "../../lib/runs/reproduce-check.js";
import {cvRecord} from "./fixture.js";

describe("foldDifferences", () => {
  it("finds nothing when every per-fold value is the same double, whatever the timings", () => {
    const a = cvRecord([0.9, 0.95]);
    const b = cvRecord([0.9, 0.95]);
    b.folds[0].fit_seconds = 99;
    b.folds[1].predict_seconds = 7;
    expect(foldDifferences(a, b)).toEqual([]);
    expect(comparedValues(a)).toBe(10);
  });

  it("reports a difference of one unit in the last place, a count, and a missing fold", () => {
    const a = cvRecord([0.9, 0.95]);
    const b = cvRecord([0.9, 0.95]);
    const next = 0.95 + Number.EPSILON / 2; // the next double above 0.95
    expect(next).not.toBe(0.95);
    b.folds[1].rmse = next;
    b.folds[0].fallbacks = 3;
    expect(foldDifferences(a, b)).toEqual([
      {fold: "fold1", field: "fallbacks", recorded: 0, rerun: 3},
      {fold: "fold2", field: "rmse", recorded: 0.95, rerun: next}
    ]);
    const c = cvRecord([0.9, 0.95]);
    c.folds = [c.folds[0]];
    expect(foldDifferences(a, c)).toEqual([{fold: "fold2", field: "(fold)", recorded: "fold2", rerun: undefined}]);
  });

  it("tells 0 from −0 and a field one side lacks", () => {
    const a = cvRecord([0.9, 0.95]);
    const b = cvRecord([0.9, 0.95]);
    a.folds[0].fallbacks = 0;
    b.folds[0].fallbacks = -0;
    delete (b.folds[1] as Record<string, unknown>).mae;
    expect(foldDifferences(a, b).map((d) => `${d.fold} ${d.field}`)).toEqual(["fold1 fallbacks", "fold2 mae"]);
  });
});

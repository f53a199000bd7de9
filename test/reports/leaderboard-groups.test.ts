import {describe, expect, it} from "vitest";
import {foldsLabel, groupByFolds, sdText} from "../../lib/reports/leaderboard-groups.js";

const ALL = ["u1", "u2", "u3", "u4", "u5"];
const row = (model: string, folds: string[], mean: number) => ({model, folds, rmse: {mean, sd: 0.01}});

describe("groupByFolds", () => {
  it("ranks models only against models measured on the same folds", () => {
    const groups = groupByFolds([
      row("baseline", ALL, 0.945),
      row("blend", ["u1"], 0.902),
      row("item-knn", ALL, 0.92),
      row("bpmf", ["u1"], 0.914)
    ]);
    expect(groups.map((g) => g.label)).toEqual(["u1–u5 (5 folds)", "u1 only"]);
    expect(groups[0].rows.map((r) => r.model)).toEqual(["item-knn", "baseline"]);
    expect(groups[1].rows.map((r) => r.model)).toEqual(["blend", "bpmf"]);
  });
});

describe("foldsLabel", () => {
  it("shortens a run of numbered folds", () => {
    expect(foldsLabel(ALL)).toBe("u1–u5");
    expect(foldsLabel(["u1", "u2"])).toBe("u1 u2");
    expect(foldsLabel(["u1", "u3", "u4"])).toBe("u1 u3 u4");
    expect(foldsLabel(["ua"])).toBe("ua");
  });
});

describe("sdText", () => {
  it("shows no spread for one fold", () => {
    expect(sdText(0, 1)).toBe("—");
    expect(sdText(0.00912, 5)).toBe("0.0091");
  });
});

import {describe, expect, it} from "vitest";
import {groupMeans, groupRatingErrors} from "../../lib/eval/group-metrics.js";
import {maeOfUsers, perUserErrors, rmseOfUsers} from "../../lib/eval/per-user-errors.js";
import type {Users} from "../../lib/data/types.js";

const table: Users = {
  id: Int32Array.from([1, 2, 3, 4]),
  age: Float64Array.from([17, 30, 31, NaN]),
  gender: Uint8Array.from([0, 1, 0, 255]),
  occupation: new Uint8Array(4),
  occupationNames: ["other"],
  zip: ["", "", "", ""]
};

describe("per-user errors and group figures", () => {
  it("sums errors per user and pools them back to RMSE and MAE", () => {
    const e = perUserErrors([2, 0, 2, 0], [4, 3, 5, 1], [3, 3, 3, 2]);
    expect(Array.from(e.users)).toEqual([0, 2]);
    expect(Array.from(e.sse)).toEqual([1, 5]);
    expect(Array.from(e.count)).toEqual([2, 2]);
    expect(rmseOfUsers(e, [0, 1])).toBeCloseTo(Math.sqrt(6 / 4), 12);
    expect(maeOfUsers(e, [1])).toBe(1.5);
    // A resample repeating user 2 weighs it twice.
    expect(rmseOfUsers(e, [1, 1])).toBeCloseTo(Math.sqrt(10 / 4), 12);
    expect(() => perUserErrors([0], [1, 2], [1, 2])).toThrow(/equal lengths/);
  });

  it("averages per-user metrics within gender and age groups, leaving empty groups out", () => {
    const g = groupMeans(Int32Array.from([0, 1, 2]), {ndcg: [0.2, 0.4, 0.6]}, table);
    const by = (d: string, name: string) => g.find((x) => x.dimension === d && x.group === name);
    expect(by("gender", "male")).toEqual({dimension: "gender", group: "male", users: 2, metrics: {ndcg: 0.4}});
    expect(by("gender", "female")?.metrics.ndcg).toBe(0.4);
    expect(by("age", "under 18")?.metrics.ndcg).toBe(0.2);
    expect(by("age", "25–34")?.users).toBe(2);
    expect(by("age", "unknown")).toBeUndefined();
  });

  it("pools rating errors per group over folds", () => {
    const f1 = perUserErrors([0, 1], [4, 4], [3, 4]);
    const f2 = perUserErrors([0, 3], [2, 5], [4, 5]);
    const g = groupRatingErrors([f1, f2], table, ["gender"]);
    const male = g.find((x) => x.group === "male")!;
    expect(male.users).toBe(1);
    expect(male.metrics.rmse).toBeCloseTo(Math.sqrt((1 + 4) / 2), 12);
    expect(male.metrics.mae).toBe(1.5);
    expect(g.find((x) => x.group === "unknown")!.metrics.rmse).toBe(0);
  });
});

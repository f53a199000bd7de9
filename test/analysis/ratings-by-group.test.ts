import {describe, expect, it} from "vitest";
import {ageGroup, AGE_GROUPS, ratingsByUserGroup} from "../../lib/analysis/ratings-by-group.js";
import {tinyDataset} from "./tiny-dataset.js";

describe("ratingsByUserGroup", () => {
  it("splits by gender: male 5,4,4,2,5 and female 3,1", () => {
    const g = ratingsByUserGroup(tinyDataset(), "gender")!;
    expect(g.groups).toEqual(["male", "female"]);
    expect(g.users).toEqual([2, 1]);
    expect(g.ratings).toEqual([5, 2]);
    expect(g.mean[0]).toBeCloseTo(4, 12);
    expect(g.sd[0]).toBeCloseTo(Math.sqrt(86 / 5 - 16), 12);
    expect(g.mean[1]).toBeCloseTo(2, 12);
    expect(g.sd[1]).toBeCloseTo(1, 12);
    expect(g.shares[1]).toEqual([0.5, 0, 0.5, 0, 0]);
  });

  it("splits by age bucket, leaving out empty buckets", () => {
    const g = ratingsByUserGroup(tinyDataset(), "age")!;
    expect(g.groups).toEqual(["18–24", "35–44", "56+"]);
    expect(g.ratings).toEqual([2, 2, 3]);
    expect(g.mean[0]).toBeCloseTo(4.5, 12);
    expect(g.mean[2]).toBeCloseTo(11 / 3, 12);
  });

  it("splits by occupation name", () => {
    const g = ratingsByUserGroup(tinyDataset(), "occupation")!;
    expect(g.groups).toEqual(["student", "engineer"]);
    expect(g.mean).toEqual([4.5, 3]);
  });

  it("returns null without a users table", () => {
    const d = tinyDataset();
    delete d.users;
    expect(ratingsByUserGroup(d, "gender")).toBeNull();
  });

  it("buckets ages at the MovieLens 1M bounds", () => {
    expect(AGE_GROUPS[ageGroup(17)].label).toBe("under 18");
    expect(AGE_GROUPS[ageGroup(18)].label).toBe("18–24");
    expect(AGE_GROUPS[ageGroup(56)].label).toBe("56+");
    expect(ageGroup(NaN)).toBe(-1);
  });
});

// The real-data tests find MovieLens 100K where a user's `movielab data fetch` put it, not only on CI.
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {ml100kCandidates} from "./ml100k.js";

describe("ml100kCandidates", () => {
  it("looks in data/ml-100k first, then ../shared/data/ml-100k", () => {
    const dirs = ml100kCandidates({}).map((c) => c.dir);
    const project = resolve(import.meta.dirname, "../..");
    expect(dirs).toEqual([resolve(project, "data/ml-100k"), resolve(project, "../shared/data/ml-100k")]);
  });
  it("uses only MOVIELAB_TEST_DATA when set", () => {
    expect(ml100kCandidates({MOVIELAB_TEST_DATA: "/x/ml"})).toEqual([{dir: "/x/ml", via: "MOVIELAB_TEST_DATA"}]);
  });
});

import {describe, expect, it} from "vitest";
import {fullTrainSet} from "../../lib/data/folds.js";
import {easeModel} from "../../lib/models/implicit/ease.js";
import {itemKnnImplicitModel} from "../../lib/models/implicit/item-knn-implicit.js";
import {mfModel} from "../../lib/models/factors/mf.js";
import {seenMatrix} from "../../lib/models/top-n.js";
import {explain} from "../../lib/recommend/explain.js";
import {recommendWithReasons, topRated} from "../../lib/recommend/recommend-user.js";
import {tinyDataset} from "../analysis/tiny-dataset.js";

// tiny: user 0 rated movies 0 (5) and 1 (4); user 1 rated 0 (3) and 2 (1); user 2 rated 0 (4), 1 (2), 3 (5).
const d = tinyDataset();
const train = fullTrainSet(d);
const seen = seenMatrix(train);

describe("explain", () => {
  it("names the user's rated movies that share users with the recommended one (implicit item-kNN)", () => {
    const s = itemKnnImplicitModel.fit(train, {k: 3});
    // Movie 3 was rated only by user 2, who also rated 0 and 1: for user 0 both of user 0's movies vote for it.
    const e = explain(itemKnnImplicitModel, s, seen, 0, 3, 3);
    expect(e?.kind).toBe("rated");
    if (e?.kind !== "rated") return;
    expect(e.reasons.map((r) => r.movie).sort()).toEqual([0, 1]);
    for (const r of e.reasons) expect(r.weight).toBeCloseTo(s.similarity[r.movie * 4 + 3], 6);
    // cos(1, 3) = 1/sqrt(2·1) > cos(0, 3) = 1/sqrt(3·1): movie 1 explains more.
    expect(e.reasons[0]).toMatchObject({movie: 1, rating: 4});
  });

  it("reads EASE's weights and returns null for models without an explanation", () => {
    const s = easeModel.fit(train, {lambda: 1});
    const e = explain(easeModel, s, seen, 0, 3, 1);
    expect(e?.kind === "rated" && e.reasons.length).toBe(1);
    expect(explain(mfModel, mfModel.fit(train, {factors: 2, epochs: 2}), seen, 0, 3)).toBeNull();
    expect(explain(easeModel, s, seen, 99, 3)).toBeNull();
  });
});

describe("recommendWithReasons / topRated", () => {
  it("leaves out rated movies and attaches reasons", () => {
    const s = itemKnnImplicitModel.fit(train, {k: 3});
    const recs = recommendWithReasons(itemKnnImplicitModel, s, seen, 0, 5);
    expect(recs.map((r) => r.movie).sort()).toEqual([2, 3]);
    expect(recs.every((r) => r.because?.kind === "rated")).toBe(true);
  });

  it("lists a user's ratings best first", () => {
    expect(topRated(seen, 2, 2)).toEqual([
      {movie: 3, rating: 5},
      {movie: 0, rating: 4}
    ]);
    expect(topRated(seen, 7, 2)).toEqual([]);
  });
});

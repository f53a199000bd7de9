import {describe, expect, it} from "vitest";
import {budgeted} from "../../lib/node/budgeted.js";
import {openDataset} from "../../lib/node/open-dataset.js";

describe("budgeted", () => {
  it("returns the opened set and its own folds when it fits", async () => {
    const data = await openDataset({spec: "synthetic"});
    const b = budgeted(data, {maxRatings: data.dataset.ratings.rating.length, seed: 1, why: "test"});
    expect(b.dataset).toBe(data.dataset);
    expect(b.folds).toBe(data.folds);
    expect(b.sample).toMatchObject({kind: "all", why: null});
  });

  it("samples users, then the most-rated movies, and says both once", async () => {
    const data = await openDataset({spec: "synthetic"});
    const n = data.dataset.ratings.rating.length;
    const b = budgeted(data, {maxRatings: Math.floor(n / 2), maxMovies: 100, seed: 3, why: "it is a test"});
    expect(b.dataset.movies.id.length).toBeLessThanOrEqual(100);
    expect(b.sample.ratings).toEqual({kept: b.dataset.ratings.rating.length, of: n});
    expect(b.sample.why).toBe("it is a test");
    expect(b.sample.text).toMatch(
      /^a seeded sample of .* users \(seed 3\): .*; then the 100 most-rated of .* movies: .*; in all [\d,]+ of [\d,]+ ratings$/
    );
    const folds = await b.folds.rating(3);
    expect(folds.protocol).toBe("k-fold");
    expect(folds.folds[0].train.nUsers).toBe(b.dataset.userIds.length);
  });

  it("states a users-only sample once", async () => {
    const data = await openDataset({spec: "synthetic"});
    const n = data.dataset.ratings.rating.length;
    const b = budgeted(data, {maxRatings: Math.floor(n / 3), seed: 5, why: "w"});
    expect(b.sample.kind).toBe("users");
    expect(b.sample.text.match(/seeded sample/g)).toHaveLength(1);
  });
});

import {describe, expect, it} from "vitest";
import {fullTrainSet, randomRatingFolds, ratingFoldsFromRows, trainSetOf} from "../../lib/eval/rating-folds.js";
import {tinyDataset} from "../analysis/tiny-dataset.js";

const d = tinyDataset();

describe("rating folds", () => {
  it("keeps the whole data set's index ranges in every training part", () => {
    const t = trainSetOf(d, Int32Array.from([0, 6]));
    expect(t).toMatchObject({nUsers: 3, nMovies: 4, scale: d.scale});
    expect(Array.from(t.ratings.movie)).toEqual([0, 3]);
    expect(fullTrainSet(d).ratings.rating.length).toBe(7);
  });

  it("maps fold rows to train and test ratings", () => {
    const [f] = ratingFoldsFromRows(d, [{name: "u1", train: Int32Array.from([0, 1, 2]), test: Int32Array.from([5])}]);
    expect(f.name).toBe("u1");
    expect(Array.from(f.test.rating)).toEqual([2]);
    expect(f.train.ratings.rating.length).toBe(3);
  });

  it("partitions every rating once over k random folds, the same for the same seed", () => {
    const folds = randomRatingFolds(d, 3, 7);
    expect(folds.map((f) => f.name)).toEqual(["fold1", "fold2", "fold3"]);
    const tested = folds.flatMap((f) => Array.from(f.test.timestamp)).sort();
    expect(tested).toEqual(Array.from(d.ratings.timestamp).sort());
    for (const f of folds) expect(f.train.ratings.rating.length + f.test.rating.length).toBe(7);
    expect(randomRatingFolds(d, 3, 7).map((f) => Array.from(f.test.timestamp))).toEqual(folds.map((f) => Array.from(f.test.timestamp)));
  });
});

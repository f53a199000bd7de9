import {describe, expect, it} from "vitest";
import {fullTrainSet, officialFoldRows, randomRatingFolds, ratingFoldsFromRows, trainSetOf} from "../../lib/data/folds.js";
import type {RawRatings} from "../../lib/data/types.js";
import {DataError} from "../../lib/data/errors.js";
import {tinyDataset as tinyAnalysisDataset} from "../analysis/tiny-dataset.js";
import {tinyDataset} from "../features/tiny-dataset.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";
import {readDatasetDir} from "../../lib/node/read-dataset-dir.js";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {readOfficialFolds} from "../../lib/node/official-folds.js";

// Raw ids: users 11, 12; movies 101, 102, 103.
const ds = tinyDataset([[0, 0, 5, 2000], [0, 1, 3, 2000], [1, 0, 4, 2000], [1, 2, 2, 2000]], 2, 3, [[0], [1], [2]]);

function raw(pairs: Array<[number, number, number]>): RawRatings {
  return {
    userId: Int32Array.from(pairs, (p) => p[0]),
    movieId: Int32Array.from(pairs, (p) => p[1]),
    rating: Float32Array.from(pairs, (p) => p[2]),
    timestamp: new Float64Array(pairs.length)
  };
}

describe("officialFoldRows", () => {
  it("maps raw (user, movie) pairs to sorted data set rows", () => {
    const [f] = officialFoldRows(ds, [{name: "u1", train: raw([[12, 103, 2], [11, 101, 5], [12, 101, 4]]), test: raw([[11, 102, 3]])}]);
    expect(f.name).toBe("u1");
    expect(Array.from(f.train)).toEqual([0, 2, 3]);
    expect(Array.from(f.test)).toEqual([1]);
  });

  it("names the fold, part, line and pair of a rating the data set lacks", () => {
    const fold = {name: "u2", train: raw([[11, 101, 5]]), test: raw([[11, 101, 5], [11, 103, 4]])};
    expect(() => officialFoldRows(ds, [fold])).toThrow(DataError);
    expect(() => officialFoldRows(ds, [fold])).toThrow(/u2 \(test\) line 2, field "user id, movie id": got "11, 103"/);
    const wrong = {name: "u3", train: raw([[11, 101, 4]]), test: raw([])};
    expect(() => officialFoldRows(ds, [wrong])).toThrow(/u3 \(train\) line 1, field "rating": got "4", expected the data set's rating 5/);
  });

  it("refuses a data set with a repeated (user, movie) pair", () => {
    const dup = tinyDataset([[0, 0, 5, 2000], [0, 0, 3, 2001]], 1, 1, [[0]]);
    expect(() => officialFoldRows(dup, [])).toThrow(/rates user 11, movie 101 twice \(rows 0 and 1\)/);
  });
});

describe.skipIf(!HAS_ML100K)("officialFoldRows on ml-100k", () => {
  it("maps u1..u5 onto the 100,000 rows with disjoint test parts", async () => {
    const data = encodeDataset(cleanDataset(await readDatasetDir(ML100K_DIR), {beforeRelease: false}).data);
    const folds = officialFoldRows(data, await readOfficialFolds(ML100K_DIR));
    const seen = new Uint8Array(100000);
    for (const f of folds) {
      expect(f.train.length + f.test.length).toBe(100000);
      expect(f.test.length).toBe(20000);
      for (const r of f.test) seen[r]++;
      const inTest = new Uint8Array(100000);
      for (const r of f.test) inTest[r] = 1;
      expect(f.train.every((r) => !inTest[r])).toBe(true);
    }
    expect(seen.every((c) => c === 1)).toBe(true);
  });
});

const d = tinyAnalysisDataset();

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

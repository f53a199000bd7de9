import {describe, expect, it} from "vitest";
import {readFile} from "node:fs/promises";
import {join} from "node:path";
import {
  checkFoldCount,
  checkOfficialFoldNames,
  classifierFolds,
  fullTrainSet,
  holdoutSplit,
  lazyFold,
  OFFICIAL_FOLDS,
  officialFoldFiles,
  officialFoldRows,
  parseOfficialFold,
  randomRatingFolds,
  ratingFolds,
  ratingFoldsFromRows,
  releaseFold,
  selectRows,
  trainSetOf
} from "../../lib/data/folds.js";
import {crossValidate} from "../../lib/eval/cross-validate.js";
import {kFold} from "../../lib/eval/split.js";
import {getModel} from "../../lib/models/registry.js";
import {randomDataset} from "../features/tiny-dataset.js";
import type {RawRatings} from "../../lib/data/types.js";
import {DataError} from "../../lib/data/errors.js";
import {tinyDataset as tinyAnalysisDataset} from "../analysis/tiny-dataset.js";
import {tinyDataset} from "../features/tiny-dataset.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";
import {readDatasetDir} from "../../lib/node/read-dataset-dir.js";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";

// Raw ids: users 11, 12; movies 101, 102, 103.
const ds = tinyDataset(
  [
    [0, 0, 5, 2000],
    [0, 1, 3, 2000],
    [1, 0, 4, 2000],
    [1, 2, 2, 2000]
  ],
  2,
  3,
  [[0], [1], [2]]
);

function raw(pairs: Array<[number, number, number]>): RawRatings {
  return {
    userId: Int32Array.from(pairs, (p) => p[0]),
    movieId: Int32Array.from(pairs, (p) => p[1]),
    rating: Float32Array.from(pairs, (p) => p[2]),
    timestamp: new Float64Array(pairs.length)
  };
}

describe("official fold files", () => {
  it("parses a split from the text or bytes of its .base and .test files into raw-id rating columns", () => {
    const f = parseOfficialFold(
      "u1",
      "1\t1\t5\t874965758\n1\t2\t3\t876893171\n",
      new TextEncoder().encode("1\t3\t4\t878542960\n")
    );
    expect(f.name).toBe("u1");
    expect(Array.from(f.train.movieId)).toEqual([1, 2]);
    expect(Array.from(f.test.rating)).toEqual([4]);
    expect(officialFoldFiles("ua")).toEqual({base: "ua.base", test: "ua.test"});
  });

  it("validates fold rows like u.data, naming the file as given", () => {
    expect(() => parseOfficialFold("ua", "2\t1\t1\t1\n", "2\t2\t6\t1\n")).toThrow(DataError);
    expect(() =>
      parseOfficialFold("ua", "2\t1\t1\t1\n", "2\t2\t6\t1\n", {base: "d/ua.base", test: "d/ua.test"})
    ).toThrow('d/ua.test line 1, field "rating": got "6", expected a rating from 1 to 5 in steps of 1');
  });

  it("knows u1..u5, ua and ub, and rejects any other name", () => {
    expect(OFFICIAL_FOLDS).toEqual(["u1", "u2", "u3", "u4", "u5"]);
    expect(() => checkOfficialFoldNames(["u1", "u5", "ua", "ub"], "d")).not.toThrow();
    expect(() => checkOfficialFoldNames(["u1", "u6"], "d")).toThrow(
      'd, field "fold": got "u6", expected an ml-100k official fold: u1, u2, u3, u4, u5, ua or ub'
    );
  });
});

describe("officialFoldRows", () => {
  it("maps raw (user, movie) pairs to sorted data set rows", () => {
    const [f] = officialFoldRows(ds, [
      {
        name: "u1",
        train: raw([
          [12, 103, 2],
          [11, 101, 5],
          [12, 101, 4]
        ]),
        test: raw([[11, 102, 3]])
      }
    ]);
    expect(f.name).toBe("u1");
    expect(Array.from(f.train)).toEqual([0, 2, 3]);
    expect(Array.from(f.test)).toEqual([1]);
  });

  it("names the fold, part, line and pair of a rating the data set lacks", () => {
    const fold = {
      name: "u2",
      train: raw([[11, 101, 5]]),
      test: raw([
        [11, 101, 5],
        [11, 103, 4]
      ])
    };
    expect(() => officialFoldRows(ds, [fold])).toThrow(DataError);
    expect(() => officialFoldRows(ds, [fold])).toThrow(/u2 \(test\) line 2, field "user id, movie id": got "11, 103"/);
    const wrong = {name: "u3", train: raw([[11, 101, 4]]), test: raw([])};
    expect(() => officialFoldRows(ds, [wrong])).toThrow(
      /u3 \(train\) line 1, field "rating": got "4", expected the data set's rating 5/
    );
  });

  it("refuses a data set with a repeated (user, movie) pair", () => {
    const dup = tinyDataset(
      [
        [0, 0, 5, 2000],
        [0, 0, 3, 2001]
      ],
      1,
      1,
      [[0]]
    );
    expect(() => officialFoldRows(dup, [])).toThrow(/rates user 11, movie 101 twice \(rows 0 and 1\)/);
  });
});

describe.skipIf(!HAS_ML100K)("officialFoldRows on ml-100k", () => {
  it("maps u1..u5 onto the 100,000 rows with disjoint test parts", async () => {
    const data = encodeDataset(cleanDataset(await readDatasetDir(ML100K_DIR), {beforeRelease: false}).data);
    const file = (f: string) => readFile(join(ML100K_DIR, f));
    const folds = officialFoldRows(
      data,
      await Promise.all(
        OFFICIAL_FOLDS.map(async (n) => parseOfficialFold(n, await file(`${n}.base`), await file(`${n}.test`)))
      )
    );
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
    expect(randomRatingFolds(d, 3, 7).map((f) => Array.from(f.test.timestamp))).toEqual(
      folds.map((f) => Array.from(f.test.timestamp))
    );
  });
});

describe("fold protocols", () => {
  const rows = (name: string, train: number[], test: number[]) => ({
    name,
    train: Int32Array.from(train),
    test: Int32Array.from(test)
  });
  const official = [rows("u1", [0, 1, 2, 3, 4], [5, 6]), rows("u2", [2, 3, 4, 5, 6], [0, 1])];

  it("take fold counts from 2 to 5", () => {
    for (const k of [2, 5]) expect(() => checkFoldCount(k)).not.toThrow();
    for (const k of [1, 6, 2.5])
      expect(() => checkFoldCount(k)).toThrow(`fold count is ${k}: expected an integer from 2 to 5`);
  });

  it("use the official folds when given, named after the data set", () => {
    expect(classifierFolds(d, official, 2)).toEqual({
      protocol: "official",
      description: "tiny's official folds u1–u2",
      folds: official
    });
    const r = ratingFolds(d, official, 2, 42);
    expect([r.protocol, r.description, r.folds.map((f) => f.name)]).toEqual([
      "official",
      "tiny's official folds u1–u2",
      ["u1", "u2"]
    ]);
    expect(holdoutSplit(d, official[0])).toEqual({
      description: "tiny's official split u1 (u1.base / u1.test)",
      train: official[0].train,
      test: official[0].test
    });
  });

  it("fall back to seeded folds and a stratified 80/20 hold-out", () => {
    expect(classifierFolds(d, null, 3)).toEqual({
      protocol: "stratified-k-fold",
      description: "3 stratified folds (seed 42)",
      folds: 3
    });
    const r = ratingFolds(d, null, 3, 7);
    expect([r.protocol, r.description]).toEqual(["k-fold", "3 random folds (seed 7)"]);
    expect(r.folds.map((f) => Array.from(f.test.timestamp))).toEqual(
      randomRatingFolds(d, 3, 7).map((f) => Array.from(f.test.timestamp))
    );
    const h = holdoutSplit(d, null);
    expect(h.description).toBe("a stratified 80/20 split (seed 42)");
    expect(h.train.length + h.test.length).toBe(7);
    expect(() => ratingFolds(d, null, 6, 7)).toThrow(/fold count is 6/);
  });
});

describe("lazyFold", () => {
  const ds = randomDataset(30, 20, 3);
  const [split] = kFold(ds.ratings.rating.length, 4, 9);

  it("copies its parts on first read, the same values an eager fold holds, and again after releaseFold", () => {
    const fold = lazyFold(ds, "fold1", split.train, split.test);
    const eager = {train: trainSetOf(ds, split.train), test: selectRows(ds.ratings, split.test)};
    const first = fold.train;
    expect(fold.train).toBe(first); // kept until released
    expect(first).toEqual(eager.train);
    expect(fold.test).toEqual(eager.test);
    releaseFold(fold);
    expect(fold.train).not.toBe(first); // made again …
    expect(fold.train).toEqual(eager.train); // … with the same values
    releaseFold({name: "plain", ...eager}); // any other fold: nothing to do
  });

  it("randomRatingFolds and ratingFoldsFromRows are lazy; crossValidate releases each fold after scoring it", async () => {
    const folds = randomRatingFolds(ds, 3, 5);
    const seen: object[] = [];
    const summary = await crossValidate(getModel("baseline"), folds, {
      onFold: ({fold}) => seen.push(fold.train)
    });
    expect(summary.folds).toHaveLength(3);
    // Released: reading a part again gives a fresh copy, not the one the fold was fitted on.
    folds.forEach((f, i) => expect(f.train).not.toBe(seen[i]));
    const again = await crossValidate(getModel("baseline"), folds);
    expect(again.metrics.rmse.mean).toBe(summary.metrics.rmse.mean);
    const fromRows = ratingFoldsFromRows(ds, [{name: "a", train: split.train, test: split.test}]);
    expect(fromRows[0].test).toEqual(selectRows(ds.ratings, split.test));
  });
});

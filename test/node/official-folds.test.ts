import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {DataError} from "../../lib/data/errors.js";
import {readOfficialFolds} from "../../lib/node/official-folds.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";

const root = mkdtempSync(join(tmpdir(), "movielab-folds-"));
afterAll(() => rmSync(root, {recursive: true, force: true}));

describe("readOfficialFolds on small files", () => {
  const dir = join(root, "tiny");
  mkdirSync(dir, {recursive: true});
  writeFileSync(join(dir, "u1.base"), "1\t1\t5\t874965758\n1\t2\t3\t876893171\n");
  writeFileSync(join(dir, "u1.test"), "1\t3\t4\t878542960\n");
  writeFileSync(join(dir, "ua.base"), "2\t1\t1\t1\n");
  writeFileSync(join(dir, "ua.test"), "2\t2\t6\t1\n");

  it("reads the named folds as raw-id rating columns", async () => {
    const [f] = await readOfficialFolds(dir, ["u1"]);
    expect(f.name).toBe("u1");
    expect(Array.from(f.train.movieId)).toEqual([1, 2]);
    expect(Array.from(f.test.rating)).toEqual([4]);
  });
  it("names a missing fold file", async () => {
    await expect(readOfficialFolds(dir, ["u2"])).rejects.toThrow(DataError);
    await expect(readOfficialFolds(dir, ["u2"])).rejects.toThrow(`${join(dir, "u2.base")}: expected the ml-100k official split file u2.base, but it cannot be read (ENOENT)`);
  });
  it("rejects an unknown fold name", async () => {
    await expect(readOfficialFolds(dir, ["u6"])).rejects.toThrow(`${dir}, field "fold": got "u6", expected an ml-100k official fold: u1, u2, u3, u4, u5, ua or ub`);
  });
  it("validates fold rows like u.data", async () => {
    await expect(readOfficialFolds(dir, ["ua"])).rejects.toThrow(`${join(dir, "ua.test")} line 1, field "rating": got "6", expected a rating from 1 to 5 in steps of 1`);
  });
});

describe.skipIf(!HAS_ML100K)("readOfficialFolds on the real MovieLens 100K", () => {
  it("reads u1..u5 as 80,000 / 20,000 with disjoint test sets covering all ratings", async () => {
    const folds = await readOfficialFolds(ML100K_DIR);
    expect(folds.map((f) => f.name)).toEqual(["u1", "u2", "u3", "u4", "u5"]);
    const seen = new Set<number>();
    for (const f of folds) {
      expect(f.train.userId.length).toBe(80_000);
      expect(f.test.userId.length).toBe(20_000);
      for (let i = 0; i < f.test.userId.length; i++) seen.add(f.test.userId[i] * 2048 + f.test.movieId[i]);
    }
    expect(seen.size).toBe(100_000);
  });
  it("reads ua and ub: 10 ratings per user held out", async () => {
    const folds = await readOfficialFolds(ML100K_DIR, ["ua", "ub"]);
    for (const f of folds) {
      expect(f.test.userId.length).toBe(9430);
      expect(f.train.userId.length).toBe(90_570);
    }
  });
});

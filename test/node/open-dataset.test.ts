import {createHash} from "node:crypto";
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {strToU8, zipSync} from "fflate";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {DataError} from "../../lib/data/errors.js";
import {KNOWN_DATASETS, type MovieLensEntry} from "../../lib/data/registry.js";
import {defaultDataRoot} from "../../lib/node/data-root.js";
import {hasOfficialFolds, openDataset, resolveDatasetSpec} from "../../lib/node/open-dataset.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";

const RATINGS = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n2,1,3.0,964982224\n";
const MOVIES =
  "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n3,Grumpier Old Men (1995),Comedy|Romance\n";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "movielab-select-"));
});
afterEach(() => {
  rmSync(root, {recursive: true, force: true});
});

function writeCsvSet(dir: string): string {
  mkdirSync(dir, {recursive: true});
  writeFileSync(join(dir, "ratings.csv"), RATINGS);
  writeFileSync(join(dir, "movies.csv"), MOVIES);
  return dir;
}

/** A fetch that must not be called. */
function forbiddenFetch(): typeof fetch & {calls: number} {
  const f = (async () => {
    f.calls++;
    throw new Error("no network in this test");
  }) as unknown as typeof fetch & {calls: number};
  f.calls = 0;
  return f;
}

describe("openDataset: which set", () => {
  it("takes a set name from MOVIELAB_DATA and reads <dataRoot>/<name>", async () => {
    writeCsvSet(join(root, "ml-latest-small"));
    const s = await openDataset({env: {MOVIELAB_DATA: "ml-latest-small"}, dataRoot: root});
    expect(s.origin).toBe("env");
    expect(s.dataset.name).toBe("ml-latest-small");
    expect(s.report.rowsIn).toBe(3);
    expect(s.reason).toBe(`MOVIELAB_DATA=ml-latest-small: ${join(root, "ml-latest-small")}`);
  });

  it("takes a directory from MOVIELAB_DATA, even with data/ml-100k present", async () => {
    writeCsvSet(join(root, "data", "ml-100k"));
    const dir = writeCsvSet(join(root, "elsewhere", "my-set"));
    const s = await openDataset({env: {MOVIELAB_DATA: dir, MOVIELAB_DATA_ROOT: join(root, "data")}});
    expect(s.origin).toBe("env");
    expect(s.dataset.name).toBe("my-set");
    expect(s.dir).toBe(dir);
  });

  it("takes the word synthetic from MOVIELAB_DATA", async () => {
    writeCsvSet(join(root, "ml-100k"));
    const s = await openDataset({env: {MOVIELAB_DATA: "synthetic"}, dataRoot: root});
    expect(s.origin).toBe("env");
    expect(s.synthetic).toBe(true);
    expect(s.dataset.source.kind).toBe("synthetic");
    expect(s.dir).toBeNull();
    expect(s.report.rowsIn).toBe(100_000);
  });

  it("fails, without falling back, when MOVIELAB_DATA names a set that is not there", async () => {
    writeCsvSet(join(root, "ml-100k"));
    const f = forbiddenFetch();
    const error = await openDataset({env: {MOVIELAB_DATA: "ml-1m"}, dataRoot: root, fetchImpl: f}).catch(
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toBe(
      `MOVIELAB_DATA: got "ml-1m", expected the ml-1m files in ${join(root, "ml-1m")}/, which does not exist: ` +
        "run `movielab data fetch ml-1m`, or name a directory that holds them"
    );
    expect(f.calls).toBe(0);
  });

  it("fails when MOVIELAB_DATA is a directory that does not exist", async () => {
    const missing = join(root, "nope");
    await expect(openDataset({env: {MOVIELAB_DATA: missing}, dataRoot: root})).rejects.toThrow(`(${missing} is none)`);
    await expect(openDataset({env: {MOVIELAB_DATA: "not-a-set"}, dataRoot: root})).rejects.toThrow(
      /MOVIELAB_DATA: got "not-a-set"/
    );
    await expect(openDataset({spec: "not-a-set", env: {}, dataRoot: root})).rejects.toThrow(
      /^data set: got "not-a-set"/
    );
  });

  it("fails with the reader's DataError when the chosen directory holds no MovieLens files", async () => {
    mkdirSync(join(root, "ml-100k"));
    await expect(openDataset({env: {}, dataRoot: root})).rejects.toThrow(DataError);
  });

  it("uses <dataRoot>/ml-100k when present", async () => {
    writeCsvSet(join(root, "ml-100k"));
    const s = await openDataset({env: {}, dataRoot: root, fetchImpl: forbiddenFetch()});
    expect(s.origin).toBe("default");
    expect(s.dataset.name).toBe("ml-100k");
    expect(s.reason).toBe(`found ${join(root, "ml-100k")}`);
  });

  it("falls back to synthetic with MOVIELAB_OFFLINE=1 and an empty data root, without trying the network", async () => {
    const f = forbiddenFetch();
    const logs: string[] = [];
    const s = await openDataset({env: {MOVIELAB_OFFLINE: "1"}, dataRoot: root, fetchImpl: f, log: (m) => logs.push(m)});
    expect(s.origin).toBe("synthetic");
    expect(s.dataset.source.kind).toBe("synthetic");
    expect(s.reason).toBe(`no ${join(root, "ml-100k")} and downloads are off (MOVIELAB_OFFLINE=1)`);
    expect(f.calls).toBe(0);
    expect(logs).toEqual([`using the seeded synthetic data set: ${s.reason}`]);
    expect(readdirSync(root)).toEqual([]);
  });

  it("falls back to synthetic with the download's error as the reason", async () => {
    const f = forbiddenFetch();
    const s = await openDataset({env: {}, dataRoot: root, fetchImpl: f});
    expect(f.calls).toBe(1);
    expect(s.origin).toBe("synthetic");
    expect(s.reason).toContain(
      `no ${join(root, "ml-100k")} and download failed: could not download ${KNOWN_DATASETS[0].url}: no network in this test.`
    );
    expect(readdirSync(root)).toEqual([]);
  });

  it("downloads ml-100k when it is missing and the network answers", async () => {
    const zip = zipSync({"ml-100k/ratings.csv": strToU8(RATINGS), "ml-100k/movies.csv": strToU8(MOVIES)});
    const entry: MovieLensEntry = {
      ...KNOWN_DATASETS[0],
      size: zip.length,
      sha256: createHash("sha256").update(zip).digest("hex"),
      md5: null
    };
    const fetchImpl = (async () => new Response(new Blob([new Uint8Array(zip)]))) as unknown as typeof fetch;
    const s = await openDataset({env: {}, dataRoot: root, fetchImpl, registry: [entry]});
    expect(s.origin).toBe("downloaded");
    expect(s.report.rowsIn).toBe(3);
    expect(readdirSync(join(root, "ml-100k")).sort()).toEqual(["movies.csv", "ratings.csv"]);
  });
});

describe("openDataset: spec, target and cwd", () => {
  it("resolves a directory spec against cwd, opens a resolved target as it is, and keeps the raw set only when asked", async () => {
    writeCsvSet(join(root, "work", "local"));
    const s = await openDataset({
      spec: "./local",
      cwd: join(root, "work"),
      env: {MOVIELAB_DATA: "synthetic"},
      dataRoot: root
    });
    expect(s.dir).toBe(join(root, "work", "local"));
    expect(s.reason).toBe(`asked for "./local": ${join(root, "work", "local")}`);
    expect(s.raw).toBeUndefined();
    const t = await openDataset({
      target: {kind: "dir", dir: join(root, "work", "local"), name: "named"},
      keepRaw: true
    });
    expect(t.dataset.name).toBe("named");
    expect(t.raw.name).toBe("named");
    expect(t.raw.ratings.rating.length).toBe(3);
  });

  it("treats an empty spec as no spec at all: the default chain, whatever MOVIELAB_DATA says", async () => {
    const s = await openDataset({
      spec: "",
      env: {MOVIELAB_DATA: join(root, "nope"), MOVIELAB_OFFLINE: "1"},
      dataRoot: root
    });
    expect(s.origin).toBe("synthetic");
  });
});

describe("resolveDatasetSpec", () => {
  it("prefers a set under the data root, then a path relative to cwd", () => {
    writeCsvSet(join(root, "data", "ml-1m"));
    writeCsvSet(join(root, "work", "local"));
    expect(resolveDatasetSpec("ml-1m", {dataRoot: join(root, "data")})).toEqual({
      kind: "dir",
      dir: join(root, "data", "ml-1m"),
      name: "ml-1m"
    });
    expect(resolveDatasetSpec("local", {dataRoot: join(root, "data"), cwd: join(root, "work")})).toEqual({
      kind: "dir",
      dir: join(root, "work", "local")
    });
    expect(resolveDatasetSpec("./local", {dataRoot: join(root, "data"), cwd: join(root, "work")})).toEqual({
      kind: "dir",
      dir: join(root, "work", "local")
    });
    expect(resolveDatasetSpec("synthetic", {dataRoot: root})).toEqual({kind: "synthetic"});
  });
});

describe("defaultDataRoot", () => {
  it("is <repo>/data whatever the cwd, unless MOVIELAB_DATA_ROOT says otherwise", () => {
    expect(defaultDataRoot({})).toBe(resolve(import.meta.dirname, "..", "..", "data"));
    expect(defaultDataRoot({MOVIELAB_DATA_ROOT: root})).toBe(root);
  });

  it("is <cwd>/data when movielab runs from an installed package (under node_modules)", () => {
    const installed = join(root, "app", "node_modules", "movielab");
    expect(defaultDataRoot({}, installed, join(root, "app"))).toBe(join(root, "app", "data"));
    expect(defaultDataRoot({MOVIELAB_DATA_ROOT: root}, installed, join(root, "app"))).toBe(root);
    expect(defaultDataRoot({}, join(root, "checkout"), join(root, "elsewhere"))).toBe(join(root, "checkout", "data"));
  });
});

describe("openDataset: cleaning and summary", () => {
  it("cleans, encodes and summarises the synthetic set and flags it", async () => {
    const w = await openDataset({env: {MOVIELAB_OFFLINE: "1"}, dataRoot: root});
    expect(w.synthetic).toBe(true);
    expect(w.origin).toBe("synthetic");
    expect(w.report.rowsIn).toBe(100_000);
    expect(w.dataset.ratings.rating.length).toBe(w.report.rowsOut);
    expect(w.summary.counts.ratings).toBe(w.report.rowsOut);
  });

  describe.skipIf(!HAS_ML100K)("on the real ml-100k", () => {
    it("removes the 231 before-release ratings", async () => {
      const w = await openDataset({env: {MOVIELAB_DATA: ML100K_DIR}, dataRoot: root});
      expect(w.synthetic).toBe(false);
      expect(w.origin).toBe("env");
      expect(w.report.rowsIn).toBe(100_000);
      expect(w.report.rules.find((r) => r.rule === "before-release")?.removed).toBe(231);
      expect(w.summary.counts.users).toBe(943);
    });

    it("keeps every rating with {beforeRelease: false}, and reports the rule's examples as asked", async () => {
      const w = await openDataset({spec: ML100K_DIR, clean: {beforeRelease: false, maxExamples: 0}});
      expect(w.dataset.ratings.rating.length).toBe(100_000);
      expect(w.report.rules.find((r) => r.rule === "before-release")).toBeUndefined();
      expect(w.report.rules.every((r) => r.examples.length === 0)).toBe(true);
    });
  });
});

/** A tiny ml-100k directory (two users, three movies) with the given official split files. */
function writeMl100kSet(dir: string, folds: Record<string, string>): string {
  mkdirSync(dir, {recursive: true});
  writeFileSync(
    join(dir, "u.data"),
    "1\t1\t5\t874965758\n1\t2\t3\t876893171\n1\t3\t4\t878542960\n2\t1\t1\t878542961\n2\t2\t2\t878542962\n"
  );
  writeFileSync(join(dir, "u.item"), "1|A (1990)|||u|0|1|0\n2|B (1991)|||u|1|0|0\n3|C (1992)|||u|0|0|1\n");
  writeFileSync(join(dir, "u.genre"), "unknown|0\nAction|1\nDrama|2\n\n");
  for (const [f, text] of Object.entries(folds)) writeFileSync(join(dir, f), text);
  return dir;
}

describe("openDataset: folds", () => {
  it("recognises official fold files", () => {
    const dir = mkdtempSync(join(root, "folds-"));
    expect(hasOfficialFolds(dir)).toBe(false);
    for (const f of ["u1", "u2", "u3", "u4", "u5"])
      for (const ext of ["base", "test"]) writeFileSync(join(dir, `${f}.${ext}`), "");
    expect(hasOfficialFolds(dir)).toBe(true);
    expect(hasOfficialFolds(null)).toBe(false);
  });

  it("reads the named official folds as rows and rating folds, and names a missing or unknown fold", async () => {
    const dir = writeMl100kSet(join(root, "tiny"), {
      "u1.base": "1\t1\t5\t874965758\n1\t2\t3\t876893171\n",
      "u1.test": "1\t3\t4\t878542960\n",
      "ua.base": "2\t1\t1\t878542961\n",
      "ua.test": "2\t2\t6\t878542962\n"
    });
    const o = await openDataset({spec: dir, clean: {beforeRelease: false}});
    expect(o.folds.hasOfficial).toBe(false);
    const [f] = await o.folds.official(["u1"]);
    expect(f.name).toBe("u1");
    expect(Array.from(f.train)).toEqual([0, 1]);
    expect(Array.from(f.test)).toEqual([2]);
    const [r] = await o.folds.officialRating(["u1"]);
    expect(Array.from(r.test.rating)).toEqual([4]);
    expect(r.train).toMatchObject({nUsers: 2, nMovies: 3});
    await expect(o.folds.official(["u2"])).rejects.toThrow(DataError);
    await expect(o.folds.official(["u2"])).rejects.toThrow(
      `${join(dir, "u2.base")}: expected the ml-100k official split file u2.base, but it cannot be read (ENOENT)`
    );
    await expect(o.folds.official(["u6"])).rejects.toThrow(
      `${dir}, field "fold": got "u6", expected an ml-100k official fold: u1, u2, u3, u4, u5, ua or ub`
    );
    await expect(o.folds.official(["ua"])).rejects.toThrow(
      `${join(dir, "ua.test")} line 1, field "rating": got "6", expected a rating from 1 to 5 in steps of 1`
    );
  });

  it("uses stratified folds and an 80/20 split on the synthetic set", async () => {
    const data = await openDataset({spec: "synthetic", clean: {beforeRelease: false}});
    expect(data.synthetic).toBe(true);
    expect(data.folds.hasOfficial).toBe(false);
    const f = await data.folds.classifier(3);
    expect(f).toEqual({protocol: "stratified-k-fold", description: "3 stratified folds (seed 42)", folds: 3});
    await expect(data.folds.classifier(6)).rejects.toThrow(/fold count is 6/);
    await expect(data.folds.rating(1)).rejects.toThrow(/fold count is 1/);
    const r = await data.folds.rating(3, 7);
    expect(r.protocol).toBe("k-fold");
    expect(r.description).toBe("3 random folds (seed 7)");
    expect(r.folds.reduce((n, x) => n + x.test.rating.length, 0)).toBe(data.dataset.ratings.rating.length);
    const s = await data.folds.holdout();
    expect(s.description).toBe("a stratified 80/20 split (seed 42)");
    expect(s.train.length + s.test.length).toBe(data.dataset.ratings.rating.length);
    expect(s.test.length).toBe(Math.round(0.2 * data.dataset.ratings.rating.length));
    await expect(data.folds.official()).rejects.toThrow(/synthetic/);
  });
});

describe.skipIf(!HAS_ML100K)("openDataset: folds of the real MovieLens 100K", () => {
  it("keeps every rating and uses the official folds", async () => {
    const data = await openDataset({spec: ML100K_DIR, clean: {beforeRelease: false}});
    expect(data.dataset.ratings.rating.length).toBe(100_000);
    expect(data.folds.hasOfficial).toBe(true);
    const f = await data.folds.classifier(3);
    expect(f.protocol).toBe("official");
    expect(f.description).toBe("ml-100k's official folds u1–u3");
    expect((f.folds as {name: string}[]).map((x) => x.name)).toEqual(["u1", "u2", "u3"]);
    const r = await data.folds.rating(2);
    expect(r.protocol).toBe("official");
    expect(r.description).toBe("ml-100k's official folds u1–u2");
    expect(r.folds.map((x) => [x.name, x.train.ratings.rating.length, x.test.rating.length])).toEqual([
      ["u1", 80_000, 20_000],
      ["u2", 80_000, 20_000]
    ]);
    const s = await data.folds.holdout();
    expect(s.description).toBe("ml-100k's official split u1 (u1.base / u1.test)");
    expect([s.train.length, s.test.length]).toEqual([80_000, 20_000]);
  });

  it("reads u1..u5 as 80,000 / 20,000 with disjoint test sets covering all ratings", async () => {
    const data = await openDataset({spec: ML100K_DIR, clean: {beforeRelease: false}});
    const folds = await data.folds.official();
    expect(folds.map((f) => f.name)).toEqual(["u1", "u2", "u3", "u4", "u5"]);
    const seen = new Set<number>();
    for (const f of folds) {
      expect(f.train.length).toBe(80_000);
      expect(f.test.length).toBe(20_000);
      for (const row of f.test) seen.add(row);
    }
    expect(seen.size).toBe(100_000);
  });

  it("reads ua and ub: 10 ratings per user held out", async () => {
    const data = await openDataset({spec: ML100K_DIR, clean: {beforeRelease: false}});
    for (const f of await data.folds.official(["ua", "ub"])) {
      expect(f.test.length).toBe(9430);
      expect(f.train.length).toBe(90_570);
    }
  });
});

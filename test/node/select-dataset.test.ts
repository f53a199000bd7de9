import {createHash} from "node:crypto";
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {strToU8, zipSync} from "fflate";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {DataError} from "../../lib/data/errors.js";
import {KNOWN_DATASETS, type MovieLensEntry} from "../../lib/data/registry.js";
import {defaultDataRoot} from "../../lib/node/data-root.js";
import {loadWorkbenchDataset, resolveDatasetSpec, selectDataset} from "../../lib/node/select-dataset.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";

const RATINGS = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n2,1,3.0,964982224\n";
const MOVIES = "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n3,Grumpier Old Men (1995),Comedy|Romance\n";

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

describe("selectDataset", () => {
  it("takes a set name from MOVIELAB_DATA and reads <dataRoot>/<name>", async () => {
    writeCsvSet(join(root, "ml-latest-small"));
    const s = await selectDataset({env: {MOVIELAB_DATA: "ml-latest-small"}, dataRoot: root});
    expect(s.origin).toBe("env");
    expect(s.raw.name).toBe("ml-latest-small");
    expect(s.raw.ratings.rating.length).toBe(3);
    expect(s.reason).toBe(`MOVIELAB_DATA=ml-latest-small: ${join(root, "ml-latest-small")}`);
  });

  it("takes a directory from MOVIELAB_DATA, even with data/ml-100k present", async () => {
    writeCsvSet(join(root, "data", "ml-100k"));
    const dir = writeCsvSet(join(root, "elsewhere", "my-set"));
    const s = await selectDataset({env: {MOVIELAB_DATA: dir, MOVIELAB_DATA_ROOT: join(root, "data")}});
    expect(s.origin).toBe("env");
    expect(s.raw.name).toBe("my-set");
    expect(s.raw.source.dir).toBe(dir);
  });

  it("takes the word synthetic from MOVIELAB_DATA", async () => {
    writeCsvSet(join(root, "ml-100k"));
    const s = await selectDataset({env: {MOVIELAB_DATA: "synthetic"}, dataRoot: root});
    expect(s.origin).toBe("env");
    expect(s.raw.source.kind).toBe("synthetic");
    expect(s.raw.ratings.rating.length).toBe(100_000);
  });

  it("fails, without falling back, when MOVIELAB_DATA names a set that is not there", async () => {
    writeCsvSet(join(root, "ml-100k"));
    const f = forbiddenFetch();
    const error = await selectDataset({env: {MOVIELAB_DATA: "ml-1m"}, dataRoot: root, fetchImpl: f}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toBe(
      `MOVIELAB_DATA: got "ml-1m", expected the ml-1m files in ${join(root, "ml-1m")}/, which does not exist: ` +
        "run `movielab data fetch ml-1m`, or name a directory that holds them"
    );
    expect(f.calls).toBe(0);
  });

  it("fails when MOVIELAB_DATA is a directory that does not exist", async () => {
    const missing = join(root, "nope");
    await expect(selectDataset({env: {MOVIELAB_DATA: missing}, dataRoot: root})).rejects.toThrow(`(${missing} is none)`);
    await expect(selectDataset({env: {MOVIELAB_DATA: "not-a-set"}, dataRoot: root})).rejects.toThrow(/MOVIELAB_DATA: got "not-a-set"/);
  });

  it("fails with the reader's DataError when the chosen directory holds no MovieLens files", async () => {
    mkdirSync(join(root, "ml-100k"));
    await expect(selectDataset({env: {}, dataRoot: root})).rejects.toThrow(DataError);
  });

  it("uses <dataRoot>/ml-100k when present", async () => {
    writeCsvSet(join(root, "ml-100k"));
    const s = await selectDataset({env: {}, dataRoot: root, fetchImpl: forbiddenFetch()});
    expect(s.origin).toBe("default");
    expect(s.raw.name).toBe("ml-100k");
    expect(s.reason).toBe(`found ${join(root, "ml-100k")}`);
  });

  it("falls back to synthetic with MOVIELAB_OFFLINE=1 and an empty data root, without trying the network", async () => {
    const f = forbiddenFetch();
    const logs: string[] = [];
    const s = await selectDataset({env: {MOVIELAB_OFFLINE: "1"}, dataRoot: root, fetchImpl: f, log: (m) => logs.push(m)});
    expect(s.origin).toBe("synthetic");
    expect(s.raw.source.kind).toBe("synthetic");
    expect(s.reason).toBe(`no ${join(root, "ml-100k")} and downloads are off (MOVIELAB_OFFLINE=1)`);
    expect(f.calls).toBe(0);
    expect(logs).toEqual([`using the seeded synthetic data set: ${s.reason}`]);
    expect(readdirSync(root)).toEqual([]);
  });

  it("falls back to synthetic with the download's error as the reason", async () => {
    const f = forbiddenFetch();
    const s = await selectDataset({env: {}, dataRoot: root, fetchImpl: f});
    expect(f.calls).toBe(1);
    expect(s.origin).toBe("synthetic");
    expect(s.reason).toContain(`no ${join(root, "ml-100k")} and download failed: could not download ${KNOWN_DATASETS[0].url}: no network in this test.`);
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
    const s = await selectDataset({env: {}, dataRoot: root, fetchImpl, registry: [entry]});
    expect(s.origin).toBe("downloaded");
    expect(s.raw.ratings.rating.length).toBe(3);
    expect(readdirSync(join(root, "ml-100k")).sort()).toEqual(["movies.csv", "ratings.csv"]);
  });
});

describe("resolveDatasetSpec", () => {
  it("prefers a set under the data root, then a path relative to cwd", () => {
    writeCsvSet(join(root, "data", "ml-1m"));
    writeCsvSet(join(root, "work", "local"));
    expect(resolveDatasetSpec("ml-1m", {dataRoot: join(root, "data")})).toEqual({kind: "dir", dir: join(root, "data", "ml-1m"), name: "ml-1m"});
    expect(resolveDatasetSpec("local", {dataRoot: join(root, "data"), cwd: join(root, "work")})).toEqual({kind: "dir", dir: join(root, "work", "local")});
    expect(resolveDatasetSpec("./local", {dataRoot: join(root, "data"), cwd: join(root, "work")})).toEqual({kind: "dir", dir: join(root, "work", "local")});
    expect(resolveDatasetSpec("synthetic", {dataRoot: root})).toEqual({kind: "synthetic"});
  });
});

describe("defaultDataRoot", () => {
  it("is <repo>/data whatever the cwd, unless MOVIELAB_DATA_ROOT says otherwise", () => {
    expect(defaultDataRoot({})).toBe(resolve(import.meta.dirname, "..", "..", "data"));
    expect(defaultDataRoot({MOVIELAB_DATA_ROOT: root})).toBe(root);
  });
});

describe("loadWorkbenchDataset", () => {
  it("cleans, encodes and summarises the synthetic set and flags it", async () => {
    const w = await loadWorkbenchDataset({env: {MOVIELAB_OFFLINE: "1"}, dataRoot: root});
    expect(w.synthetic).toBe(true);
    expect(w.origin).toBe("synthetic");
    expect(w.report.rowsIn).toBe(100_000);
    expect(w.dataset.ratings.rating.length).toBe(w.report.rowsOut);
    expect(w.summary.counts.ratings).toBe(w.report.rowsOut);
  });

  describe.skipIf(!HAS_ML100K)("on the real ml-100k", () => {
    it("removes the 231 before-release ratings", async () => {
      const w = await loadWorkbenchDataset({env: {MOVIELAB_DATA: ML100K_DIR}, dataRoot: root});
      expect(w.synthetic).toBe(false);
      expect(w.origin).toBe("env");
      expect(w.report.rowsIn).toBe(100_000);
      expect(w.report.rules.find((r) => r.rule === "before-release")?.removed).toBe(231);
      expect(w.summary.counts.users).toBe(943);
    });
  });
});

import {cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {parseBundle} from "../../lib/bundle/bundle.js";
import {isFactorRanker} from "../../lib/bundle/factor-ranker.js";
import type {WorkbenchState} from "../../lib/bundle/workbench.js";
import {createBundleService} from "../../lib/serving/bundle-service.js";
import {movielab} from "../helpers/run-cli.js";
import {smallWorkbenchText} from "../helpers/small-workbench.js";

// Factor tables in Spark 3's exact ALSModel.save layout, written by pyarrow (test/fixtures/spark-als/make.py).
const FIXTURE = resolve(import.meta.dirname, "..", "fixtures", "spark-als");
const expected = JSON.parse(readFileSync(join(FIXTURE, "expected.json"), "utf8")) as {
  rank: number;
  userFactors: Record<string, number[]>;
  itemFactors: Record<string, number[]>;
};

let root: string;
let bundlePath: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "movielab-import-als-"));
  bundlePath = join(root, "model.json");
  // Users 1..30 and movies 1..40: the fixture lacks user 3 and movie 7 and adds user 999 and movie 998.
  writeFileSync(
    bundlePath,
    smallWorkbenchText({seed: 3, users: 30, movies: 40, ratings: 600, trees: 2, neighbours: 8})
  );
});

/** Runs `movielab train import-als` on the small bundle. */
const importAls = (als: string, out: string, extra: string[] = []) =>
  movielab(["train", "import-als", "--bundle", bundlePath, "--als", als, "--out", out, ...extra]);

/** Top-k movie ids by p_u · q_j in float64 over the fixture's own factors, seen movies and movies without factors left out. */
function expectedTop(userId: number, seen: Set<number>, k: number): number[] {
  const p = expected.userFactors[String(userId)];
  return Object.entries(expected.itemFactors)
    .map(([id, q]) => ({id: Number(id), s: q.reduce((a, v, f) => a + Math.fround(v) * Math.fround(p[f]), 0)}))
    .filter(({id}) => id <= 40 && !seen.has(id))
    .sort((a, b) => b.s - a.s || a.id - b.id)
    .slice(0, k)
    .map(({id}) => id);
}

describe("movielab train import-als", () => {
  it("puts Spark ALS factors into a bundle that serves their top-N, counting what did not match", async () => {
    const out = join(root, "als.json");
    const r = await importAls(join(FIXTURE, "als-model"), out, ["--json"]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({
      name: "als",
      rank: 4,
      users: {matched: 29, withoutFactors: 1, unknownIds: 1, unknownExamples: [999]},
      movies: {matched: 39, withoutFactors: 1, unknownIds: 1, unknownExamples: [998]}
    });

    const bundle = parseBundle<WorkbenchState>(readFileSync(out, "utf8"), out, {kind: "classifier"});
    expect(isFactorRanker(bundle.state.ranker)).toBe(true);
    expect(bundle.meta.params.ranker).toBe("als");
    const service = createBundleService(bundle, out);
    const before = createBundleService(parseBundle<WorkbenchState>(readFileSync(bundlePath, "utf8")), bundlePath);
    for (const userId of [1, 2, 17, 30]) {
      const seen = new Set(seenMovies(bundle, userId));
      const got = await service.recommend(userId, 5);
      expect(got.model).toBe("als");
      expect(got.items.map((i) => i.movieId)).toEqual(expectedTop(userId, seen, 5));
      expect(got.items.map((i) => i.movieId)).not.toContain(7);
      // Predictions stay the classifier's.
      expect(await service.predict(userId, 5)).toEqual(await before.predict(userId, 5));
    }
    // User 3 has no factors: popularity, said so.
    const cold = await service.recommend(3, 5);
    expect(cold.model).toBe("popular");
    expect(cold.items).toHaveLength(5);
  });

  it("prints what matched in plain text", async () => {
    const out = join(root, "als-text.json");
    const r = await importAls(join(FIXTURE, "als-model"), out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("rank 4");
    expect(r.stdout).toContain("users: 29 with factors, 1 without, 1 factor ids not in the bundle (e.g. 999)");
    expect(r.stdout).toContain("movies: 39 with factors, 1 without");
  });

  it("refuses bad input with the file named, and writes nothing", async () => {
    const out = join(root, "never.json");
    const run = (als: string, o = out) => importAls(als, o);

    const missing = await run(join(root, "no-such-model"));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(join(root, "no-such-model", "userFactors"));

    // metadata that records another rank than the tables have
    const wrongRank = join(root, "wrong-rank");
    cpSync(join(FIXTURE, "als-model"), wrongRank, {recursive: true});
    const metaFile = join(wrongRank, "metadata", "part-00000");
    writeFileSync(metaFile, readFileSync(metaFile, "utf8").replace('"rank":4', '"rank":10'));
    const rank = await run(wrongRank);
    expect(rank.code).not.toBe(0);
    expect(rank.stderr).toContain(metaFile);
    expect(rank.stderr).toContain("rank 10");

    // a part file that is not Parquet
    const corrupt = join(root, "corrupt");
    cpSync(join(FIXTURE, "als-model"), corrupt, {recursive: true});
    const part = join(corrupt, "itemFactors", "part-00000-5f1c2e7a-0b9d-4c1e-9a57-3d2b8f0e6c41-c000.snappy.parquet");
    writeFileSync(part, "userId,movieId\n1,2\n");
    const bad = await run(corrupt);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(part);

    const same = await run(join(FIXTURE, "als-model"), bundlePath);
    expect(same.code).not.toBe(0);
    expect(same.stderr).toContain("--out must differ from --bundle");
    expect(existsSync(out)).toBe(false);
  });
});

/** MovieLens ids of the movies a user rated in the bundle. */
function seenMovies(bundle: ReturnType<typeof parseBundle<WorkbenchState>>, userId: number): number[] {
  const u = Array.from(bundle.idMaps.users).indexOf(userId);
  const r = bundle.state.ratings!;
  return Array.from(r.movies.subarray(r.indptr[u], r.indptr[u + 1]), (m) => bundle.idMaps.movies[m]);
}

import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parquetReadObjects} from "hyparquet";
import {describe, expect, it} from "vitest";
import {kFold} from "../../lib/eval/split.js";
import {movielab} from "../helpers/run-cli.js";

/** Every row of a Parquet file, read back by a second library (hyparquet), as plain objects. */
async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  const b = readFileSync(path);
  return parquetReadObjects({file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)});
}

describe("movielab data export", () => {
  it("writes ratings with their cv folds, movies and folds as Parquet another reader reads back", async () => {
    const root = mkdtempSync(join(tmpdir(), "movielab-export-cli-"));
    const set = join(root, "small");
    const made = await movielab(["data", "synth", "--like", "ml-latest-small", "--fraction", "0.1", "--out", set]);
    expect(made.code, made.stderr).toBe(0);
    const out = join(root, "pq");
    const r = await movielab([
      "data",
      "export",
      set,
      "--format",
      "parquet",
      "--folds",
      "3",
      "--seed",
      "7",
      "--out",
      out,
      "--json"
    ]);
    expect(r.code, r.stderr).toBe(0);
    const written = JSON.parse(r.stdout);
    expect(written.folds).toEqual({count: 3, protocol: "k-fold", description: "3 random folds (seed 7)"});
    expect(readdirSync(out).sort()).toEqual(["folds.parquet", "movies.parquet", "ratings.parquet"]);

    const ratings = await readParquet(join(out, "ratings.parquet"));
    const csvRows = readFileSync(join(set, "ratings.csv"), "utf8").trim().split("\n").slice(1);
    expect(ratings.length).toBe(csvRows.length);
    expect(Object.keys(ratings[0])).toEqual(["userId", "movieId", "rating", "timestamp", "fold"]);
    // The rows are the CSV's rows (the look-alike has nothing to clean), ids and half stars as written.
    const [u, m, rating, t] = csvRows[0].split(",");
    expect(ratings[0]).toMatchObject({
      userId: Number(u),
      movieId: Number(m),
      rating: Number(rating),
      timestamp: BigInt(t)
    });
    // The fold column is the seeded k-fold `movielab cv --folds 3 --seed 7` would use.
    const folds = kFold(ratings.length, 3, 7);
    folds.forEach((f, i) => f.test.forEach((row) => expect(ratings[row].fold).toBe(i + 1)));

    const movies = await readParquet(join(out, "movies.parquet"));
    expect(movies.length).toBe(readFileSync(join(set, "movies.csv"), "utf8").trim().split("\n").length - 1);
    expect(Object.keys(movies[0])).toEqual(["movieId", "title", "year", "genres"]);
    const foldRows = await readParquet(join(out, "folds.parquet"));
    expect(foldRows.map((f) => f.name)).toEqual(["fold1", "fold2", "fold3"]);
  }, 60_000);

  it("refuses a directory that holds files and an unknown format, writing nothing", async () => {
    const root = mkdtempSync(join(tmpdir(), "movielab-export-bad-"));
    writeFileSync(join(root, "keep.txt"), "mine");
    const r = await movielab(["data", "export", "synthetic", "--out", root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/exists and is not an empty directory/);
    expect(readdirSync(root)).toEqual(["keep.txt"]);
    const csv = await movielab(["data", "export", "synthetic", "--format", "csv", "--out", join(root, "x")]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/--format "csv": expected parquet/);
  }, 60_000);
});

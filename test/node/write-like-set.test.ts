import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../lib/data/clean.js";
import {setShape} from "../../lib/data/synthetic-shapes.js";
import {readDatasetDir} from "../../lib/node/read-dataset-dir.js";
import {writeLikeSet} from "../../lib/node/write-like-set.js";

const root = mkdtempSync(join(tmpdir(), "movielab-like-"));

describe("writeLikeSet", () => {
  it("writes ml-25m's CSV files, which the CSV reader reads whole and cleaning keeps whole", async () => {
    const dir = join(root, "ml-25m-like");
    const w = writeLikeSet(setShape("ml-25m"), dir, {seed: 3, fraction: 0.002});
    expect(readdirSync(dir).sort()).toEqual(["links.csv", "movies.csv", "ratings.csv", "tags.csv"]);
    expect(readFileSync(join(dir, "ratings.csv"), "utf8").slice(0, 34)).toBe("userId,movieId,rating,timestamp\n1,");
    expect(readFileSync(join(dir, "links.csv"), "utf8").split("\n")[0]).toBe("movieId,imdbId,tmdbId");
    expect(readFileSync(join(dir, "tags.csv"), "utf8").split("\n")[0]).toBe("userId,movieId,tag,timestamp");
    const raw = await readDatasetDir(dir);
    expect(raw.source.format).toBe("csv");
    expect(raw.scale).toEqual({min: 0.5, max: 5, step: 0.5});
    expect(raw.ratings.rating.length).toBe(w.ratings);
    expect(raw.movies.id.length).toBe(w.movies);
    expect(raw.movies.genreNames).toContain("IMAX");
    expect(raw.movies.title.some((t) => t.includes(", The ("))).toBe(true); // quoted in the file
    expect(cleanDataset(raw).report.rowsOut).toBe(w.ratings);
  });

  it("writes ml-1m's and ml-10m's '::' files, whole stars with users.dat and half stars without", async () => {
    const one = writeLikeSet(setShape("ml-1m"), join(root, "ml-1m-like"), {fraction: 0.05});
    expect(readdirSync(one.dir).sort()).toEqual(["movies.dat", "ratings.dat", "users.dat"]);
    const a = await readDatasetDir(one.dir);
    expect(a.source.format).toBe("ml-1m");
    expect(a.scale).toEqual({min: 1, max: 5, step: 1});
    expect(a.users!.id.length).toBe(one.users);
    expect(cleanDataset(a).report.rowsOut).toBe(one.ratings);
    const ten = writeLikeSet(setShape("ml-10m"), join(root, "ml-10m-like"), {fraction: 0.005});
    expect(readdirSync(ten.dir).sort()).toEqual(["movies.dat", "ratings.dat", "tags.dat"]);
    const b = await readDatasetDir(ten.dir);
    expect(b.scale).toEqual({min: 0.5, max: 5, step: 0.5});
    expect(b.users).toBeUndefined();
  });

  it("refuses a directory that holds files, and leaves nothing half-written", () => {
    const dir = join(root, "taken");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "mine");
    expect(() => writeLikeSet(setShape("ml-1m"), dir, {fraction: 0.01})).toThrow(
      /taken: the directory exists and is not empty/
    );
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
    expect(readdirSync(root).filter((f) => f.includes("partial"))).toEqual([]);
    expect(existsSync(join(root, "ml-1m-like", "ratings.dat"))).toBe(true);
  });
});

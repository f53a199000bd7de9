import {existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {DataError} from "../../lib/data/errors.js";
import {MAX_FILE_BYTES, readDatasetDir} from "../../lib/node/read-dataset-dir.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";

const root = mkdtempSync(join(tmpdir(), "movielab-read-dir-"));
afterAll(() => rmSync(root, {recursive: true, force: true}));

/** Writes `files` into a fresh directory `<root>/<name>` and returns its path. */
function makeDir(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  rmSync(dir, {recursive: true, force: true});
  mkdirSync(dir, {recursive: true});
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

describe("readDatasetDir", () => {
  it.skipIf(!existsSync("/dev/zero"))(
    "refuses a data file that is not a regular file, or too large, naming it",
    async () => {
      const dir = makeDir("special", {"movies.csv": "movieId,title,genres\n1,A (1990),Drama\n"});
      symlinkSync("/dev/zero", join(dir, "ratings.csv"));
      await expect(readDatasetDir(dir)).rejects.toThrow(
        /ratings\.csv.*a csv file as a regular file, but it is a character device/
      );
      const big = makeDir("big", {
        "ratings.csv": "userId,movieId,rating,timestamp\n" + "1,1,4.0,964982703\n".repeat(1000),
        "movies.csv": "movieId,title,genres\n1,A (1990),Drama\n"
      });
      await expect(readDatasetDir(big, "big", {maxFileBytes: 4096})).rejects.toThrow(
        /ratings\.csv.*at most 4096 bytes, but it has 18032 bytes/
      );
      expect(MAX_FILE_BYTES.csv).toBeGreaterThan(877e6); // ml-32m's ratings.csv
      expect(MAX_FILE_BYTES["ml-1m"]).toBeGreaterThan(265e6); // ml-10m's ratings.dat
    }
  );

  it("refuses a directory holding two layouts unless the format is named", async () => {
    const dir = makeDir("mixed", {
      "u.data": "1\t1\t5\t874965758\n",
      "u.item": "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n",
      "ratings.csv": "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n",
      "movies.csv": "movieId,title,genres\n1,Toy Story (1995),Comedy\n"
    });
    await expect(readDatasetDir(dir)).rejects.toThrow(
      /mixed: got "u\.data \+ u\.item \(ml-100k\) and ratings\.csv \+ movies\.csv \(csv\)", expected the files of one MovieLens layout/
    );
    expect((await readDatasetDir(dir, "mixed", {format: "csv"})).source.format).toBe("csv");
    expect((await readDatasetDir(dir, "mixed", {format: "ml-100k"})).source.format).toBe("ml-100k");
  });

  it("reads a CSV directory and defaults the name to the directory's base name", async () => {
    const dir = makeDir("ml-latest-small", {
      "ratings.csv": "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n",
      "movies.csv": 'movieId,title,genres\n1,"Toy Story, The (1995)",Comedy\n',
      "tags.csv": "not read"
    });
    const d = await readDatasetDir(dir);
    expect(d.name).toBe("ml-latest-small");
    expect(d.source).toEqual({kind: "files", format: "csv", dir});
    expect(d.movies.title).toEqual(["Toy Story, The (1995)"]);
  });
  it("reads an ml-1m directory with an explicit name and uses users.dat when present", async () => {
    const dir = makeDir("one-m", {
      "ratings.dat": "1::1::5::978300760\n",
      "movies.dat": "1::A (1990)::Drama\n",
      "users.dat": "1::F::1::10::48067\n"
    });
    const d = await readDatasetDir(dir, "ml-1m");
    expect(d.name).toBe("ml-1m");
    expect(d.users!.id.length).toBe(1);
  });
  it("names a missing directory", async () => {
    const missing = join(root, "nope");
    await expect(readDatasetDir(missing)).rejects.toThrow(DataError);
    await expect(readDatasetDir(missing)).rejects.toThrow(
      `${missing}: expected a MovieLens directory holding u.data + u.item (ml-100k), ratings.dat + movies.dat (ml-1m) or ratings.csv + movies.csv (CSV sets), but it cannot be read (ENOENT)`
    );
  });
  it("names a path that is a file, not a directory", async () => {
    const dir = makeDir("file-parent", {"x.txt": "x"});
    await expect(readDatasetDir(join(dir, "x.txt"))).rejects.toThrow(
      `${join(dir, "x.txt")}: expected a MovieLens directory holding u.data + u.item (ml-100k), ratings.dat + movies.dat (ml-1m) or ratings.csv + movies.csv (CSV sets), but this is not a directory`
    );
  });
  it("names the files found when a required one is missing", async () => {
    const dir = makeDir("half", {"u.data": "1\t1\t5\t1\n", "u.user": "1|20|M|other|1\n"});
    await expect(readDatasetDir(dir)).rejects.toThrow(
      `${dir}: got "u.data, u.user", expected a MovieLens directory holding u.data + u.item (ml-100k)`
    );
  });
  it("passes file errors through with the set's name", async () => {
    const dir = makeDir("bad-set", {
      "ratings.csv": "userId,movieId,rating,timestamp\n1,1,9,1\n",
      "movies.csv": "movieId,title,genres\n1,A,Drama\n"
    });
    await expect(readDatasetDir(dir)).rejects.toThrow(
      'bad-set/ratings.csv line 2, field "rating": got "9", expected a rating from 0.5 to 5 in steps of 0.5'
    );
  });
});

describe.skipIf(!HAS_ML100K)("readDatasetDir on the real MovieLens 100K", () => {
  it("reads all three files, 100,000 ratings, 943 users, 1,682 movies", async () => {
    const d = await readDatasetDir(ML100K_DIR);
    expect(d.name).toBe("ml-100k");
    expect(d.source).toEqual({kind: "files", format: "ml-100k", dir: ML100K_DIR});
    expect(d.ratings.rating.length).toBe(100_000);
    expect(d.users!.id.length).toBe(943);
    expect(d.movies.id.length).toBe(1682);
    expect(d.movies.genreNames.length).toBe(19);
    expect(d.users!.occupationNames.length).toBe(21);
  });
});

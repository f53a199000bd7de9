import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {movielab} from "../helpers/run-cli.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";

let tmp: string;
let tiny: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "movielab-cli-"));
  // A tiny ml-100k layout: movie 30 is released in 1999, after user 1 rated it, so cleaning removes that rating.
  tiny = join(tmp, "tiny");
  mkdirSync(tiny);
  writeFileSync(
    join(tiny, "u.data"),
    "1\t10\t4\t881250949\n2\t20\t1\t891717742\n1\t30\t5\t881250950\n2\t10\t3\t891717743\n"
  );
  writeFileSync(
    join(tiny, "u.item"),
    "10|Some Film (1997)|27-Jun-1997||http://x|0|1|1\n20|unknown||||1|0|0\n30|Later Film (1999)|01-Jan-1999||http://y|0|0|1\n"
  );
  writeFileSync(join(tiny, "u.genre"), "unknown|0\nAction|1\nDrama|2\n\n");
  writeFileSync(join(tiny, "u.user"), "1|24|M|technician|85711\n2|53|F|other|T8H1N\n");
});
afterAll(() => {
  rmSync(tmp, {recursive: true, force: true});
});

// Each case spawns a process that mostly waits on tsx start-up, so they run concurrently.
describe.concurrent("movielab CLI", () => {
  it("prints help listing the commands", async () => {
    const r = await movielab(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: movielab <command> \[options\]/);
    expect(r.stdout).toMatch(/^ {2}data +fetch, check, list, generate and export MovieLens data sets$/m);
  });

  it("prints --help for a subcommand", async () => {
    const r = await movielab(["data", "check", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: movielab data check <dir|name|synthetic> [options]");
    expect(r.stdout).toContain("--json");
  });

  it.each([
    [[], /^Usage: movielab/],
    [["frobnicate"], /^movielab: unknown command "frobnicate": expected one of .*data/],
    [["data"], /^movielab: data needs a subcommand: fetch, check, list/],
    [
      ["data", "check"],
      /^movielab: data check needs <dir\|name\|synthetic>\nRun 'movielab data check --help' for usage\.$/m
    ],
    [["data", "check", "a", "b"], /^movielab: data check: unexpected argument "b"/],
    [["data", "check", "--bogus", "x"], /^movielab: Unknown option '--bogus'/],
    [
      ["data", "fetch", "ml-7m"],
      /^movielab: unknown data set "ml-7m": expected one of ml-100k, ml-latest-small, ml-1m, ml-10m, ml-20m, ml-25m, ml-32m/
    ]
  ])("exits 2 on bad usage: %j", async (args, message) => {
    const r = await movielab(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("checks a tiny ml-100k directory and prints the counts and cleaning report", async () => {
    const r = await movielab(["data", "check", tiny]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`tiny (ml-100k, ${tiny})`);
    expect(r.stdout).toMatch(/ratings read +4$/m);
    expect(r.stdout).toMatch(/before-release +1 /m);
    expect(r.stdout).toContain("kept 3 of 4 ratings");
  });

  it("prints the same check as JSON with --json", async () => {
    const r = await movielab(["data", "check", tiny, "--json"]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.name).toBe("tiny");
    expect(result.read).toEqual({ratings: 4, movies: 3, users: 2});
    expect(result.report.rowsIn).toBe(4);
    expect(result.report.rowsOut).toBe(3);
    expect(result.report.rules.find((x: {rule: string}) => x.rule === "before-release").removed).toBe(1);
    expect(result.summary.counts.ratings).toBe(3);
  });

  it("exits 1 with the DataError message, and no stack trace, on bad data", async () => {
    const bad = join(tmp, "bad");
    mkdirSync(bad);
    writeFileSync(join(bad, "u.data"), "1\t10\t4\t881250949\n2\t10\t7\t891717742\n");
    writeFileSync(join(bad, "u.item"), "10|Some Film (1997)|27-Jun-1997||http://x|0|1|1\n");
    writeFileSync(join(bad, "u.genre"), "unknown|0\nAction|1\nDrama|2\n");
    const r = await movielab(["data", "check", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^movielab: .*u\.data line 2, field "rating": got "7", expected /);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe("");
  });

  it("exits 1 when the named set is not under the data root", async () => {
    const r = await movielab(["data", "check", "ml-1m", "--data-root", join(tmp, "empty-root")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("run `movielab data fetch ml-1m`");
  });

  it("checks the synthetic set and lists which known sets are present", async () => {
    const root = join(tmp, "root");
    mkdirSync(join(root, "ml-latest-small"), {recursive: true});
    writeFileSync(join(root, "ml-latest-small", "ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");
    writeFileSync(join(root, "ml-latest-small", "movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
    mkdirSync(join(root, "ml-1m"));
    const [list, synthetic] = await Promise.all([
      movielab(["data", "list", "--json"], {MOVIELAB_DATA_ROOT: root}),
      movielab(["data", "check", "synthetic", "--json"])
    ]);
    expect(list.code).toBe(0);
    const sets = JSON.parse(list.stdout).sets as {name: string; local: string}[];
    expect(Object.fromEntries(sets.map((s) => [s.name, s.local]))).toEqual({
      "ml-100k": "absent",
      "ml-latest-small": "present",
      "ml-1m": "incomplete",
      "ml-10m": "absent",
      "ml-20m": "absent",
      "ml-25m": "absent",
      "ml-32m": "absent"
    });
    expect(synthetic.code).toBe(0);
    expect(JSON.parse(synthetic.stdout).report.rowsIn).toBe(100_000);
  });

  describe.skipIf(!HAS_ML100K)("on the real ml-100k", () => {
    it("data check --json reports 100,000 ratings in and 231 before-release removals", async () => {
      const r = await movielab(["data", "check", ML100K_DIR, "--json"]);
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout);
      expect(result.report.rowsIn).toBe(100_000);
      expect(result.report.rules.find((x: {rule: string}) => x.rule === "before-release").removed).toBe(231);
      expect(result.report.rowsOut).toBe(99_769);
      expect(result.summary.counts).toEqual({ratings: 99_769, users: 943, movies: 1682, genres: 19});
    });
  });
});

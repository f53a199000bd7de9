import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {movielab} from "../helpers/run-cli.js";

describe("movielab data synth", () => {
  it("writes a look-alike that data check reads whole, and refuses an unknown shape", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "movielab-synth-cli-")), "small");
    const made = await movielab([
      "data",
      "synth",
      "--like",
      "ml-latest-small",
      "--fraction",
      "0.2",
      "--out",
      out,
      "--json"
    ]);
    expect(made.code, made.stderr).toBe(0);
    const written = JSON.parse(made.stdout);
    expect(written).toMatchObject({dir: out, name: "ml-latest-small", users: 122});
    const check = await movielab(["data", "check", out, "--json"]);
    expect(check.code, check.stderr).toBe(0);
    const r = JSON.parse(check.stdout);
    expect(r.read.ratings).toBe(written.ratings);
    expect(r.report.rowsOut).toBe(written.ratings);
    expect(r.scale).toEqual({min: 0.5, max: 5, step: 0.5});
    const bad = await movielab(["data", "synth", "--like", "ml-5m", "--out", out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--like "ml-5m": expected one of ml-latest-small, ml-1m, ml-10m, ml-20m, ml-25m, ml-32m/
    );
  }, 60_000);
});

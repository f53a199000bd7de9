// The Runs page's loader (notebooks/data/runs.json.ts): the records under MOVIELAB_RUNS_DIR, newest first,
// bad files named, and no local path published.
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {cvRecord} from "./fixture.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const LOADER = resolve(ROOT, "notebooks/data/runs.json.ts");
const tmp = mkdtempSync(join(tmpdir(), "movielab-runs-json-"));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

function runLoader(dir: string): {status: number | null; stdout: string; stderr: string} {
  return spawnSync(process.execPath, ["--import", "tsx", LOADER], {
    cwd: ROOT,
    encoding: "utf8",
    env: {...process.env, MOVIELAB_RUNS_DIR: dir}
  });
}

describe("runs.json", () => {
  it("publishes the records newest first without this machine's paths, and names the bad files", () => {
    const dir = join(tmp, "runs");
    const data = join(tmp, "sets", "small");
    const invocation = {command: ["cv", "recommender"], options: {model: "baseline", data}, data, cwd: tmp};
    const older = cvRecord([0.9, 1], {id: "cli-old", created_at: "2026-12-01T00:00:00.000Z"});
    const newer = cvRecord([0.9, 1], {id: "cli-new", created_at: "2026-12-02T00:00:00.000Z"});
    mkdirSync(dir);
    writeFileSync(join(dir, "cli-old.json"), JSON.stringify({...older, invocation}));
    writeFileSync(join(dir, "cli-new.json"), JSON.stringify(newer));
    writeFileSync(join(dir, "bad.json"), JSON.stringify({...newer, seed: "x"}));
    const r = runLoader(dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain(tmp);
    expect(r.stdout).not.toContain(tmpdir());
    const out = JSON.parse(r.stdout);
    expect(out.dir).toBe("…/runs");
    expect(out.runs.map((x: {id: string}) => x.id)).toEqual(["cli-new", "cli-old"]);
    expect(out.runs[1].invocation).toEqual({
      command: ["cv", "recommender"],
      options: {model: "baseline", data: "…/small"},
      data: "…/small",
      cwd: `…/${tmp.split("/").at(-1)}`
    });
    expect(out.skipped).toEqual([
      {file: "…/bad.json", message: '…/bad.json, field "seed": got "x", expected a number'}
    ]);
    expect(r.stderr).toMatch(/runs\.json: 2 records from …\/runs/);
  }, 60_000);

  it("gives an empty list when the directory does not exist", () => {
    const r = runLoader(join(tmp, "none"));
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({dir: "…/none", runs: [], skipped: []});
  }, 60_000);
});

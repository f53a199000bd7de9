import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {findRun, readRunsDir, runsDirOf, writeRunRecord} from "../../lib/node/runs-dir.js";
import {PROJECT_ROOT} from "../../lib/node/public-path.js";
import {cvRecord} from "../runs/fixture.js";

const tmp = mkdtempSync(join(tmpdir(), "movielab-runsdir-"));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

describe("the runs directory", () => {
  it("is --runs-dir, else MOVIELAB_RUNS_DIR, else <project>/runs", () => {
    expect(runsDirOf("r", {MOVIELAB_RUNS_DIR: "/e"}, "/cwd")).toBe("/cwd/r");
    expect(runsDirOf(undefined, {MOVIELAB_RUNS_DIR: "e"}, "/cwd")).toBe("/cwd/e");
    expect(runsDirOf(undefined, {}, "/cwd")).toBe(join(PROJECT_ROOT, "runs"));
  });

  it("writes <id>.json (creating the directory, no temporary left) and reads it back", async () => {
    const dir = join(tmp, "a", "runs");
    const r = cvRecord([0.9, 0.95], {id: "cli-one"});
    const path = await writeRunRecord(dir, r);
    expect(path).toBe(join(dir, "cli-one.json"));
    expect(readdirSync(dir)).toEqual(["cli-one.json"]);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(r);
    await expect(writeRunRecord(dir, cvRecord([1, 1], {id: "../escape"}))).rejects.toThrow(/cannot be a file name/);
  });

  it("finds a run by id, unique prefix or path, and says which runs an ambiguous prefix matches", async () => {
    const dir = join(tmp, "b");
    await writeRunRecord(dir, cvRecord([0.9, 0.95], {id: "cli-x1"}));
    await writeRunRecord(dir, cvRecord([0.9, 0.95], {id: "cli-x2"}));
    await writeRunRecord(dir, cvRecord([0.9, 0.95], {id: "cli-x2b"}));
    expect(findRun(dir, "cli-x1", "/").record.id).toBe("cli-x1");
    expect(findRun(dir, "cli-x2", "/").record.id).toBe("cli-x2");
    expect(findRun(dir, "cli-x2b", "/").record.id).toBe("cli-x2b");
    expect(findRun(dir, "b/cli-x1.json", tmp).record.id).toBe("cli-x1");
    expect(() => findRun(dir, "cli-x", "/")).toThrow(/"cli-x" matches 3 runs in .*: cli-x1, cli-x2, cli-x2b/);
    expect(() => findRun(dir, "lab", "/")).toThrow(/no run "lab" in .* \(3 records;/);
  });

  it("reads the good records and names each bad file: not JSON, a Lab export (a list), a bad field", async () => {
    const dir = join(tmp, "c");
    await writeRunRecord(dir, cvRecord([0.9, 0.95], {id: "cli-good"}));
    writeFileSync(join(dir, "broken.json"), "{");
    writeFileSync(join(dir, "export.json"), JSON.stringify([cvRecord([0.9, 0.95])]));
    writeFileSync(join(dir, "field.json"), JSON.stringify({...cvRecord([0.9, 0.95]), n_ratings: "many"}));
    writeFileSync(join(dir, "notes.txt"), "not a record");
    const {records, errors} = readRunsDir(dir);
    expect(records.map((r) => r.id)).toEqual(["cli-good"]);
    expect(errors.map((e) => e.file)).toEqual(["broken.json", "export.json", "field.json"].map((f) => join(dir, f)));
    expect(errors[0].message).toMatch(/broken\.json: expected a JSON run record, but it does not parse/);
    expect(errors[1].message).toMatch(/export\.json: expected one run record \(an object\); a Lab export holds a list/);
    expect(errors[2].message).toBe(`${join(dir, "field.json")}, field "n_ratings": got "many", expected a number`);
    expect(readRunsDir(join(tmp, "none"))).toEqual({records: [], errors: []});
  });
});

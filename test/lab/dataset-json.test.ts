import {spawnSync} from "node:child_process";
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {fromJsonValue, toJsonValue, type WorkbenchJson} from "../../lib/lab/dataset-json.js";
import {syntheticLabData, workbenchLabData} from "../../lib/lab/read-upload.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const LOADER = resolve(ROOT, "notebooks/data/lab-workbench.json.ts");

function runLoader(env: Record<string, string>): WorkbenchJson {
  const r = spawnSync(process.execPath, ["--import", "tsx", LOADER], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 << 20,
    env: {...process.env, MOVIELAB_DATA: "synthetic", MOVIELAB_PREVIEW: "", ...env}
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as WorkbenchJson;
}

describe("the workbench set as JSON", () => {
  it("typed arrays and NaN survive the trip", () => {
    const v = {a: Float64Array.from([1, NaN]), b: [Int32Array.from([3])], c: "x", d: null};
    const back = fromJsonValue(JSON.parse(JSON.stringify(toJsonValue(v)))) as typeof v;
    expect(back).toEqual(v);
    expect(back.a).toBeInstanceOf(Float64Array);
  });

  it("a build ships nothing; the preview ships the set, which reads back with the CLI's fingerprint", async () => {
    expect(runLoader({})).toEqual({available: false, reason: expect.stringMatching(/ships no MovieLens rows/)});
    const json = runLoader({MOVIELAB_PREVIEW: "1"});
    expect(json.available).toBe(true);
    const lab = await workbenchLabData(json);
    expect(lab.fingerprint).toBe((await syntheticLabData()).fingerprint);
    expect(lab.official).toBeNull();
    await expect(workbenchLabData({available: false, reason: "none here"})).rejects.toThrow(/none here/);
  }, 120_000);
});

// bin/movielab.js end to end on the compiled CLI (dist-cli/, made current by the globalSetup
// test/helpers/build-cli.ts). MOVIELAB_CLI=compiled makes the bin fail instead of falling back to tsx,
// so every run here is the compiled code; each is compared with the same command on the sources.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {trainFixtureBundle} from "../helpers/bundle-fixture.js";
import {movielab} from "../helpers/run-cli.js";

const compiled = (args: string[], env: NodeJS.ProcessEnv = {}) => movielab(args, {MOVIELAB_CLI: "compiled", ...env});
const sources = (args: string[]) => movielab(args, {MOVIELAB_CLI: "tsx"});

/** A copy of a JSON value without its timings (keys ending in "seconds"/"Seconds"), which differ run to run. */
function withoutTimings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !/seconds$/i.test(k))
      .map(([k, v]) => [k, withoutTimings(v)])
  );
}

describe("bin/movielab.js on the compiled CLI", () => {
  it("prints the same --help as the sources, and nothing on stderr", async () => {
    const [c, s] = await Promise.all([compiled(["--help"]), sources(["--help"])]);
    expect(s.code).toBe(0);
    expect(c).toEqual({code: 0, stdout: s.stdout, stderr: ""});
    expect(c.stdout).toContain("predict");
  });

  it("checks a generated data set as the sources do", async () => {
    const dir = mkdtempSync(join(tmpdir(), "movielab-compiled-synth-"));
    const synth = ["data", "synth", "--like", "ml-1m", "--fraction", "0.01", "--out", join(dir, "set"), "--json"];
    expect((await compiled(synth)).code).toBe(0);
    const check = ["data", "check", join(dir, "set"), "--json"];
    const [c, s] = await Promise.all([compiled(check), sources(check)]);
    expect(c.code, c.stderr).toBe(0);
    expect(c).toEqual(s);
    const missing = await compiled(["data", "check", join(dir, "missing")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^movielab: .*missing/);
  });

  it("predicts from a bundle as the sources do", async () => {
    const fixture = trainFixtureBundle();
    const args = ["predict", "--bundle", fixture.path, "--user", String(fixture.data.userIds[0])];
    args.push("--movie", String(fixture.data.movies.id[2]), "--json");
    const [c, s] = await Promise.all([compiled(args), sources(args)]);
    expect(c.code, c.stderr).toBe(0);
    expect(c).toEqual(s);
  });

  it("grows the classifier's trees on worker threads started on the compiled chunks, with the sources' results", async () => {
    // Reports every Worker the CLI starts and the module it runs (startModuleWorker's workerData.entry).
    const hook = join(mkdtempSync(join(tmpdir(), "movielab-worker-hook-")), "hook.mjs");
    writeFileSync(
      hook,
      `import {createRequire, syncBuiltinESMExports} from "node:module";
const wt = createRequire(import.meta.url)("node:worker_threads");
const Original = wt.Worker;
wt.Worker = class extends Original {
  constructor(code, options) {
    super(code, options);
    process.stderr.write("worker thread on " + options?.workerData?.entry + "\\n");
  }
};
syncBuiltinESMExports();
`
    );
    // 2 folds of the 100,000-rating synthetic set: 50,000 training rows, over parallelTrainer's threshold.
    const args = ["cv", "classifier", "--data", "synthetic", "--folds", "2", "--rounds", "3", "--json"];
    const c = await compiled(args, {NODE_OPTIONS: `--import ${hook}`});
    expect(c.code, c.stderr).toBe(0);
    const workers = c.stderr.split("\n").filter((l) => l.startsWith("worker thread on "));
    expect(workers.length).toBeGreaterThan(0);
    for (const w of workers) expect(w).toMatch(/^worker thread on file:\/\/.*\/dist-cli\/[0-9a-f]{16}\/.*\.js$/);
    const s = await sources(args);
    expect(s.code, s.stderr).toBe(0);
    expect(withoutTimings(JSON.parse(c.stdout))).toEqual(withoutTimings(JSON.parse(s.stdout)));
  }, 180_000);
});

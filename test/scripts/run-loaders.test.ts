// scripts/run-loaders.mjs: every data loader runs, side by side, and only a loader that exits 0
// leaves output where Framework would take it as fresh.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {dataLoaders, loaderJobs, runLoaders, SLOW_FIRST} from "../../scripts/run-loaders.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, {recursive: true, force: true});
  dir = undefined;
});

/** A throwaway project whose notebooks/data holds the given loaders (node_modules linked to ours, for tsx). */
function project(loaders: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "movielab-loaders-"));
  mkdirSync(join(dir, "notebooks", "data"), {recursive: true});
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({type: "module"}));
  for (const [name, body] of Object.entries(loaders)) writeFileSync(join(dir, "notebooks", "data", name), body);
  return dir;
}

describe("dataLoaders", () => {
  it("lists this site's loaders with the known slow ones first", () => {
    const names = dataLoaders(ROOT);
    expect(names.slice(0, SLOW_FIRST.length)).toEqual(SLOW_FIRST);
    expect(names).toContain("ratings.json");
    expect(names).toContain("inputs.css");
  });
});

describe("loaderJobs", () => {
  it("takes MOVIELAB_BUILD_JOBS, else at most two", () => {
    expect(loaderJobs({MOVIELAB_BUILD_JOBS: "3"})).toBe(3);
    expect(loaderJobs({})).toBeGreaterThanOrEqual(1);
    expect(loaderJobs({})).toBeLessThanOrEqual(2);
    expect(() => loaderJobs({MOVIELAB_BUILD_JOBS: "0"})).toThrow(/MOVIELAB_BUILD_JOBS is "0": expected an integer ≥ 1/);
  });
});

describe("runLoaders", () => {
  it("writes each loader's stdout into the cache, runs them side by side", async () => {
    // Each loader waits until the other has started: they finish only if both run at once.
    const wait = (me: string, other: string) =>
      `import {existsSync, writeFileSync} from "node:fs";\n` +
      `writeFileSync(process.env.MARK_DIR + "/${me}", "");\n` +
      `const t0 = Date.now();\n` +
      `while (!existsSync(process.env.MARK_DIR + "/${other}")) { if (Date.now() - t0 > 20000) process.exit(3); await new Promise((r) => setTimeout(r, 20)); }\n` +
      `process.stdout.write(JSON.stringify({me: "${me}"}));\n`;
    const root = project({"a.json.ts": wait("a", "b"), "b.json.ts": wait("b", "a")});
    const cache = join(root, "notebooks", ".observablehq", "cache");
    const lines: string[] = [];
    const out = await runLoaders({
      root,
      cache,
      jobs: 2,
      env: {...process.env, MARK_DIR: root},
      log: (l: string) => lines.push(l)
    });
    expect(JSON.parse(readFileSync(join(cache, "data", "a.json"), "utf8"))).toEqual({me: "a"});
    expect(JSON.parse(readFileSync(join(cache, "data", "b.json"), "utf8"))).toEqual({me: "b"});
    expect(Object.keys(out.seconds).sort()).toEqual(["a.json", "b.json"]);
    expect(lines.join("\n")).toMatch(/running 2 data loaders, 2 at a time/);
  }, 60_000);

  it("leaves no output for a failed loader, names it, and still runs the others", async () => {
    const root = project({
      "bad.json.ts": `process.stdout.write("{half"); process.exit(1);\n`,
      "good.json.ts": `process.stdout.write("{}");\n`
    });
    const cache = join(root, "notebooks", ".observablehq", "cache");
    await expect(runLoaders({root, cache, jobs: 1, log: () => {}})).rejects.toThrow(
      /data loaders failed: data\/bad\.json \(exit code 1\)/
    );
    expect(existsSync(join(cache, "data", "bad.json"))).toBe(false);
    expect(readFileSync(join(cache, "data", "good.json"), "utf8")).toBe("{}");
    expect(readdirSync(join(cache, "data")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 60_000);
});

describe("runLoaders with the result store", () => {
  // Each run of a loader appends a line to runs-<name>.log (outside what the store keys on), so the
  // tests see whether it ran or was restored.
  const counted = (name: string, body: string) =>
    `import {appendFileSync} from "node:fs";\n` +
    `appendFileSync(process.env.COUNT_DIR + "/runs-${name}.log", "ran\\n");\n` +
    body;
  const runsOf = (root: string, name: string) =>
    existsSync(join(root, `runs-${name}.log`))
      ? readFileSync(join(root, `runs-${name}.log`), "utf8").split("\n").length - 1
      : 0;

  function storeProject(withRuns = false) {
    const root = project({
      "figures.json.ts": counted(
        "figures",
        `import {value} from "./helper.js";\nprocess.stdout.write(JSON.stringify({value, setting: process.env.MOVIELAB_EXTRA ?? null}));\n`
      ),
      "helper.ts": `export const value = 1;\n`,
      ...(withRuns ? {"runs.json.ts": counted("runs", `process.stdout.write("[]");\n`)} : {})
    });
    const cache = join(root, "notebooks", ".observablehq", "cache");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      COUNT_DIR: root,
      MOVIELAB_DATA: "synthetic",
      MOVIELAB_CACHE_DIR: join(root, "store")
    };
    delete env.MOVIELAB_CACHE;
    delete env.MOVIELAB_LOADER_STORE;
    delete env.MOVIELAB_EXTRA;
    const build = (more: NodeJS.ProcessEnv = {}) =>
      runLoaders({root, cache, jobs: 2, env: {...env, ...more}, log: () => {}});
    const output = () => readFileSync(join(cache, "data", "figures.json"), "utf8");
    return {root, cache, build, output};
  }

  it("restores an unchanged loader's output byte for byte instead of running it", async () => {
    const {root, build, output} = storeProject(true);
    const first = await build();
    expect(first.restored).toEqual([]);
    const made = output();
    expect(JSON.parse(made)).toEqual({value: 1, setting: null});
    // Settings that change no output (progress display, where tests find ml-100k) do not miss the store.
    const second = await build({MOVIELAB_NO_PROGRESS: "1", MOVIELAB_TEST_DATA: "/elsewhere/ml-100k"});
    expect(second.restored).toEqual(["figures.json"]);
    expect(output()).toBe(made);
    expect(runsOf(root, "figures")).toBe(1);
    // runs.json is in NOT_STORED: it runs every time.
    expect(runsOf(root, "runs")).toBe(2);
    expect(second.seconds).not.toHaveProperty("figures.json");
  }, 120_000);

  it("runs the loader again when a module it imports changed", async () => {
    const {root, build, output} = storeProject();
    await build();
    writeFileSync(join(root, "notebooks", "data", "helper.ts"), `export const value = 2;\n`);
    expect((await build()).restored).toEqual([]);
    expect(JSON.parse(output())).toEqual({value: 2, setting: null});
    expect(runsOf(root, "figures")).toBe(2);
  }, 120_000);

  it("runs it again under another MOVIELAB_* setting, keeps both results, and always runs with the store off", async () => {
    const {root, build, output} = storeProject();
    await build();
    expect((await build({MOVIELAB_EXTRA: "x"})).restored).toEqual([]);
    expect(JSON.parse(output())).toEqual({value: 1, setting: "x"});
    // Back to the first settings: its result is still kept, so it is restored.
    expect((await build()).restored).toEqual(["figures.json"]);
    expect(JSON.parse(output())).toEqual({value: 1, setting: null});
    expect((await build({MOVIELAB_LOADER_STORE: "off"})).restored).toEqual([]);
    expect(runsOf(root, "figures")).toBe(3);
  }, 120_000);

  it("keeps no result for a loader that failed", async () => {
    const {root, build} = storeProject();
    writeFileSync(join(root, "notebooks", "data", "figures.json.ts"), counted("figures", `process.exit(2);\n`));
    await expect(build()).rejects.toThrow(/data\/figures\.json \(exit code 2\)/);
    expect(runsOf(root, "figures")).toBe(1);
    expect(existsSync(join(root, "store", "loader-results", "figures.json"))).toBe(false);
  }, 120_000);
});

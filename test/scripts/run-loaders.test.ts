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

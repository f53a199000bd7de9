// The loaders' import graph: a change anywhere in a loader's closure re-runs that loader, and only it.
import {mkdirSync, mkdtempSync, readFileSync, realpathSync, statSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {
  cachedOutputOf,
  closureOf,
  dataFingerprint,
  loaderFiles,
  refreshLoaders,
  relativeImports,
  settingsKey
} from "../../scripts/loader-deps.mjs";

const ROOT = resolve(import.meta.dirname, "..", "..");

/** A throwaway project holding the given files. */
function project(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "movielab-deps-")));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), {recursive: true});
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("relativeImports", () => {
  it("finds static, type-only, re-exported, side-effect and dynamic imports and worker URLs", () => {
    const src = `import {a} from "./a.js";
import type {B} from '../b.js';
export {c} from "./c.js";
export * from "./d.js";
import "./e.js";
const f = await import("./f.js");
const w = new URL("./g.ts", import.meta.url);
import {readFileSync} from "node:fs";
import * as d3 from "d3";
import {
  h,
  i
} from "./h.js";`;
    expect(relativeImports(src)).toEqual([
      "./a.js",
      "../b.js",
      "./c.js",
      "./d.js",
      "./e.js",
      "./f.js",
      "./g.ts",
      "./h.js"
    ]);
  });
});

describe("closureOf on the real loaders", () => {
  it("reaches lib/analysis/rating-moments.ts from the ratings loader (the issue's example)", () => {
    const files = closureOf(join(ROOT, "notebooks", "data", "ratings.json.ts"));
    expect(files).toContain(join(ROOT, "lib", "analysis", "rating-moments.ts"));
    expect(files).toContain(join(ROOT, "lib", "node", "open-dataset.ts"));
  });
  it("lists every data loader, the embed bundle included, and nothing under notebooks/lib", () => {
    const loaders = loaderFiles(join(ROOT, "notebooks")).map((f) => f.slice(ROOT.length + 1));
    expect(loaders).toContain("notebooks/data/ratings.json.ts");
    expect(loaders).toContain("notebooks/embed/predict.js.ts");
    expect(loaders.every((l) => !l.startsWith("lib/"))).toBe(true);
    // The embed loader bundles lib/widget/embed.ts through new URL(…, import.meta.url).
    expect(closureOf(join(ROOT, "notebooks", "embed", "predict.js.ts"))).toContain(
      join(ROOT, "lib", "widget", "embed.ts")
    );
  });
});

describe("refreshLoaders", () => {
  const files = {
    "notebooks/data/a.json.ts": `import {x} from "../../lib/x.js"; process.stdout.write(String(x));`,
    "notebooks/data/b.json.ts": `import {y} from "../../lib/y.js"; process.stdout.write(String(y));`,
    "lib/x.ts": `export {z as x} from "./z.js";`,
    "lib/y.ts": `export const y = 2;`,
    "lib/z.ts": `export const z = 1;`
  };
  const mtime = (p: string) => statSync(p).mtimeMs;

  it("touches only the loaders whose closure changed, and says which file reached them", () => {
    const dir = project(files);
    const root = join(dir, "notebooks");
    const past = new Date(Date.now() - 60_000);
    expect(refreshLoaders({root, project: dir, env: {}, now: past})).toEqual([]); // first run only records
    const before = mtime(join(root, "data", "b.json.ts"));
    writeFileSync(join(dir, "lib", "z.ts"), `export const z = 10;`);
    const touched = refreshLoaders({root, project: dir, env: {}, changed: [join(dir, "lib", "z.ts")]});
    expect(touched).toEqual([{loader: "data/a.json.ts", because: ["lib/z.ts"], restored: false}]);
    expect(mtime(join(root, "data", "a.json.ts"))).toBeGreaterThan(before);
    expect(mtime(join(root, "data", "b.json.ts"))).toBe(before);
    // Unchanged content (a save without edits) re-runs nothing.
    writeFileSync(join(dir, "lib", "z.ts"), `export const z = 10;`);
    expect(refreshLoaders({root, project: dir, env: {}})).toEqual([]);
  });

  it("restores the output made for the same code when a change is undone (a branch switched back)", () => {
    const dir = project(files);
    const root = join(dir, "notebooks");
    const output = cachedOutputOf(root, "data/a.json.ts");
    const frameworkWrites = (text: string) => {
      mkdirSync(dirname(output), {recursive: true});
      writeFileSync(output, text);
      const later = new Date(Date.now() + 5_000); // newer than the loader: Framework's "fresh"
      utimesSync(output, later, later);
    };
    refreshLoaders({root, project: dir, env: {}});
    frameworkWrites("1");
    writeFileSync(join(dir, "lib", "z.ts"), `export const z = 10;`);
    expect(refreshLoaders({root, project: dir, env: {}}).map((t) => t.restored)).toEqual([false]);
    frameworkWrites("10");
    writeFileSync(join(dir, "lib", "z.ts"), `export const z = 1;`);
    const back = refreshLoaders({root, project: dir, env: {}});
    expect(back).toEqual([
      {loader: "data/a.json.ts", because: ["its imports, the MOVIELAB_* settings or the data changed"], restored: true}
    ]);
    expect(readFileSync(output, "utf8")).toBe("1");
    expect(mtime(output)).toBeGreaterThan(mtime(join(root, "data", "a.json.ts"))); // fresh: no re-run
    // And forward again: the output made for z = 10 comes back too.
    writeFileSync(join(dir, "lib", "z.ts"), `export const z = 10;`);
    expect(refreshLoaders({root, project: dir, env: {}}).map((t) => t.restored)).toEqual([true]);
    expect(readFileSync(output, "utf8")).toBe("10");
  });

  it("counts an output older than the record as unknown, and re-runs its loader once", () => {
    const dir = project(files);
    const root = join(dir, "notebooks");
    const output = cachedOutputOf(root, "data/b.json.ts");
    mkdirSync(dirname(output), {recursive: true});
    writeFileSync(output, "2");
    expect(refreshLoaders({root, project: dir, env: {}}).map((t) => t.loader)).toEqual(["data/b.json.ts"]);
    expect(refreshLoaders({root, project: dir, env: {}})).toEqual([]);
  });

  it("re-runs every loader when a MOVIELAB_* setting changes while stopped (another data set)", () => {
    const dir = project(files);
    const root = join(dir, "notebooks");
    refreshLoaders({root, project: dir, env: {MOVIELAB_DATA: "ml-100k"}});
    const touched = refreshLoaders({root, project: dir, env: {MOVIELAB_DATA: "synthetic"}});
    expect(touched.map((t) => t.loader)).toEqual(["data/a.json.ts", "data/b.json.ts"]);
    expect(JSON.parse(readFileSync(join(root, ".observablehq", "loader-deps.json"), "utf8"))).toHaveProperty(
      "data/a.json.ts"
    );
  });

  it("ignores the preview's own settings", () => {
    expect(settingsKey({MOVIELAB_PREVIEW: "1", MOVIELAB_LOADER_STATUS_DIR: "/tmp/x", PATH: "/bin"})).toBe("");
    expect(settingsKey({MOVIELAB_DATA: "synthetic", MOVIELAB_CACHE: "off"})).toBe(
      "MOVIELAB_CACHE=off\nMOVIELAB_DATA=synthetic"
    );
  });
});

describe("dataFingerprint", () => {
  it("changes when a file of the data set changes, and names the generator for synthetic data", () => {
    const dir = project({"data/ml-100k/u.data": "1\t2\t3\t4\n"});
    const a = dataFingerprint(dir, {});
    writeFileSync(join(dir, "data", "ml-100k", "u.data"), "1\t2\t3\t4\n5\t6\t7\t8\n");
    expect(dataFingerprint(dir, {})).not.toBe(a);
    expect(dataFingerprint(dir, {MOVIELAB_DATA: "synthetic"})).toBe("synthetic");
    expect(dataFingerprint(dir, {MOVIELAB_DATA: "ml-1m"})).toMatch(/ml-1m: none$/);
  });
});

// `npm start` with no network at all: Framework's preview bundles its client with lazy imports of
// ~15 npm libraries and used to ask registry.npmjs.org for their versions (getaddrinfo EAI_AGAIN
// offline). scripts/seed-npm-versions.mjs answers from node_modules and pinned versions instead.
// The build is proven offline by the browser check (test/browser/check-pages.ts builds under unshare -n).
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {frameworkNpmNames, seedNpmVersions} from "../../scripts/seed-npm-versions.mjs";

const ROOT = join(import.meta.dirname, "..", "..");
const unshareWorks = spawnSync("unshare", ["-n", "true"], {stdio: "ignore"}).status === 0;
if (!unshareWorks && process.env.CI === "true") throw new Error("unshare -n is required in CI for the offline checks");

describe("seedNpmVersions", () => {
  it("has a version for every npm library Framework's client names, so none is looked up", () => {
    const root = mkdtempSync(join(tmpdir(), "movielab-seed-"));
    const {seeded, missing} = seedNpmVersions(root);
    expect(missing).toEqual([]);
    expect(seeded).toContain("react-dom@19.3.1");
    // Installed packages give their own version, so lazy paths match what the pages import.
    expect(seeded).toContain(
      `d3@${JSON.parse(readFileSync(join(ROOT, "node_modules", "d3", "package.json"), "utf8")).version}`
    );
    expect(frameworkNpmNames()).not.toContain("@observablehq/inputs"); // a Framework builtin
    expect(seedNpmVersions(root).seeded).toEqual([]); // existing entries are left alone
  });
});

describe.skipIf(!unshareWorks)("preview without network (unshare -n)", () => {
  it("serves Framework's client, its stdlib and a page without any registry look-up", () => {
    const run = spawnSync(
      "unshare",
      ["-n", process.execPath, join(ROOT, "test", "scripts", "offline-preview-probe.mjs")],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 120_000
      }
    );
    expect(run.status, run.stderr).toBe(0);
    const {status, log, page} = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as {
      status: Record<string, number>;
      log: string;
      page: string;
    };
    expect(status).toEqual({"/_observablehq/client.js": 200, "/_observablehq/stdlib.js": 200, "/ratings": 200});
    expect(log).not.toMatch(/EAI_AGAIN|fetch failed|registry\.npmjs\.org/);
    // The build's repairs of Framework's template (scripts/accessible-html.mjs) apply in the preview too.
    expect(page).toMatch(/<html lang="en">/);
    expect(page).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1">/);
  }, 150_000);
});

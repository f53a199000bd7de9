import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {PROJECT_ROOT, packageRootAbove} from "../../lib/node/project-root.js";

describe("project root", () => {
  it("is the folder holding package.json above lib/node, from the sources", () => {
    expect(PROJECT_ROOT).toBe(resolve(import.meta.dirname, "..", ".."));
  });

  it("is the nearest package.json above, at any depth (the compiled CLI's chunks sit deeper than lib/node)", () => {
    const root = mkdtempSync(join(tmpdir(), "movielab-root-"));
    writeFileSync(join(root, "package.json"), "{}");
    const deep = join(root, "dist-cli", "0123456789abcdef", "chunks");
    mkdirSync(deep, {recursive: true});
    expect(packageRootAbove(deep)).toBe(root);
    expect(packageRootAbove(root)).toBe(root);
    writeFileSync(join(root, "dist-cli", "package.json"), "{}");
    expect(packageRootAbove(deep)).toBe(join(root, "dist-cli"));
  });
});

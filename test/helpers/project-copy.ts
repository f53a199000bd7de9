// A throwaway copy of the project's site (lib/, notebooks/, scripts/, config) sharing node_modules, for
// runs that must not touch the working tree's sources or Framework cache: the preview freshness test
// edits lib/ in it, the preview bench times cold visits on its empty cache.
import {cpSync, mkdtempSync, symlinkSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
// typedoc.json and its tsconfig: the preview generates the API reference (scripts/preview-api.mjs).
const PARTS = [
  "lib",
  "notebooks",
  "scripts",
  "observablehq.config.ts",
  "package.json",
  "tsconfig.json",
  "typedoc.json",
  "tsconfig.typedoc.json"
];

/** Copies the site's sources to a new temporary directory (no Framework cache); returns its path. */
export function copyProject(prefix = "movielab-copy-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const cache = join(ROOT, "notebooks", ".observablehq");
  for (const name of PARTS) {
    cpSync(join(ROOT, name), join(dir, name), {
      recursive: true,
      verbatimSymlinks: true, // notebooks/lib → ../lib must point into the copy
      filter: (src) => !src.startsWith(cache)
    });
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

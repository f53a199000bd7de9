// A throwaway copy of what bin/movielab.js needs (sources, bin, the build scripts, package files;
// node_modules linked), for changing sources or timing builds without touching the checkout's dist-cli/.
import {cpSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

/** Copies the project at root into a new temporary folder and returns that folder's path. */
export function copyProjectForCli(root: string): string {
  const copy = mkdtempSync(join(tmpdir(), "movielab-cli-copy-"));
  for (const f of ["src", "lib", "bin", "package.json", "package-lock.json", "tsconfig.json"])
    cpSync(join(root, f), join(copy, f), {recursive: true, preserveTimestamps: true});
  mkdirSync(join(copy, "scripts"));
  for (const f of ["build-cli.mjs", "cli-inputs.mjs"]) cpSync(join(root, "scripts", f), join(copy, "scripts", f));
  symlinkSync(realpathSync(join(root, "node_modules")), join(copy, "node_modules"));
  return copy;
}

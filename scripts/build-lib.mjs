/**
 * Compiles the package's library entries (lib/index.ts, lib/widget/index.ts, lib/widget/element.ts,
 * lib/node/index.ts and what they import) to ESM with .d.ts and source maps in dist-lib/, with tsc
 * and tsconfig.lib.json. The folder is emptied first, so a module removed from lib/ leaves no stale file.
 *
 *   node scripts/build-lib.mjs
 */
import {spawnSync} from "node:child_process";
import {rmSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";

/** The library's output folder, relative to the project root (gitignored; the site is dist/, the CLI dist-cli/). */
export const LIB_DIR = "dist-lib";

/** Empties dist-lib/ under root (an absolute folder path) and runs tsc; throws with tsc's output when it fails. */
export function buildLib(root) {
  const started = performance.now();
  rmSync(join(root, LIB_DIR), {recursive: true, force: true});
  const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.lib.json")], {cwd: root, encoding: "utf8"});
  if (r.status !== 0) throw new Error(`tsc -p tsconfig.lib.json failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return {seconds: (performance.now() - started) / 1000};
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const r = buildLib(root);
  console.log(`build-lib: compiled ${LIB_DIR}/ in ${r.seconds.toFixed(1)} s`);
}

/**
 * What the compiled CLI in dist-cli/ is built from, and whether the current build still matches it.
 * bin/movielab.js asks on every start, so this module stays small and reads only node:fs.
 *
 * A build is current when every input file has the size and modification time it had when the build
 * began: every file under src/ and lib/, plus the files that change what the bundle holds (package.json,
 * the lock files naming the bundled packages' versions, tsconfig.json, the build scripts). Sizes and
 * mtimes rather than hashes: an editor's save, a `git checkout` or an `npm install` all set a new mtime,
 * and stat-ing about 260 files costs a few milliseconds where reading and hashing them would cost tens.
 */
import {readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative, sep} from "node:path";

/** The compiled CLI's folder, relative to the project root (gitignored; the site's build is dist/). */
export const OUT_DIR = "dist-cli";

/** Folders whose every file is an input. */
const INPUT_DIRS = ["src", "lib"];

/** Single files that change what the build emits; a missing one is simply not recorded. */
const INPUT_FILES = [
  "package.json",
  "package-lock.json",
  // npm's record of what is installed: changes whenever npm install or npm ci changes a bundled package.
  "node_modules/.package-lock.json",
  "tsconfig.json",
  "scripts/build-cli.mjs",
  "scripts/cli-inputs.mjs"
];

/** {path relative to root, "/"-separated: [size in bytes, mtime in ms]} for every input file that exists. */
export function inputStamps(root) {
  const stamps = {};
  const add = (rel) => {
    const s = statSync(join(root, rel), {throwIfNoEntry: false});
    if (s?.isFile()) stamps[rel.split(sep).join("/")] = [s.size, s.mtimeMs];
  };
  for (const dir of INPUT_DIRS) {
    for (const e of readdirSync(join(root, dir), {recursive: true, withFileTypes: true})) {
      // Dirent.parentPath is Node 20.12+; .path is the older name of the same folder.
      if (e.isFile()) add(relative(root, join(e.parentPath ?? e.path, e.name)));
    }
  }
  for (const f of INPUT_FILES) add(f);
  return stamps;
}

/** Why `recorded` (stamps from a build) no longer describes `now` (current stamps), naming one file; null when they agree. */
export function staleReason(recorded, now) {
  for (const [path, [size, mtime]] of Object.entries(now)) {
    const old = recorded[path];
    if (old === undefined) return `${path} was added`;
    if (old[0] !== size || old[1] !== mtime) return `${path} changed`;
  }
  for (const path of Object.keys(recorded)) if (!(path in now)) return `${path} was removed`;
  return null;
}

/**
 * The current compiled CLI: {entry: absolute path of its src/cli.js, reason: null} when dist-cli/current.json
 * names a complete build whose inputs are unchanged; otherwise {entry: null, reason: why it cannot be used}.
 */
export function currentBuild(root) {
  let current;
  try {
    current = JSON.parse(readFileSync(join(root, OUT_DIR, "current.json"), "utf8"));
  } catch (e) {
    return {entry: null, reason: e.code === "ENOENT" ? "no compiled CLI yet" : `${OUT_DIR}/current.json is unreadable`};
  }
  const entry = join(root, OUT_DIR, String(current.build), "src", "cli.js");
  if (typeof current.inputs !== "object" || current.inputs === null || !statSync(entry, {throwIfNoEntry: false}))
    return {entry: null, reason: `${OUT_DIR}/current.json names an incomplete build`};
  const reason = staleReason(current.inputs, inputStamps(root));
  return reason === null ? {entry, reason: null} : {entry: null, reason};
}

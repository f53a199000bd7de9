#!/usr/bin/env node
// Runs the CLI so that `npx movielab …` works straight after `npm install`, and starts in a fraction
// of a second: it imports the compiled JavaScript in dist-cli/ (scripts/build-cli.mjs, run by npm's
// prepare step) when that build matches the sources, checked on every start by the sizes and mtimes
// of src/, lib/ and the build's other inputs (scripts/cli-inputs.mjs). When they changed it rebuilds
// first; when it cannot (no esbuild, a read-only install, a compile error) it runs the TypeScript
// through tsx as before. Either case is said on stderr. MOVIELAB_CLI=tsx runs the sources outright;
// MOVIELAB_CLI=compiled fails (exit 1) rather than fall back, for tests and benchmarks that must time
// or exercise the compiled CLI.
//
// Either way the CLI is imported into this process, never started through a launcher that starts node
// again: that made three processes, and a SIGKILL to the first left the trainer running, to overwrite
// --out later. In one process every signal, SIGKILL included, reaches the CLI itself, and worker
// threads end with it (lib/node/threads starts them on the compiled chunks, or registers tsx in each).
//
// Installed from the npm package there are no sources (no src/cli.ts beside bin/): the package ships
// the build that scripts/prepack.mjs made in dist-cli-package/, run as it is, with no tsx and no rebuild.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The packaged CLI's src/cli.js (dist-cli-package/current.json names its build); throws when the package lacks it. */
function packagedEntry() {
  const current = join(root, "dist-cli-package", "current.json");
  let build;
  try {
    build = String(JSON.parse(readFileSync(current, "utf8")).build);
  } catch (e) {
    throw new Error(`movielab: ${current} is missing or unreadable (${e.message}); reinstall the package`);
  }
  return join(root, "dist-cli-package", build, "src", "cli.js");
}

/** The compiled CLI's src/cli.js when it is (or has just been made) current; null to run the sources through tsx. */
async function compiledEntry() {
  if (!existsSync(join(root, "src", "cli.ts"))) return packagedEntry();
  if (process.env.MOVIELAB_CLI === "tsx") return null;
  const {currentBuild} = await import("../scripts/cli-inputs.mjs");
  const state = currentBuild(root);
  if (state.reason === null) return state.entry;
  try {
    const {buildCli} = await import("../scripts/build-cli.mjs");
    const built = await buildCli(root);
    process.stderr.write(`movielab: ${state.reason}: rebuilt the compiled CLI in ${built.seconds.toFixed(1)} s\n`);
    return built.entry;
  } catch (e) {
    if (process.env.MOVIELAB_CLI === "compiled") throw e;
    // esbuild's message is "Build failed with 1 error:"; its first error says where and what.
    const first = e?.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}: ` : "";
    const why = first ? `${where}${first.text}` : String(e?.message ?? e).split("\n")[0];
    process.stderr.write(
      `movielab: ${state.reason}, and rebuilding the compiled CLI failed (${why}): running the sources through tsx\n`
    );
    return null;
  }
}

const entry = await compiledEntry();
if (entry !== null) {
  // Stack traces (MOVIELAB_DEBUG=1) then name the TypeScript sources through the build's source maps.
  if (process.env.MOVIELAB_DEBUG === "1") process.setSourceMapsEnabled(true);
  const {runProcess} = await import(pathToFileURL(entry).href);
  await runProcess();
} else {
  const {register} = await import("tsx/esm/api");
  register();
  const {runProcess} = await import(new URL("../src/cli.ts", import.meta.url).href);
  await runProcess();
}

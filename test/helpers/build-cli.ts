// vitest globalSetup: brings the compiled CLI (dist-cli/) up to date once, before the tests that spawn
// bin/movielab.js, so that none of them starts by rebuilding it (and says so on stderr) in parallel.
import {resolve} from "node:path";
import {buildCli} from "../../scripts/build-cli.mjs";

export default async function buildCompiledCli(): Promise<void> {
  const r = await buildCli(resolve(import.meta.dirname, "..", ".."));
  if (r.built) process.stderr.write(`compiled CLI: built dist-cli/${r.build} in ${r.seconds.toFixed(1)} s\n`);
}

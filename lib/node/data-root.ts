/**
 * Where downloaded data sets live: `<repo>/data`, found from this file's location so that the
 * CLI, the server and Framework's data loaders agree whatever their working directory.
 */
import {realpathSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";

/** The data root: MOVIELAB_DATA_ROOT when set (resolved against the cwd), else `<repo>/data`. */
export function defaultDataRoot(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.MOVIELAB_DATA_ROOT;
  if (override !== undefined && override !== "") return resolve(override);
  // realpath: pages import lib/ through the notebooks/lib symlink, which must not move the root.
  const here = realpathSync(fileURLToPath(import.meta.url));
  return resolve(dirname(here), "..", "..", "data");
}

/**
 * Where downloaded data sets live: `<repo>/data`, found from this file's location so that the
 * CLI, the server and Framework's data loaders agree whatever their working directory.
 */
import {join, resolve} from "node:path";
import {PROJECT_ROOT} from "./project-root.js";

/** The data root: MOVIELAB_DATA_ROOT when set (resolved against the cwd), else `<repo>/data`. */
export function defaultDataRoot(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.MOVIELAB_DATA_ROOT;
  if (override !== undefined && override !== "") return resolve(override);
  return join(PROJECT_ROOT, "data");
}

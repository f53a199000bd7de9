/**
 * Where downloaded data sets live: `<repo>/data`, found from this file's location so that the
 * CLI, the server and Framework's data loaders agree whatever their working directory. Run from an
 * installed npm package (this file under node_modules/), that folder would be inside node_modules,
 * which npm replaces on every install and a global install may not let its user write: there the
 * data root is `data/` in the working directory, the consumer's project.
 */
import {join, resolve, sep} from "node:path";
import {PROJECT_ROOT} from "./project-root.js";

/**
 * The data root: MOVIELAB_DATA_ROOT when set (resolved against the cwd); else `<projectRoot>/data` in a
 * checkout, or `<cwd>/data` when projectRoot (an absolute path) lies inside a node_modules folder.
 */
export function defaultDataRoot(
  env: NodeJS.ProcessEnv = process.env,
  projectRoot: string = PROJECT_ROOT,
  cwd: string = process.cwd()
): string {
  const override = env.MOVIELAB_DATA_ROOT;
  if (override !== undefined && override !== "") return resolve(override);
  if (projectRoot.split(sep).includes("node_modules")) return join(resolve(cwd), "data");
  return join(projectRoot, "data");
}

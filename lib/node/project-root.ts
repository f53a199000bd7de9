/**
 * The project's directory, found from this module's own file. Under tsx that file is
 * lib/node/project-root.ts; in the compiled CLI (scripts/build-cli.mjs) the same code sits in a
 * bundle chunk under dist-cli/<build>/, at another depth, so the root is the nearest folder above
 * that holds package.json rather than a fixed number of ".." steps.
 */
import {existsSync, realpathSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";

/** The nearest folder at or above `from` (an absolute folder path) holding package.json; throws if there is none. */
export function packageRootAbove(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json in ${from} or any folder above it`);
  }
}

/** The project's directory (absolute, symlinks resolved: pages import lib/ through notebooks/lib). */
export const PROJECT_ROOT = packageRootAbove(dirname(realpathSync(fileURLToPath(import.meta.url))));

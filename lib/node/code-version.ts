/**
 * The code version a run record names: the package version and the git commit checked out, read from
 * the repository's files rather than by spawning git (a run must not depend on git being installed,
 * and a spawn costs more than the reads). The layout followed is gitrepository-layout(5): `.git` is a
 * directory or a "gitdir: <path>" file (worktrees, submodules); HEAD holds "ref: refs/heads/…" or a
 * detached commit; a linked worktree's `commondir` names the shared directory where branch refs live,
 * loose under refs/ or in `packed-refs` ("<sha> <ref>" lines, "#" and "^" lines being comments and peels).
 * Whether the tree is dirty needs a full status (hashing every tracked file), so it is left unknown.
 */
import {readFileSync, statSync} from "node:fs";
import {isAbsolute, join, resolve} from "node:path";
import {LIBRARY_VERSION} from "../version.js";
import type {CodeVersion} from "../runs/record.js";
import {PROJECT_ROOT} from "./public-path.js";

const read = (path: string): string | null => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
};

/** The git directory of a work tree (following a gitdir file), or null. */
function gitDir(root: string): string | null {
  const dotGit = join(root, ".git");
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
  } catch {
    return null;
  }
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(read(dotGit) ?? "");
  return m === null ? null : isAbsolute(m[1]) ? m[1] : resolve(root, m[1]);
}

/** The commit HEAD points at in the work tree at `root`, or null when it cannot be read. */
export function gitCommit(root: string = PROJECT_ROOT): string | null {
  const dir = gitDir(root);
  if (dir === null) return null;
  const head = read(join(dir, "HEAD"))?.trim();
  if (head === undefined) return null;
  if (/^[0-9a-f]{40,64}$/.test(head)) return head;
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (ref === undefined) return null;
  const common = read(join(dir, "commondir"))?.trim();
  const dirs = [dir, ...(common ? [isAbsolute(common) ? common : resolve(dir, common)] : [])];
  for (const d of dirs) {
    const loose = read(join(d, ref))?.trim();
    if (loose !== undefined && /^[0-9a-f]{40,64}$/.test(loose)) return loose;
  }
  for (const d of dirs) {
    for (const line of (read(join(d, "packed-refs")) ?? "").split("\n")) {
      const [sha, name] = line.trim().split(/\s+/);
      if (name === ref && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
    }
  }
  return null;
}

/** The package version and git commit of the project at `root` (dirty: unknown). */
export function codeVersion(root: string = PROJECT_ROOT): CodeVersion {
  return {version: LIBRARY_VERSION, commit: gitCommit(root), dirty: null};
}

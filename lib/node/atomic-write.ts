import {randomBytes} from "node:crypto";
import {open, readdir, rename, unlink} from "node:fs/promises";
import {basename, dirname, join} from "node:path";

/** The temporary sibling of `path` written by process `pid`: `.NAME.PID.HEX8.tmp`. */
function tempName(path: string, pid: number): string {
  return `.${basename(path)}.${pid}.${randomBytes(4).toString("hex")}.tmp`;
}

/**
 * Writes a file atomically: a temporary sibling, fsync, then rename, so a failed write never
 * destroys the previous good file. Temporary siblings of the same file left by a writer that was
 * killed (its process is gone) are removed first.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await removeStaleTemporaries(path);
  const tmp = join(dirname(path), tempName(path, process.pid));
  let handle;
  try {
    handle = await open(tmp, "wx");
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, path);
  } catch (e) {
    await handle?.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw writeError(path, e);
  }
}

/** A system error (ENOSPC, EACCES, …) as one that names the file and says nothing was destroyed. */
function writeError(path: string, e: unknown): unknown {
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code !== "string" || !err.code.startsWith("E")) return e;
  const why = err.code === "ENOSPC" ? "the disk is full" : err.code === "EACCES" ? "permission denied" : err.code;
  return new Error(
    `${path}: could not be written (${why}); the previous file, if any, is unchanged and no partial file was left`,
    {cause: e}
  );
}

/**
 * Removes `.NAME.PID.HEX8.tmp` siblings of path whose writing process no longer exists; returns their
 * names. Only our own pattern for this very file is touched, and never a live writer's file (a
 * concurrent write, from this process or another).
 */
export async function removeStaleTemporaries(path: string): Promise<string[]> {
  const name = basename(path);
  const pattern = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
  let entries: string[];
  try {
    entries = await readdir(dirname(path));
  } catch {
    return []; // the directory's own error is reported by the write itself
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const m = pattern.exec(entry);
    if (!m || processExists(Number(m[1]))) continue;
    try {
      await unlink(join(dirname(path), entry));
      removed.push(entry);
    } catch {
      // Gone already, or not ours to remove: the write goes on either way.
    }
  }
  return removed;
}

/** Whether a process with this id exists (EPERM: it does, owned by someone else). */
export function processExists(pid: number): boolean {
  if (!(Number.isInteger(pid) && pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

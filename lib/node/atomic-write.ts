import {randomBytes} from "node:crypto";
import {open, rename, unlink} from "node:fs/promises";
import {basename, dirname, join} from "node:path";

/** Writes a file atomically: a temporary sibling, fsync, then rename, so a failed write never destroys the previous good file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
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
    throw e;
  }
}

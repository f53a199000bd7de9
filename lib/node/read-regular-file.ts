/**
 * Reads a data file only when it is a regular file of bounded size. A name can point anywhere: a
 * symlink to /dev/zero never ends, a FIFO blocks a plain open until a writer comes, and a huge file
 * exhausts memory long before the reader could say what is wrong. So the file is opened without
 * blocking, judged by the open handle's own fstat (what the name pointed to at open time, symlinks
 * followed), and read in a loop that stops one byte past the cap.
 */
import {constants} from "node:fs";
import {open} from "node:fs/promises";
import {DataError} from "../data/errors.js";

/** What a non-regular file is, for messages. */
function kindOf(s: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (s.isDirectory()) return "a directory";
  if (s.isFIFO()) return "a FIFO (named pipe)";
  if (s.isCharacterDevice()) return "a character device";
  if (s.isBlockDevice()) return "a block device";
  if (s.isSocket()) return "a socket";
  return "not a regular file";
}

/** A size for messages: bytes below 1 MiB, else mebibytes with one decimal. */
const mib = (bytes: number) => (bytes < 2 ** 20 ? `${bytes} bytes` : `${(bytes / 2 ** 20).toFixed(1)} MiB`);

/**
 * The bytes of `file`, which must be a regular file (after symlinks) of at most `maxBytes` bytes;
 * `what` names the expected content in errors. Throws DataError naming the file otherwise.
 */
export async function readRegularFile(file: string, maxBytes: number, what: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new DataError({
      file,
      expected: `${what}, but it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`
    });
  }
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw new DataError({file, expected: `${what} as a regular file, but it is ${kindOf(s)}`});
    if (s.size > maxBytes) {
      throw new DataError({file, expected: `${what} of at most ${mib(maxBytes)}, but it has ${mib(s.size)}`});
    }
    // The size can change between stat and read: read up to one byte past the cap, then judge.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(Math.max(s.size - total, 1 << 16), maxBytes + 1 - total));
      const {bytesRead} = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) {
        throw new DataError({
          file,
          expected: `${what} of at most ${mib(maxBytes)}, but it grew past that while being read`
        });
      }
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError({
      file,
      expected: `${what}, but it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`
    });
  } finally {
    await handle.close();
  }
}

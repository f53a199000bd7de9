/**
 * Reads a zip's central directory (the table of contents at its end). Streaming extraction walks
 * the local headers only, so without this a zip cut inside a header would silently lose its last
 * entries; the directory also gives each entry's CRC-32 and size to check the unpacked bytes against.
 */
import {open} from "node:fs/promises";
import {strFromU8} from "fflate";
import {ZipError} from "./zip-error.js";

/** One central-directory record. */
export interface CentralEntry {
  /** Entry name exactly as fflate's streaming reader decodes it (UTF-8 when flagged, else latin-1). */
  name: string;
  /** CRC-32 of the uncompressed bytes. */
  crc: number;
  /** Uncompressed size in bytes. */
  size: number;
}

/** Reads `length` bytes at `offset` of the archive. */
type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;

/** The central directory of a zip given as bytes or as a file path; throws ZipError when absent or damaged. */
export async function readCentralDirectory(zip: Uint8Array | string): Promise<CentralEntry[]> {
  if (typeof zip !== "string") {
    return parseDirectory(async (offset, length) => zip.subarray(offset, offset + length), zip.length);
  }
  const handle = await open(zip, "r");
  try {
    const {size} = await handle.stat();
    return await parseDirectory(async (offset, length) => {
      const buf = new Uint8Array(length);
      const {bytesRead} = await handle.read(buf, 0, length, offset);
      return buf.subarray(0, bytesRead);
    }, size);
  } finally {
    await handle.close();
  }
}

async function parseDirectory(readAt: ReadAt, total: number): Promise<CentralEntry[]> {
  if (total === 0) throw new ZipError("empty zip: 0 bytes");
  if (total < 22) throw new ZipError(`not a zip archive: ${total} bytes is shorter than an end-of-directory record`);
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  const tailStart = Math.max(0, total - 22 - 0xffff);
  const tail = await readAt(tailStart, total - tailStart);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipError("not a zip archive, or a truncated one: no end-of-central-directory record");
  let count = u16(tail, at + 10);
  let dirSize = u32(tail, at + 12);
  let dirOffset = u32(tail, at + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locatorAt = tailStart + at - 20;
    const locator = locatorAt >= 0 ? await readAt(locatorAt, 20) : new Uint8Array(0);
    if (locator.length < 20 || u32(locator, 0) !== ZIP64_LOCATOR)
      throw new ZipError("damaged zip64 archive: no zip64 end-of-directory locator");
    const record = await readAt(u64(locator, 8), 56);
    if (record.length < 56 || u32(record, 0) !== ZIP64_EOCD)
      throw new ZipError("damaged zip64 archive: no zip64 end-of-directory record");
    count = u64(record, 32);
    dirSize = u64(record, 40);
    dirOffset = u64(record, 48);
  }
  if (dirOffset + dirSize > total) {
    throw new ZipError(
      `truncated zip: its directory claims bytes ${dirOffset}..${dirOffset + dirSize} of a ${total}-byte file`
    );
  }
  const dir = await readAt(dirOffset, dirSize);
  const entries: CentralEntry[] = [];
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > dir.length || u32(dir, p) !== CENTRAL)
      throw new ZipError(`damaged zip directory: record ${k + 1} of ${count} is missing`);
    const flags = u16(dir, p + 8);
    const crc = u32(dir, p + 16);
    let size = u32(dir, p + 24);
    const nameLength = u16(dir, p + 28);
    const extraLength = u16(dir, p + 30);
    const commentLength = u16(dir, p + 32);
    const name = strFromU8(dir.subarray(p + 46, p + 46 + nameLength), (flags & 0x800) === 0);
    if (size === 0xffffffff)
      size = zip64Size(dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), name);
    entries.push({name, crc, size});
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed size from a zip64 extra field (id 1, whose first 8 bytes are that size). */
function zip64Size(extra: Uint8Array, name: string): number {
  for (let q = 0; q + 4 <= extra.length;) {
    const id = u16(extra, q);
    const len = u16(extra, q + 2);
    if (id === 1 && len >= 8) return u64(extra, q + 4);
    q += 4 + len;
  }
  throw new ZipError(`damaged zip directory: entry ${JSON.stringify(name)} has no zip64 size`);
}

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}

function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

/** Little-endian 64-bit value; exact up to 2^53, far beyond any data set's size. */
function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 0x100000000;
}

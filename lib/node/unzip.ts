/**
 * Zip extraction for downloaded data sets. Streams with fflate's `Unzip` so that ml-25m
 * (250 MB zipped, ~1 GB unzipped) never sits in memory whole, refuses entries that would land
 * outside the target (zip-slip), and writes into a temporary sibling directory that is renamed
 * into place only once every entry is out, so a failed extraction leaves a previous good copy alone.
 */
import {closeSync, createReadStream, mkdirSync, openSync, writeSync} from "node:fs";
import {mkdtemp, rename, rm, stat} from "node:fs/promises";
import {basename, dirname, join, resolve, sep} from "node:path";
import {Unzip, UnzipInflate, type UnzipFile} from "fflate";
import {crc32Bytes} from "../bundle/crc32.js";
import {readCentralDirectory, type CentralEntry} from "./zip-directory.js";
import {ZipError} from "./zip-error.js";

export {ZipError};

export interface ExtractOptions {
  /**
   * Extract only the entries under this top-level folder, with the folder stripped
   * ("ml-100k/u.data" → "u.data"); others are listed in `skipped`. An archive with no
   * entry under it is an error.
   */
  stripDir?: string;
  /** Read size when streaming a zip file, bytes (default 1 MiB). */
  chunkSize?: number;
}

export interface ExtractResult {
  /** Written files, relative to the target directory, "/"-separated, in archive order. */
  files: string[];
  /** Entries outside `stripDir` that were not extracted. */
  skipped: string[];
  /** Total uncompressed bytes written. */
  bytes: number;
}

/**
 * Checks a zip entry name and returns it as a clean relative path ("/"-separated, "" for the root).
 * Throws ZipError for absolute paths, drive letters, `..` segments or NUL bytes.
 */
export function safeEntryPath(name: string): string {
  const unix = name.replace(/\\/g, "/");
  if (unix.includes("\0")) throw new ZipError(`zip entry ${JSON.stringify(name)}: NUL byte in the name`);
  if (unix.startsWith("/") || /^[A-Za-z]:/.test(unix)) {
    throw new ZipError(
      `zip entry ${JSON.stringify(name)}: absolute path, expected a path relative to the archive root`
    );
  }
  const parts = unix.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) {
    throw new ZipError(`zip entry ${JSON.stringify(name)}: ".." would write outside the target directory`);
  }
  return parts.join("/");
}

/**
 * Extracts a zip (bytes, or the path of a zip file, streamed) into destDir, replacing destDir
 * only when every entry was written and matched the CRC-32 and size in the archive's central
 * directory. Throws ZipError for unsafe, damaged or truncated archives.
 */
export async function extractZip(
  zip: Uint8Array | string,
  destDir: string,
  options: ExtractOptions = {}
): Promise<ExtractResult> {
  const dest = resolve(destDir);
  const parent = dirname(dest);
  mkdirSync(parent, {recursive: true});
  const tmp = await mkdtemp(join(parent, `.${basename(dest)}.extract-`));
  try {
    const result = await extractInto(zip, tmp, options);
    if (options.stripDir !== undefined && result.files.length === 0) {
      throw new ZipError(`zip has no files under "${options.stripDir}/" (entries: ${preview(result.skipped)})`);
    }
    await replaceDir(tmp, dest);
    return result;
  } catch (e) {
    await rm(tmp, {recursive: true, force: true});
    throw e;
  }
}

/** Renames src onto dest; an existing dest is moved aside first and removed only after the swap. */
export async function replaceDir(src: string, dest: string): Promise<void> {
  const existing = await stat(dest).catch(() => null);
  if (existing === null) {
    await rename(src, dest);
    return;
  }
  const aside = await mkdtemp(join(dirname(dest), `.${basename(dest)}.old-`));
  const old = join(aside, "d");
  await rename(dest, old);
  try {
    await rename(src, dest);
  } catch (e) {
    await rename(old, dest);
    await rm(aside, {recursive: true, force: true});
    throw e;
  }
  await rm(aside, {recursive: true, force: true});
}

async function extractInto(zip: Uint8Array | string, root: string, options: ExtractOptions): Promise<ExtractResult> {
  const result: ExtractResult = {files: [], skipped: [], bytes: 0};
  const directory = new Map<string, CentralEntry>();
  for (const e of await readCentralDirectory(zip)) {
    safeEntryPath(e.name);
    if (directory.has(e.name)) throw new ZipError(`zip entry ${JSON.stringify(e.name)}: appears twice`);
    directory.set(e.name, e);
  }
  const found = new Set<string>();
  const open = new Map<string, OpenEntry>();
  const seen = new Set<string>();
  let failure: unknown = null;
  const rootPrefix = root + sep;

  const unzipper = new Unzip();
  unzipper.register(UnzipInflate);
  unzipper.onfile = (file: UnzipFile) => {
    if (failure !== null) return;
    try {
      const listed = directory.get(file.name);
      if (listed === undefined)
        throw new ZipError(`zip entry ${JSON.stringify(file.name)}: not in the archive's central directory`);
      found.add(file.name);
      const rel = targetPath(file.name, options.stripDir);
      if (rel === null) {
        result.skipped.push(file.name);
        // Started with a sink so that fflate does not buffer the skipped entry's bytes.
        file.ondata = () => {};
        file.start();
        return;
      }
      const isDir = file.name.endsWith("/") || file.name.endsWith("\\");
      const target = rel === "" ? root : join(root, ...rel.split("/"));
      if (target !== root && !target.startsWith(rootPrefix)) {
        throw new ZipError(`zip entry ${JSON.stringify(file.name)}: resolves outside the target directory`);
      }
      if (isDir) {
        mkdirSync(target, {recursive: true});
        file.ondata = () => {};
        file.start();
        return;
      }
      if (rel === "") throw new ZipError(`zip entry ${JSON.stringify(file.name)}: a file with an empty name`);
      if (seen.has(rel)) throw new ZipError(`zip entry ${JSON.stringify(file.name)}: appears twice`);
      seen.add(rel);
      mkdirSync(dirname(target), {recursive: true});
      const entry: OpenEntry = {fd: openSync(target, "wx"), written: 0, crc: 0, listed};
      open.set(rel, entry);
      file.ondata = (err, data, final) => {
        if (failure !== null) return;
        try {
          if (err) throw new ZipError(`zip entry ${JSON.stringify(file.name)}: ${err.message}`);
          if (data.length > 0) {
            entry.crc = crc32Bytes(data, entry.crc);
            entry.written += writeSync(entry.fd, data);
          }
          if (final) {
            closeSync(entry.fd);
            open.delete(rel);
            if (entry.written !== listed.size) {
              throw new ZipError(
                `zip entry ${JSON.stringify(file.name)}: ${entry.written} bytes unpacked, the directory says ${listed.size}`
              );
            }
            if (entry.crc !== listed.crc) {
              throw new ZipError(
                `zip entry ${JSON.stringify(file.name)}: CRC-32 ${hex(entry.crc)} does not match the directory's ${hex(listed.crc)} (damaged data)`
              );
            }
            result.files.push(rel);
            result.bytes += entry.written;
          }
        } catch (e) {
          failure = e;
        }
      };
      file.start();
    } catch (e) {
      failure = e;
    }
  };

  const push = (chunk: Uint8Array, final: boolean): void => {
    try {
      unzipper.push(chunk, final);
    } catch (e) {
      // fflate throws plain errors for corrupt or truncated data; name the archive problem.
      if (failure === null)
        failure = e instanceof ZipError ? e : new ZipError(`corrupt or truncated zip: ${(e as Error).message}`);
    }
    if (failure !== null) throw failure;
  };

  try {
    const chunkSize = options.chunkSize ?? 1 << 20;
    let sawData = false;
    if (typeof zip === "string") {
      for await (const chunk of createReadStream(zip, {highWaterMark: chunkSize})) {
        sawData = true;
        push(chunk as Buffer, false);
      }
    } else {
      for (let i = 0; i < zip.length; i += chunkSize) {
        sawData = true;
        push(zip.subarray(i, Math.min(zip.length, i + chunkSize)), false);
      }
    }
    if (!sawData) throw new ZipError("empty zip: 0 bytes");
    push(new Uint8Array(0), true);
    if (open.size > 0) throw new ZipError(`truncated zip: entries not complete: ${preview([...open.keys()])}`);
    const missing = [...directory.keys()].filter((name) => !found.has(name));
    if (missing.length > 0) {
      throw new ZipError(
        `damaged or truncated zip: entries listed in its directory are missing from its body: ${preview(missing)}`
      );
    }
    if (directory.size === 0) throw new ZipError("zip with no entries");
    return result;
  } finally {
    for (const entry of open.values()) closeSync(entry.fd);
  }
}

interface OpenEntry {
  fd: number;
  written: number;
  /** Running CRC-32 of the bytes written so far. */
  crc: number;
  /** What the central directory says the entry holds. */
  listed: CentralEntry;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, "0");
}

/** Where an entry goes relative to the target, null when it lies outside stripDir. */
function targetPath(name: string, stripDir: string | undefined): string | null {
  const rel = safeEntryPath(name);
  if (stripDir === undefined) return rel;
  const prefix = safeEntryPath(stripDir);
  if (rel === prefix) return "";
  if (rel.startsWith(prefix + "/")) return rel.slice(prefix.length + 1);
  return null;
}

function preview(names: string[]): string {
  if (names.length === 0) return "none";
  const shown = names.slice(0, 5).join(", ");
  return names.length > 5 ? `${shown}, … (${names.length} in all)` : shown;
}

/**
 * The parsed-data cache: a data set read, validated, cleaned and encoded once per version of its
 * files, kept as Apache Arrow IPC files that the CLI, the server and every page loader open.
 *
 * Why Arrow through @uwdata/flechette: the columns are typed arrays already, and Arrow IPC stores
 * them as they are in memory, so opening is a file read plus zero-copy views (25M ratings decode in
 * milliseconds); any Arrow reader (pyarrow, DuckDB, arquero) can open the files; and flechette is
 * small, dependency-free, maintained by the UW Data group, and already installed as arquero's
 * Arrow engine, so it adds nothing to install. Parquet would be smaller but needs decoding on open.
 *
 * Layout: <root>/<key>/ holds ratings.arrow, movies.arrow, userids.arrow, users.arrow (when the set
 * has demographics) and meta.json (names, scale, the cleaning report, and the size and checksum of
 * every Arrow file). The key is a SHA-256 of the cache format, the library version, the layout,
 * the cleaning options and each source file's name, size and content hash. Content hashes are
 * remembered by path, size, inode and modification and change times (<root>/hashes.json), so an
 * unchanged 600 MB file is not hashed again on every open; a changed one always is.
 *
 * Safety: an entry is written to a temporary sibling directory and renamed into place complete, so
 * two builds writing at once cannot mix their files (the second rename loses and is discarded) and
 * a crash leaves only a temporary directory, removed on the next write. On open, every file's size
 * and hash and every column's length and index range are checked: a truncated, corrupted or stale
 * entry is reported and rebuilt from the source files, never read as data.
 */
import {createHash, randomBytes} from "node:crypto";
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync
} from "node:fs";
import {basename, join} from "node:path";
import {
  fixedSizeList,
  float32,
  float64,
  int32,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  uint8,
  utf8,
  type Table
} from "@uwdata/flechette";
import type {CleanOptions} from "../data/clean.js";
import type {CleaningReport} from "../data/cleaning-report.js";
import type {Dataset} from "../data/types.js";
import {LIBRARY_VERSION} from "../version.js";
import {processExists} from "./atomic-write.js";

/** Bumped whenever the files or their meaning change; older entries are then never matched. */
export const CACHE_VERSION = 3;
const FORMAT = "movielab-dataset-cache";

/** A cached data set, as read back. */
export interface CachedDataset {
  dataset: Dataset;
  report: CleaningReport;
}

/** The key of a data set's cache entry, from its source files and how it is cleaned. */
export function cacheKey(
  root: string,
  files: readonly string[],
  format: string,
  clean: CleanOptions | undefined
): string {
  const hashes = loadHashMemo(root);
  const parts = files.map((path) => {
    const st = statSync(path);
    const memo = hashes[path];
    const same =
      memo &&
      memo.size === st.size &&
      memo.mtimeMs === st.mtimeMs &&
      memo.ctimeMs === st.ctimeMs &&
      memo.ino === st.ino;
    const sha256 = same ? memo.sha256 : hashFile(path, st.size);
    hashes[path] = {size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, sha256};
    return {name: basename(path), size: st.size, sha256};
  });
  try {
    saveHashMemo(root, hashes);
  } catch {
    // An unwritable cache only loses the memo; writing the entry reports the problem.
  }
  const cleaning = {beforeRelease: clean?.beforeRelease ?? true, maxExamples: clean?.maxExamples ?? 5};
  return sha256(
    JSON.stringify({format: FORMAT, version: CACHE_VERSION, library: LIBRARY_VERSION, layout: format, cleaning, parts})
  );
}

/**
 * Reads the entry `key`: the data set and its report, or a sentence saying why it cannot be used
 * (missing, incomplete, truncated, corrupted, inconsistent). `name` and `dir` label the set opened.
 */
export function readCacheEntry(
  root: string,
  key: string,
  name: string,
  dir: string
): CachedDataset | {problem: string} {
  const entry = join(root, key);
  const metaPath = join(entry, "meta.json");
  if (!existsSync(metaPath)) return {problem: `no cache entry ${entry}`};
  let meta: CacheMeta;
  try {
    meta = JSON.parse(readFileSync(metaPath, "utf8")) as CacheMeta;
  } catch (e) {
    return {problem: `${metaPath} is not valid JSON (${(e as Error).message})`};
  }
  if (meta.format !== FORMAT || meta.version !== CACHE_VERSION || meta.key !== key)
    return {problem: `${metaPath} is not a version-${CACHE_VERSION} entry for key ${key.slice(0, 12)}…`};
  const tables: Record<string, Table> = {};
  for (const [file, expected] of Object.entries(meta.files)) {
    const path = join(entry, file);
    let read: ReturnType<typeof readChecked>;
    try {
      read = readChecked(path, expected.bytes);
    } catch (e) {
      return {problem: `${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`};
    }
    if (read === null) return {problem: `${path} does not have its ${expected.bytes} bytes (truncated or replaced)`};
    if (read.checksum !== expected.checksum) return {problem: `${path} does not match its checksum (corrupted)`};
    const bytes = read.bytes;
    try {
      tables[file] = tableFromIPC(bytes);
    } catch (e) {
      return {problem: `${path} is not a readable Arrow IPC file (${(e as Error).message})`};
    }
  }
  try {
    return {dataset: datasetFromTables(tables, meta, name, dir), report: meta.report};
  } catch (e) {
    return {problem: `${entry}: ${(e as Error).message}`};
  }
}

/**
 * Writes the entry `key` (temporary directory, then rename); returns its path. When another process
 * wrote the same entry first, theirs is kept. Stale temporary directories of dead writers are removed.
 */
export function writeCacheEntry(root: string, key: string, data: CachedDataset): string {
  mkdirSync(root, {recursive: true});
  removeStaleTemporaries(root);
  const entry = join(root, key);
  const tmp = join(root, `.${key}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  mkdirSync(tmp);
  try {
    const files: CacheMeta["files"] = {};
    for (const [file, table] of Object.entries(tablesOf(data.dataset))) {
      const bytes = tableToIPC(table, {format: "file"})!;
      writeSynced(join(tmp, file), bytes);
      files[file] = {bytes: bytes.length, checksum: checksum(bytes)};
    }
    const d = data.dataset;
    const meta: CacheMeta = {
      format: FORMAT,
      version: CACHE_VERSION,
      key,
      library: LIBRARY_VERSION,
      createdAt: new Date().toISOString(),
      source: {kind: d.source.kind, format: d.source.format},
      scale: d.scale,
      genreNames: d.movies.genreNames,
      occupationNames: d.users?.occupationNames ?? null,
      report: data.report,
      files
    };
    // meta.json last: an entry without it is incomplete by construction.
    writeSynced(join(tmp, "meta.json"), new TextEncoder().encode(JSON.stringify(meta)));
    if (existsSync(entry)) {
      // Moved aside in one rename before removal: deleting it in place could race another writer's
      // rename onto the emptied directory and delete that writer's complete files.
      const aside = join(root, `.${key}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
      try {
        renameSync(entry, aside);
        rmSync(aside, {recursive: true, force: true});
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e; // another writer moved it first
      }
    }
    try {
      renameSync(tmp, entry);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw e;
      rmSync(tmp, {recursive: true, force: true}); // another writer finished first: theirs is as good
    }
    return entry;
  } catch (e) {
    rmSync(tmp, {recursive: true, force: true});
    throw e;
  }
}

interface CacheMeta {
  format: string;
  version: number;
  key: string;
  library: string;
  createdAt: string;
  source: Pick<Dataset["source"], "kind" | "format">;
  scale: Dataset["scale"];
  genreNames: string[];
  occupationNames: string[] | null;
  report: CleaningReport;
  files: Record<string, {bytes: number; checksum: string}>;
}

function tablesOf(d: Dataset): Record<string, Table> {
  const r = d.ratings;
  // Stored in the types the Dataset uses, so that opening is one read and zero-copy views: on our
  // machines fresh memory costs about 3 ms per MiB to fault in, so converting a compacter file on
  // open (int32 seconds, a byte per rating) cost more than the bytes it saved.
  const G = d.movies.genreNames.length;
  const tables: Record<string, Table> = {
    "ratings.arrow": tableFromArrays(
      {
        user: r.user,
        movie: r.movie,
        rating: r.rating,
        timestamp: r.timestamp
      },
      {
        types: {
          user: int32(),
          movie: int32(),
          rating: float32(),
          timestamp: float64()
        }
      }
    ),
    "movies.arrow": tableFromArrays(
      {
        id: d.movies.id,
        title: d.movies.title,
        year: d.movies.year,
        releaseDate: d.movies.releaseDate,
        ...(G > 0 ? {genres: Array.from(d.movies.id, (_, m) => d.movies.genres.subarray(m * G, (m + 1) * G))} : {})
      },
      {
        types: {
          id: int32(),
          title: utf8(),
          year: float64(),
          releaseDate: float64(),
          ...(G > 0 ? {genres: fixedSizeList(uint8(), G)} : {})
        }
      }
    ),
    "userids.arrow": tableFromArrays({id: d.userIds}, {types: {id: int32()}})
  };
  if (d.users) {
    const u = d.users;
    tables["users.arrow"] = tableFromArrays(
      {id: u.id, age: u.age, gender: u.gender, occupation: u.occupation, zip: u.zip},
      {types: {id: int32(), age: float64(), gender: uint8(), occupation: uint8(), zip: utf8()}}
    );
  }
  return tables;
}

function datasetFromTables(t: Record<string, Table>, meta: CacheMeta, name: string, dir: string): Dataset {
  const col = (file: string, column: string): unknown => {
    const c = t[file]?.getChild(column);
    if (!c) throw new Error(`${file} has no column "${column}"`);
    return c.toArray();
  };
  const typed = <T>(file: string, column: string, ctor: new (...a: never[]) => T): T => {
    const v = col(file, column);
    if (!(v instanceof ctor)) throw new Error(`${file} column "${column}" is not a ${ctor.name}`);
    return v;
  };
  const user = typed("ratings.arrow", "user", Int32Array);
  const movie = typed("ratings.arrow", "movie", Int32Array);
  const rating = typed("ratings.arrow", "rating", Float32Array);
  const timestamp = typed("ratings.arrow", "timestamp", Float64Array);
  const movieId = typed("movies.arrow", "id", Int32Array);
  const userIds = typed("userids.arrow", "id", Int32Array);
  const n = user.length;
  if (movie.length !== n || rating.length !== n || timestamp.length !== n)
    throw new Error("the rating columns differ in length");
  const nMovies = movieId.length;
  const nUsers = userIds.length;
  for (let i = 0; i < n; i++) {
    if (!(user[i] >= 0 && user[i] < nUsers && movie[i] >= 0 && movie[i] < nMovies))
      throw new Error(
        `rating ${i} names user ${user[i]} / movie ${movie[i]}, outside ${nUsers} users / ${nMovies} movies`
      );
  }
  const G = meta.genreNames.length;
  const genres = new Uint8Array(nMovies * G);
  if (G > 0) {
    const rows = col("movies.arrow", "genres") as Uint8Array[];
    rows.forEach((row, m) => genres.set(row, m * G));
  }
  const dataset: Dataset = {
    name,
    source: {...meta.source, dir},
    scale: meta.scale,
    ratings: {user, movie, rating, timestamp},
    movies: {
      id: movieId,
      title: col("movies.arrow", "title") as string[],
      year: typed("movies.arrow", "year", Float64Array),
      releaseDate: typed("movies.arrow", "releaseDate", Float64Array),
      genreNames: meta.genreNames,
      genres
    },
    userIds
  };
  if (t["users.arrow"]) {
    dataset.users = {
      id: typed("users.arrow", "id", Int32Array),
      age: typed("users.arrow", "age", Float64Array),
      gender: typed("users.arrow", "gender", Uint8Array),
      occupation: typed("users.arrow", "occupation", Uint8Array),
      occupationNames: meta.occupationNames ?? [],
      zip: col("users.arrow", "zip") as string[]
    };
  }
  return dataset;
}

type HashMemo = Record<string, {size: number; mtimeMs: number; ctimeMs: number; ino: number; sha256: string}>;

function loadHashMemo(root: string): HashMemo {
  try {
    return JSON.parse(readFileSync(join(root, "hashes.json"), "utf8")) as HashMemo;
  } catch {
    return {}; // missing or damaged: every file is hashed again, which is always safe
  }
}

function saveHashMemo(root: string, memo: HashMemo): void {
  mkdirSync(root, {recursive: true});
  const tmp = join(root, `.hashes.json.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  writeSynced(tmp, new TextEncoder().encode(JSON.stringify(memo)));
  renameSync(tmp, join(root, "hashes.json"));
}

function hashFile(path: string, size: number): string {
  const h = createHash("sha256");
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(Math.min(size, 1 << 24) || 1);
    let pos = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
  return h.digest("hex");
}

function writeSynced(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, "wx");
  try {
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Temporary entries (.KEY.PID.HEX.tmp) whose writer is gone: a crash's leftovers. */
function removeStaleTemporaries(root: string): void {
  for (const name of readdirSync(root)) {
    const m = /^\.[^.]+\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name);
    if (m && !processExists(Number(m[1]))) rmSync(join(root, name), {recursive: true, force: true});
  }
}

/**
 * A 128-bit checksum for detecting damage: four interleaved FNV-style lanes over 32-bit words,
 * updated chunk by chunk so that a file is checked while it is read, each chunk still in the CPU's
 * cache (a second pass over 400 MB costs more than half a second here). It guards against
 * truncation and bit rot, not against a forger: the cache lives on the user's own disk.
 */
export class Checksum {
  private h = Uint32Array.of(0x811c9dc5, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35);
  private length = 0;
  /** Adds bytes; every chunk but the last must be a multiple of 16 bytes long. */
  update(bytes: Uint8Array): this {
    if (this.length % 16 !== 0) throw new Error("checksum: only the last chunk may be a partial block");
    const n = bytes.length >>> 2;
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const w = new Uint32Array(aligned.buffer, aligned.byteOffset, n);
    let [h1, h2, h3, h4] = this.h;
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      h1 = Math.imul(h1 ^ w[i], 0x01000193);
      h2 = Math.imul(h2 ^ w[i + 1], 0x01000193);
      h3 = Math.imul(h3 ^ w[i + 2], 0x01000193);
      h4 = Math.imul(h4 ^ w[i + 3], 0x01000193);
    }
    for (; i < n; i++) h1 = Math.imul(h1 ^ w[i], 0x01000193);
    for (let j = n * 4; j < bytes.length; j++) h2 = Math.imul(h2 ^ bytes[j], 0x01000193);
    this.h.set([h1, h2, h3, h4]);
    this.length += bytes.length;
    return this;
  }
  digest(): string {
    return [...this.h, this.length >>> 0].map((h) => h.toString(16).padStart(8, "0")).join("");
  }
}

/** The checksum of bytes in one go. */
export function checksum(bytes: Uint8Array): string {
  return new Checksum().update(bytes).digest();
}

/** Reads a file of `size` bytes in 8 MiB chunks, checksumming each as it arrives; null when its size differs. */
function readChecked(path: string, size: number): {bytes: Uint8Array; checksum: string} | null {
  const fd = openSync(path, "r");
  try {
    if (fstatSync(fd).size !== size) return null;
    const bytes = new Uint8Array(size);
    const sum = new Checksum();
    const CHUNK = 1 << 23;
    for (let pos = 0; pos < size;) {
      const want = Math.min(CHUNK, size - pos);
      let got = 0;
      while (got < want) {
        const n = readSync(fd, bytes, pos + got, want - got, pos + got);
        if (n === 0) return null; // shrank while being read
        got += n;
      }
      sum.update(bytes.subarray(pos, pos + want));
      pos += want;
    }
    return {bytes, checksum: sum.digest()};
  } finally {
    closeSync(fd);
  }
}

function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * `movielab data fetch`: downloads a MovieLens zip from GroupLens to a temporary file (streamed,
 * hashed on the way), checks its size and checksum against the registry, and unpacks the zip's
 * inner folder into `data/<name>/`. Nothing under `data/<name>/` changes unless every step passed.
 */
import {createHash} from "node:crypto";
import {mkdirSync} from "node:fs";
import {mkdtemp, open, rm} from "node:fs/promises";
import {join, resolve} from "node:path";
import {getDataset, KNOWN_DATASETS, type MovieLensEntry} from "../data/registry.js";
import {defaultDataRoot} from "./data-root.js";
import {extractZip} from "./unzip.js";

/** A download that failed or could not be trusted; the message says what to do instead. */
export class DatasetFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatasetFetchError";
  }
}

/** Options of {@link fetchDataset}: where to put the set, how to fetch and verify it. */
export interface FetchDatasetOptions {
  /** Directory that receives `<name>/` (default `<repo>/data` or MOVIELAB_DATA_ROOT). */
  dataRoot?: string;
  /** The fetch to use (default the global fetch); tests pass a fake. */
  fetchImpl?: typeof fetch;
  /** Check size and checksum (default true). With false, a set without a recorded checksum is accepted. */
  verify?: boolean;
  /** Called as bytes arrive: bytes so far and the expected total (NaN when unknown). */
  onProgress?: (bytes: number, total: number) => void;
  /** Registry to look the name up in (default KNOWN_DATASETS); tests pass entries for their own zips. */
  registry?: readonly MovieLensEntry[];
  /** Milliseconds to wait for the server's response headers (default 30,000). */
  timeoutMs?: number;
}

/** What the downloaded zip turned out to be. */
interface Downloaded {
  bytes: number;
  sha256: string;
  md5: string;
}

/**
 * Downloads, verifies and unpacks a known MovieLens set; resolves to its directory `<dataRoot>/<name>`.
 * Throws DatasetFetchError (offline, HTTP error, size or checksum mismatch) or ZipError (bad archive).
 */
export async function fetchDataset(name: string, options: FetchDatasetOptions = {}): Promise<string> {
  const entry = getDataset(name, options.registry ?? KNOWN_DATASETS);
  const verify = options.verify ?? true;
  const dataRoot = resolve(options.dataRoot ?? defaultDataRoot());
  const target = join(dataRoot, entry.name);
  if (verify && entry.sha256 === null && entry.md5 === null) {
    throw new DatasetFetchError(
      `no checksum is recorded for ${entry.name}, so a download of it cannot be verified; ` +
        `rerun with --no-verify (verify: false) to accept the file from ${entry.url} unchecked`
    );
  }

  mkdirSync(dataRoot, {recursive: true});
  const work = await mkdtemp(join(dataRoot, `.${entry.name}.download-`));
  try {
    const zipPath = join(work, `${entry.name}.zip`);
    const got = await download(entry, zipPath, target, options);
    if (verify) checkDownload(entry, got);
    await extractZip(zipPath, target, {stripDir: entry.innerDir});
    return target;
  } finally {
    await rm(work, {recursive: true, force: true});
  }
}

/** Streams the zip to zipPath, hashing as it goes. */
async function download(
  entry: MovieLensEntry,
  zipPath: string,
  target: string,
  options: FetchDatasetOptions
): Promise<Downloaded> {
  const fetchImpl = options.fetchImpl ?? globalThis.fetch;
  const abort = new AbortController();
  const timer = setTimeout(
    () => abort.abort(new Error(`no answer within ${(options.timeoutMs ?? 30_000) / 1000} s`)),
    options.timeoutMs ?? 30_000
  );
  let response: Response;
  try {
    response = await fetchImpl(entry.url, {signal: abort.signal, redirect: "follow"});
  } catch (e) {
    throw new DatasetFetchError(
      `could not download ${entry.url}: ${describeCause(e)}. ${offlineAdvice(entry, target)}`
    );
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    throw new DatasetFetchError(
      `could not download ${entry.url}: the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}. ${offlineAdvice(entry, target)}`
    );
  }
  if (response.body === null) {
    throw new DatasetFetchError(
      `could not download ${entry.url}: the response has no body. ${offlineAdvice(entry, target)}`
    );
  }

  const header = Number(response.headers.get("content-length"));
  const total = header > 0 ? header : (entry.size ?? NaN);
  const sha256 = createHash("sha256");
  const md5 = createHash("md5");
  let bytes = 0;
  const file = await open(zipPath, "wx");
  const reader = response.body.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw new DatasetFetchError(
          `download of ${entry.url} broke off after ${bytes} bytes: ${describeCause(e)}. ${offlineAdvice(entry, target)}`
        );
      }
      if (chunk.done) break;
      const data = chunk.value;
      sha256.update(data);
      md5.update(data);
      bytes += data.length;
      await file.write(data);
      options.onProgress?.(bytes, total);
    }
  } finally {
    reader.releaseLock();
    await file.close();
  }
  return {bytes, sha256: sha256.digest("hex"), md5: md5.digest("hex")};
}

/** Throws when the download differs from what the registry recorded. */
function checkDownload(entry: MovieLensEntry, got: Downloaded): void {
  if (entry.size !== null && got.bytes !== entry.size) {
    throw new DatasetFetchError(
      `${entry.url}: downloaded ${got.bytes} bytes, expected exactly ${entry.size}; the download was cut short or the file ` +
        `at GroupLens changed. Nothing was unpacked; retry, or use --no-verify if you trust the new file`
    );
  }
  const [algorithm, expected, actual] =
    entry.sha256 !== null ? ["SHA-256", entry.sha256, got.sha256] : ["MD5", entry.md5 ?? "", got.md5];
  if (actual !== expected.toLowerCase()) {
    throw new DatasetFetchError(
      `${entry.url}: ${algorithm} is ${actual}, expected ${expected}; the file is corrupt or not the one this project ` +
        `recorded. Nothing was unpacked; retry, or use --no-verify if you trust the new file`
    );
  }
}

function offlineAdvice(entry: MovieLensEntry, target: string): string {
  return (
    `If this machine is offline, download ${entry.url} by hand and unpack its ${entry.innerDir}/ folder into ${target}/, ` +
    `or set MOVIELAB_DATA to a directory that holds the files (MOVIELAB_DATA=synthetic runs on generated data)`
  );
}

/** "fetch failed (ENOTFOUND files.grouplens.org)" rather than a bare "fetch failed". */
function describeCause(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as Error & {cause?: unknown}).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & {code?: string}).code;
    return `${e.message} (${code !== undefined ? `${code}: ` : ""}${cause.message})`;
  }
  if (e.name === "AbortError" || e.name === "TimeoutError") return `timed out (${e.message})`;
  return e.message;
}

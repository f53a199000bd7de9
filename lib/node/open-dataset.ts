/**
 * The one way to open a data set, for the CLI, the server, the page loaders and the benches:
 * selection, reading, cleaning, encoding, and ml-100k's official folds.
 *
 * Selection: a spec or MOVIELAB_DATA (a set name under the data root, the word "synthetic", or a
 * directory), else `data/ml-100k` when present, else a download of ml-100k (unless offline), else
 * the seeded synthetic set, with the reason recorded so pages can say why. An explicit spec or
 * MOVIELAB_DATA that does not resolve is an error, never a silent fallback.
 * Cleaning applies every rule unless told otherwise: evaluations keep ratings dated before release
 * ({beforeRelease: false}) so that every fold row stays; the feature pipeline drops them from training rows.
 * Folds (lib/data/folds.ts) and the summary are computed only when asked for.
 * A directory's set is opened from the parsed-data cache (dataset-cache.ts) when an entry for its
 * current files and cleaning options exists, and cached after it is read otherwise.
 */
import {existsSync, statSync} from "node:fs";
import {homedir} from "node:os";
import {basename, isAbsolute, join, resolve} from "node:path";
import {cleanDataset, type CleanOptions} from "../data/clean.js";
import type {CleaningReport} from "../data/cleaning-report.js";
import {encodeDataset} from "../data/encode.js";
import {DataError} from "../data/errors.js";
import {
  checkFoldCount,
  checkOfficialFoldNames,
  classifierFolds,
  holdoutSplit,
  OFFICIAL_FOLDS,
  officialFoldFiles,
  officialFoldRows,
  parseOfficialFold,
  ratingFolds,
  ratingFoldsFromRows,
  type ClassifierFolds,
  type FoldRows,
  type HoldoutSplit,
  type RatingFolds,
  type RawFold
} from "../data/folds.js";
import {findDataset, type MovieLensEntry} from "../data/registry.js";
import {summarizeDataset, type DatasetSummary} from "../data/summary.js";
import {generateSynthetic} from "../data/synthetic.js";
import type {Dataset, RawDataset} from "../data/types.js";
import type {RatingFold} from "../data/folds.js";
import {defaultDataRoot} from "./data-root.js";
import {fetchDataset} from "./fetch-dataset.js";
import {datasetFilesOf, MAX_FILE_BYTES, readDatasetDir} from "./read-dataset-dir.js";
import {cacheKey, readCacheEntry, writeCacheEntry, type CachedDataset} from "./dataset-cache.js";
import type {FileFormat} from "../data/detect-format.js";
import {readRegularFile} from "./read-regular-file.js";

/** How the data set was chosen. */
export type DatasetOrigin = "env" | "default" | "downloaded" | "synthetic";

/** The set ml-100k is the workbench's default, as in the seed. */
export const DEFAULT_DATASET = "ml-100k";

/** Options of {@link openDataset}: which set, where, cleaning, download and cache. */
export interface OpenDatasetOptions {
  /** What to open, as MOVIELAB_DATA would say it; default env.MOVIELAB_DATA. Empty: the default chain. */
  spec?: string;
  /** A spec already resolved by resolveDatasetSpec, opened as it is (no default chain): `data check`. */
  target?: DatasetTarget;
  /** Directory specs are relative to this (default process.cwd()). */
  cwd?: string;
  /** The cleaning rules and report size (default every rule, 5 examples per rule). */
  clean?: CleanOptions;
  /** Keep the set as read, before cleaning, in `raw` (for pages that show what cleaning removes). */
  keepRaw?: boolean;
  /** Environment to read MOVIELAB_DATA, MOVIELAB_DATA_ROOT, MOVIELAB_OFFLINE from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where named sets live (default MOVIELAB_DATA_ROOT, else `<repo>/data`). */
  dataRoot?: string;
  /** Try to download ml-100k when it is missing (default true unless MOVIELAB_OFFLINE=1). */
  allowDownload?: boolean;
  /** Where to say what is happening (default: silent). */
  log?: (msg: string) => void;
  /** Passed to fetchDataset for the download (tests use a fake). */
  fetchImpl?: typeof fetch;
  /** Progress of reading a directory: steps done of the total (hash, read and parse, clean, encode, cache), after each. */
  onStep?: (done: number, total: number) => void;
  /** Download progress: bytes so far and the expected total. */
  onProgress?: (bytes: number, total: number) => void;
  /** Passed to fetchDataset: the registry that describes ml-100k's zip (tests describe their own). */
  registry?: readonly MovieLensEntry[];
  /** The layout to read when a directory holds the files of more than one (default: the only one present). */
  format?: FileFormat;
  /** Use the parsed-data cache (default true unless MOVIELAB_CACHE=off); see dataset-cache.ts. */
  cache?: boolean;
  /** Where the cache lives (default MOVIELAB_CACHE_DIR, else <dataRoot>/.cache). */
  cacheDir?: string;
}

/** A set as selected: read from its files (raw, and where to cache it), or opened from the cache. */
interface SelectedDataset {
  raw?: RawDataset;
  cached?: CachedDataset;
  cacheTo?: {root: string; key: string};
  origin: DatasetOrigin;
  reason: string;
}

/** Where a spec points: the synthetic generator or a directory (with its set name when given by name). */
export type DatasetTarget =
  | {
      /** The seeded synthetic generator. */
      kind: "synthetic";
    }
  | {
      /** A directory of MovieLens files. */
      kind: "dir";
      /** The directory's path (under dataRoot for a name, resolved against cwd for a path). */
      dir: string;
      /** The set's name when the spec named it (e.g. "ml-1m"), else absent. */
      name?: string;
    };

/**
 * Resolves a spec ("synthetic", a set name like "ml-1m" → `<dataRoot>/ml-1m`, or a directory path
 * relative to cwd). Throws DataError naming `label` (e.g. "MOVIELAB_DATA") when it points at nothing.
 */
export function resolveDatasetSpec(
  spec: string,
  options: {dataRoot: string; cwd?: string; label?: string}
): DatasetTarget {
  const label = options.label ?? "data set";
  if (spec === "synthetic") return {kind: "synthetic"};
  const looksLikePath =
    isAbsolute(spec) || spec.includes("/") || spec.includes("\\") || spec.startsWith(".") || spec.startsWith("~");
  if (!looksLikePath) {
    const named = join(options.dataRoot, spec);
    if (isDirectory(named)) return {kind: "dir", dir: named, name: spec};
    if (findDataset(spec) !== undefined) {
      throw new DataError({
        file: label,
        value: spec,
        expected: `the ${spec} files in ${named}/, which does not exist: run \`movielab data fetch ${spec}\`, or name a directory that holds them`
      });
    }
  }
  const dir =
    spec === "~" || spec.startsWith("~/")
      ? join(homedir(), spec.slice(1))
      : resolve(options.cwd ?? process.cwd(), spec);
  if (isDirectory(dir)) return {kind: "dir", dir};
  throw new DataError({
    file: label,
    value: spec,
    expected: `a set name with a directory under ${options.dataRoot}/ (e.g. ml-100k), the word "synthetic", or an existing directory of MovieLens files (${dir} is none)`
  });
}

/** Chooses and reads the data set (see the module comment for the order). */
async function selectDataset(options: OpenDatasetOptions): Promise<SelectedDataset> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const dataRoot = resolve(options.dataRoot ?? defaultDataRoot(env));
  const spec = options.spec ?? env.MOVIELAB_DATA;

  const readDir = (dir: string, name?: string) => readDirCached(dir, name, options, dataRoot, env, log);
  const readTarget = async (target: DatasetTarget, via: string): Promise<SelectedDataset> =>
    target.kind === "synthetic"
      ? {raw: generateSynthetic(), origin: "env", reason: `${via}: the seeded synthetic set`}
      : {...(await readDir(target.dir, target.name)), origin: "env", reason: `${via}: ${target.dir}`};
  if (options.target !== undefined) return readTarget(options.target, "asked for");
  if (spec !== undefined && spec !== "") {
    const target = resolveDatasetSpec(spec, {
      dataRoot,
      cwd: options.cwd,
      label: options.spec !== undefined ? "data set" : "MOVIELAB_DATA"
    });
    return readTarget(target, options.spec !== undefined ? `asked for "${spec}"` : `MOVIELAB_DATA=${spec}`);
  }

  const defaultDir = join(dataRoot, DEFAULT_DATASET);
  if (isDirectory(defaultDir)) {
    return {...(await readDir(defaultDir, DEFAULT_DATASET)), origin: "default", reason: `found ${defaultDir}`};
  }

  const allowDownload = options.allowDownload ?? env.MOVIELAB_OFFLINE !== "1";
  if (!allowDownload) {
    const why = options.allowDownload === false ? "downloads are off" : "downloads are off (MOVIELAB_OFFLINE=1)";
    return synthetic(`no ${defaultDir} and ${why}`, log);
  }
  log(`no ${defaultDir}: downloading ${DEFAULT_DATASET} from GroupLens`);
  let dir: string;
  try {
    dir = await fetchDataset(DEFAULT_DATASET, {
      dataRoot,
      fetchImpl: options.fetchImpl,
      onProgress: options.onProgress,
      registry: options.registry
    });
  } catch (e) {
    return synthetic(`no ${defaultDir} and download failed: ${(e as Error).message}`, log);
  }
  // A download that verified but does not read is a real problem: report it, do not hide it.
  return {
    ...(await readDir(dir, DEFAULT_DATASET)),
    origin: "downloaded",
    reason: `no ${defaultDir}; downloaded ${DEFAULT_DATASET} from GroupLens`
  };
}

/**
 * The parsed-data cache's root: options.cacheDir, else MOVIELAB_CACHE_DIR, else <dataRoot>/.cache;
 * null when switched off (cache: false, or MOVIELAB_CACHE=off).
 */
function cacheRootOf(options: OpenDatasetOptions, env: NodeJS.ProcessEnv, dataRoot: string): string | null {
  if (options.cache === false || env.MOVIELAB_CACHE === "off") return null;
  return resolve(options.cacheDir ?? env.MOVIELAB_CACHE_DIR ?? join(dataRoot, ".cache"));
}

/** A directory's set from the cache when an entry for its current files exists, else read from its files. */
async function readDirCached(
  dir: string,
  name: string | undefined,
  options: OpenDatasetOptions,
  dataRoot: string,
  env: NodeJS.ProcessEnv,
  log: (msg: string) => void
): Promise<Pick<SelectedDataset, "raw" | "cached" | "cacheTo">> {
  const root = cacheRootOf(options, env, dataRoot);
  const step = options.onStep ?? (() => {});
  if (root === null) {
    const raw = await readDatasetDir(dir, name, {format: options.format});
    step(1, 3);
    return {raw};
  }
  const listing = await datasetFilesOf(dir, options.format);
  const key = cacheKey(root, listing.paths, listing.format, options.clean);
  step(1, READ_STEPS);
  // Pages that show what cleaning removed need the rows as read: those read the files.
  if (options.keepRaw !== true) {
    const path = resolve(dir);
    const hit = readCacheEntry(root, key, name ?? basename(path), path);
    if (!("problem" in hit)) {
      log(`opened ${path} from the cache (${join(root, key.slice(0, 12))}…)`);
      step(READ_STEPS, READ_STEPS);
      return {cached: hit};
    }
    if (existsSync(join(root, key))) log(`cache entry unusable, rebuilding it: ${hit.problem}`);
  }
  const raw = await readDatasetDir(dir, name, {listing});
  step(2, READ_STEPS);
  return {raw, cacheTo: {root, key}};
}

/** Steps of reading a directory through the cache: hash the files, read and parse, clean, encode, write the cache. */
const READ_STEPS = 5;

/** An opened data set: cleaned and encoded, with where it came from; summary and folds on demand. */
export interface OpenedDataset {
  /** The cleaned, encoded set. */
  dataset: Dataset;
  /** What cleaning removed, rule by rule. */
  report: CleaningReport;
  /** Counts, mean, dates of the cleaned set (computed on first use). */
  readonly summary: DatasetSummary;
  /** How it was chosen: MOVIELAB_DATA, the default directory, a download, or the synthetic fallback. */
  origin: DatasetOrigin;
  /** One sentence: why this set (e.g. "no …/data/ml-100k and download failed: …"). */
  reason: string;
  /** True when the data are generated, not MovieLens: pages show a banner. */
  synthetic: boolean;
  /** Directory the files came from (null for synthetic data). */
  dir: string | null;
  /** The set as read, before cleaning: only with {keepRaw: true}. */
  raw?: RawDataset;
  /** Its folds, read or made when asked for. */
  folds: DatasetFolds;
}

/**
 * The folds of an opened set, read when asked for. The evaluations' protocols take ml-100k's
 * official folds when the directory has u1..u5, else seeded folds (lib/data/folds.ts).
 */
export interface DatasetFolds {
  /** True when the directory holds ml-100k's u1..u5 .base/.test files. */
  readonly hasOfficial: boolean;
  /** Row indices of the named official splits (default u1..u5; ua, ub accepted); a missing or bad file throws DataError. */
  official(names?: readonly string[]): Promise<FoldRows[]>;
  /** The same splits as rating folds. */
  officialRating(names?: readonly string[]): Promise<RatingFold[]>;
  /** The classifier's folds: official u1..u`count` when present, else `count` seeded stratified folds (count 2..5, default 5). */
  classifier(count?: number): Promise<ClassifierFolds>;
  /** The rating models' folds: official u1..u`count` when present, else `count` random folds of `seed` (default 5 folds, seed 42). */
  rating(count?: number, seed?: number): Promise<RatingFolds>;
  /** The hold-out split: official u1 when present, else stratified 80/20 (seed 42). */
  holdout(): Promise<HoldoutSplit>;
}

/** Selects, reads, cleans and encodes a data set (see the module comment); folds and summary are lazy. */
export async function openDataset(
  options: OpenDatasetOptions & {
    /** Keep the set as read, before cleaning. */
    keepRaw: true;
  }
): Promise<
  OpenedDataset & {
    /** The set as read, before cleaning. */
    raw: RawDataset;
  }
>;
export async function openDataset(options?: OpenDatasetOptions): Promise<OpenedDataset>;
export async function openDataset(options: OpenDatasetOptions = {}): Promise<OpenedDataset> {
  const {raw, cached, cacheTo, origin, reason} = await selectDataset(options);
  let dataset: Dataset;
  let report: CleaningReport;
  if (cached) ({dataset, report} = cached);
  else {
    // Without the cache the steps are read, clean, encode; with it, hash first and write the cache last.
    const read = cacheTo ? 2 : 1;
    const total = cacheTo ? READ_STEPS : 3;
    const step = raw!.source.kind === "synthetic" ? () => {} : (options.onStep ?? (() => {}));
    const cleaned = cleanDataset(raw!, options.clean);
    step(read + 1, total);
    report = cleaned.report;
    dataset = encodeDataset(cleaned.data);
    step(read + 2, total);
    if (cacheTo) {
      try {
        writeCacheEntry(cacheTo.root, cacheTo.key, {dataset, report});
        step(total, total);
      } catch (e) {
        // The data are good; only the speed-up is lost. Say where, and why.
        const warn = options.log ?? ((msg: string) => process.emitWarning(msg));
        const err = e as NodeJS.ErrnoException;
        const why = err.code ? `${err.code}${err.path ? ` on ${err.path}` : ""}` : err.message;
        warn(`could not write the data cache in ${cacheTo.root} (${why}); continuing without it`);
      }
    }
  }
  const dir = dataset.source.dir ?? null;
  let summary: DatasetSummary | undefined;
  return {
    dataset,
    report,
    get summary() {
      return (summary ??= summarizeDataset(dataset));
    },
    origin,
    reason,
    synthetic: dataset.source.kind === "synthetic",
    dir,
    ...(options.keepRaw === true ? {raw} : {}),
    folds: datasetFolds(dataset, dir)
  };
}

/** True when dir holds ml-100k's u1..u5 .base/.test files. */
export function hasOfficialFolds(dir: string | null): boolean {
  return (
    dir !== null &&
    OFFICIAL_FOLDS.every((f) => Object.values(officialFoldFiles(f)).every((file) => existsSync(join(dir, file))))
  );
}

/** The folds of a set read from `dir` (null for a generated or sampled set: seeded folds only). */
export function datasetFolds(dataset: Dataset, dir: string | null): DatasetFolds {
  const hasOfficial = hasOfficialFolds(dir);
  const official = async (names: readonly string[] = OFFICIAL_FOLDS): Promise<FoldRows[]> => {
    if (dir === null)
      throw new DataError({
        file: dataset.name,
        expected: "a directory holding ml-100k's official split files, but this set is generated (synthetic)"
      });
    return officialFoldRows(dataset, await readOfficialFolds(dir, names));
  };
  /** u1..u`count` when present, else null (count checked first). */
  const firstOfficial = async (count: number): Promise<FoldRows[] | null> => {
    checkFoldCount(count);
    return hasOfficial ? official(OFFICIAL_FOLDS.slice(0, count)) : null;
  };
  return {
    hasOfficial,
    official,
    officialRating: async (names) => ratingFoldsFromRows(dataset, await official(names)),
    classifier: async (count = 5) => classifierFolds(dataset, await firstOfficial(count), count),
    rating: async (count = 5, seed = 42) => ratingFolds(dataset, await firstOfficial(count), count, seed),
    holdout: async () => holdoutSplit(dataset, hasOfficial ? (await official(["u1"]))[0] : null)
  };
}

/** Reads `<name>.base` / `<name>.test` of each named official split from an ml-100k directory. */
async function readOfficialFolds(dir: string, names: readonly string[]): Promise<RawFold[]> {
  const path = resolve(dir);
  checkOfficialFoldNames(names, path);
  const read = (file: string): Promise<Uint8Array> =>
    readRegularFile(join(path, file), MAX_FILE_BYTES["ml-100k"], `the ml-100k official split file ${file}`);
  return Promise.all(
    names.map(async (name) => {
      const files = officialFoldFiles(name);
      const [base, test] = [await read(files.base), await read(files.test)];
      return parseOfficialFold(name, base, test, {base: join(path, files.base), test: join(path, files.test)});
    })
  );
}

function synthetic(reason: string, log: (msg: string) => void): SelectedDataset {
  log(`using the seeded synthetic data set: ${reason}`);
  return {raw: generateSynthetic(), origin: "synthetic", reason};
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Which data set the workbench runs on, decided once for the CLI, the server and the page loaders:
 * MOVIELAB_DATA (a set name under the data root, the word "synthetic", or a directory), else
 * `data/ml-100k` when present, else a download of ml-100k (unless offline), else the seeded
 * synthetic set, with the reason recorded so pages can say why. An explicit MOVIELAB_DATA that
 * does not resolve is an error, never a silent fallback.
 */
import {statSync} from "node:fs";
import {homedir} from "node:os";
import {isAbsolute, join, resolve} from "node:path";
import {cleanDataset} from "../data/clean.js";
import type {CleaningReport} from "../data/cleaning-report.js";
import {encodeDataset} from "../data/encode.js";
import {DataError} from "../data/errors.js";
import {findDataset, type MovieLensEntry} from "../data/registry.js";
import {summarizeDataset, type DatasetSummary} from "../data/summary.js";
import {generateSynthetic} from "../data/synthetic.js";
import type {Dataset, RawDataset} from "../data/types.js";
import {defaultDataRoot} from "./data-root.js";
import {fetchDataset} from "./fetch-dataset.js";
import {readDatasetDir} from "./read-dataset-dir.js";

/** How the data set was chosen. */
export type DatasetOrigin = "env" | "default" | "downloaded" | "synthetic";

/** The set ml-100k is the workbench's default, as in the seed. */
export const DEFAULT_DATASET = "ml-100k";

export interface SelectDatasetOptions {
  /** What to load, as MOVIELAB_DATA would say it; default env.MOVIELAB_DATA. */
  spec?: string;
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
  /** Download progress: bytes so far and the expected total. */
  onProgress?: (bytes: number, total: number) => void;
  /** Passed to fetchDataset: the registry that describes ml-100k's zip (tests describe their own). */
  registry?: readonly MovieLensEntry[];
}

export interface SelectedDataset {
  raw: RawDataset;
  origin: DatasetOrigin;
  /** One sentence: why this set (e.g. "no …/data/ml-100k and download failed: …"). */
  reason: string;
}

/** Where a spec points: the synthetic generator or a directory (with its set name when given by name). */
export type DatasetTarget = {kind: "synthetic"} | {kind: "dir"; dir: string; name?: string};

/**
 * Resolves a spec ("synthetic", a set name like "ml-1m" → `<dataRoot>/ml-1m`, or a directory path
 * relative to cwd). Throws DataError naming `label` (e.g. "MOVIELAB_DATA") when it points at nothing.
 */
export function resolveDatasetSpec(spec: string, options: {dataRoot: string; cwd?: string; label?: string}): DatasetTarget {
  const label = options.label ?? "data set";
  if (spec === "synthetic") return {kind: "synthetic"};
  const looksLikePath = isAbsolute(spec) || spec.includes("/") || spec.includes("\\") || spec.startsWith(".") || spec.startsWith("~");
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
  const dir = spec === "~" || spec.startsWith("~/") ? join(homedir(), spec.slice(1)) : resolve(options.cwd ?? process.cwd(), spec);
  if (isDirectory(dir)) return {kind: "dir", dir};
  throw new DataError({
    file: label,
    value: spec,
    expected: `a set name with a directory under ${options.dataRoot}/ (e.g. ml-100k), the word "synthetic", or an existing directory of MovieLens files (${dir} is none)`
  });
}

/** Chooses and reads the workbench's data set (see the module comment for the order). */
export async function selectDataset(options: SelectDatasetOptions = {}): Promise<SelectedDataset> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const dataRoot = resolve(options.dataRoot ?? defaultDataRoot(env));
  const spec = options.spec ?? env.MOVIELAB_DATA;

  if (spec !== undefined && spec !== "") {
    const target = resolveDatasetSpec(spec, {dataRoot, label: options.spec !== undefined ? "data set" : "MOVIELAB_DATA"});
    const via = options.spec !== undefined ? `asked for "${spec}"` : `MOVIELAB_DATA=${spec}`;
    if (target.kind === "synthetic") return {raw: generateSynthetic(), origin: "env", reason: `${via}: the seeded synthetic set`};
    return {raw: await readDatasetDir(target.dir, target.name), origin: "env", reason: `${via}: ${target.dir}`};
  }

  const defaultDir = join(dataRoot, DEFAULT_DATASET);
  if (isDirectory(defaultDir)) {
    return {raw: await readDatasetDir(defaultDir, DEFAULT_DATASET), origin: "default", reason: `found ${defaultDir}`};
  }

  const allowDownload = options.allowDownload ?? env.MOVIELAB_OFFLINE !== "1";
  if (!allowDownload) {
    const why = options.allowDownload === false ? "downloads are off" : "downloads are off (MOVIELAB_OFFLINE=1)";
    return synthetic(`no ${defaultDir} and ${why}`, log);
  }
  log(`no ${defaultDir}: downloading ${DEFAULT_DATASET} from GroupLens`);
  let dir: string;
  try {
    dir = await fetchDataset(DEFAULT_DATASET, {dataRoot, fetchImpl: options.fetchImpl, onProgress: options.onProgress, registry: options.registry});
  } catch (e) {
    return synthetic(`no ${defaultDir} and download failed: ${(e as Error).message}`, log);
  }
  // A download that verified but does not read is a real problem: report it, do not hide it.
  return {raw: await readDatasetDir(dir, DEFAULT_DATASET), origin: "downloaded", reason: `no ${defaultDir}; downloaded ${DEFAULT_DATASET} from GroupLens`};
}

/** Everything a page or command needs: the cleaned, encoded set with its report and summary. */
export interface WorkbenchDataset {
  dataset: Dataset;
  report: CleaningReport;
  summary: DatasetSummary;
  origin: DatasetOrigin;
  reason: string;
  /** True when the data are generated, not MovieLens: pages show a banner. */
  synthetic: boolean;
}

/** Selects, cleans, encodes and summarises the workbench's data set. */
export async function loadWorkbenchDataset(options: SelectDatasetOptions = {}): Promise<WorkbenchDataset> {
  const {raw, origin, reason} = await selectDataset(options);
  const {data, report} = cleanDataset(raw);
  const dataset = encodeDataset(data);
  return {dataset, report, summary: summarizeDataset(dataset), origin, reason, synthetic: raw.source.kind === "synthetic"};
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

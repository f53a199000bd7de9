/**
 * The Lab's data: the reader's own MovieLens files, chosen or dropped in the page (a GroupLens zip, or
 * the files themselves), or the seeded synthetic set. Read with the same readers, validation and
 * cleaning as `movielab cv` (every rule but before-release, so that every fold row stays), then encoded;
 * ml-100k's official folds u1..u5 are read when their files are present. Browser-safe: nothing leaves
 * the page. Bad input throws the readers' DataError (file, line, field, expected), a zip that cannot be
 * read a DataError naming the zip.
 */
import {unzipSync} from "fflate";
import {cleanDataset} from "../data/clean.js";
import type {CleaningReport} from "../data/cleaning-report.js";
import {OPTIONAL_FILES, REQUIRED_FILES} from "../data/detect-format.js";
import {encodeDataset} from "../data/encode.js";
import {DataError} from "../data/errors.js";
import {OFFICIAL_FOLDS, officialFoldFiles, officialFoldRows, parseOfficialFold, type FoldRows} from "../data/folds.js";
import {parseDatasetFiles, type DatasetFiles} from "../data/read-files.js";
import {generateSynthetic} from "../data/synthetic.js";
import type {Dataset, RawDataset} from "../data/types.js";
import {fromWorkbenchJson, type WorkbenchJson} from "./dataset-json.js";
import {datasetFingerprint} from "./fingerprint.js";

/** One file as the page got it: its name (a zip's entries keep their folder) and bytes. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** A data set ready for the Lab: cleaned and encoded, its cleaning report, official folds when present, fingerprint. */
export interface LabData {
  dataset: Dataset;
  report: CleaningReport;
  /** ml-100k's u1..u5 as row indices, when their .base/.test files came with the set. */
  official: FoldRows[] | null;
  /** SHA-256 of the cleaned ratings (see fingerprint.ts): the same set gives the same fingerprint in Node and the browser. */
  fingerprint: string;
  /** Seconds spent reading, validating, cleaning and encoding. */
  seconds: number;
}

/** File names the Lab reads: every layout's required and optional files and ml-100k's official split files. */
export const LAB_FILES: ReadonlySet<string> = new Set([
  ...Object.values(REQUIRED_FILES).flat(),
  ...Object.values(OPTIONAL_FILES).flat(),
  ...OFFICIAL_FOLDS.flatMap((f) => Object.values(officialFoldFiles(f)))
]);

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/** True for a zip archive, by its name or its first bytes. */
export function isZip(file: UploadedFile): boolean {
  return /\.zip$/i.test(file.name) || ZIP_MAGIC.every((b, i) => file.bytes[i] === b);
}

/** The MovieLens entries of a zip (macOS resource forks and other files left out); a damaged zip throws a DataError naming it. */
export function unzipMovieLens(file: UploadedFile): DatasetFiles {
  try {
    return unzipSync(file.bytes, {
      filter: (entry) => !entry.name.startsWith("__MACOSX/") && LAB_FILES.has(baseName(entry.name))
    });
  } catch (e) {
    throw new DataError({
      file: file.name,
      expected: `a zip archive of MovieLens files, but it cannot be unzipped (${(e as Error).message})`
    });
  }
}

/** The set's name: the zip's name without ".zip", else the layout's usual name. */
function setName(files: readonly UploadedFile[], names: readonly string[]): string {
  const zip = files.find(isZip);
  if (zip !== undefined) return baseName(zip.name).replace(/\.zip$/i, "");
  if (names.includes("u.data")) return "ml-100k";
  if (names.includes("ratings.dat")) return "ml-1m";
  return "ratings.csv";
}

/** Every uploaded file as MovieLens files by path: zips opened, unknown loose files left out. */
export function collectFiles(files: readonly UploadedFile[]): DatasetFiles {
  if (files.length === 0) throw new DataError({file: "the files chosen", expected: "a MovieLens zip or its files"});
  const out: DatasetFiles = {};
  for (const file of files) {
    if (isZip(file)) Object.assign(out, unzipMovieLens(file));
    else if (LAB_FILES.has(baseName(file.name))) out[file.name] = file.bytes;
  }
  return out;
}

/** The official folds u1..u5 when all ten files are present, else null. */
function officialFolds(dataset: Dataset, files: DatasetFiles): FoldRows[] | null {
  const byBase = new Map(Object.entries(files).map(([path, bytes]) => [baseName(path), {path, bytes}]));
  const present = OFFICIAL_FOLDS.every((f) => Object.values(officialFoldFiles(f)).every((n) => byBase.has(n)));
  if (!present) return null;
  const raw = OFFICIAL_FOLDS.map((name) => {
    const {base, test} = officialFoldFiles(name);
    const b = byBase.get(base)!;
    const t = byBase.get(test)!;
    return parseOfficialFold(name, b.bytes, t.bytes, {base: b.path, test: t.path});
  });
  return officialFoldRows(dataset, raw);
}

/** Cleans (as `movielab cv` does: every rule but before-release), encodes and fingerprints a set as read. */
export async function prepareLabData(
  raw: RawDataset,
  files: DatasetFiles = {},
  t0 = performance.now()
): Promise<LabData> {
  const {data, report} = cleanDataset(raw, {beforeRelease: false});
  const dataset = encodeDataset(data);
  const official = officialFolds(dataset, files);
  const fingerprint = await datasetFingerprint(dataset);
  return {dataset, report, official, fingerprint, seconds: (performance.now() - t0) / 1000};
}

/** Reads the reader's files (zips or loose files) into a Lab data set; see the module comment for errors. */
export async function readUpload(files: readonly UploadedFile[]): Promise<LabData> {
  const t0 = performance.now();
  const found = collectFiles(files);
  const names = Object.keys(found).map(baseName);
  const raw = parseDatasetFiles(found, {name: setName(files, names)});
  return prepareLabData(raw, found, t0);
}

/** The preview's workbench set (notebooks/data/lab-workbench.json), already cleaned by its loader. */
export async function workbenchLabData(json: WorkbenchJson): Promise<LabData> {
  if (!json.available) throw new DataError({file: "the workbench data set", expected: `one, but ${json.reason}`});
  const t0 = performance.now();
  const {dataset, official, report} = fromWorkbenchJson(json);
  const fingerprint = await datasetFingerprint(dataset);
  return {dataset, report, official, fingerprint, seconds: (performance.now() - t0) / 1000};
}

/** The seeded synthetic set (`MOVIELAB_DATA=synthetic` in the CLI), prepared the same way. */
export function syntheticLabData(): Promise<LabData> {
  const t0 = performance.now();
  return prepareLabData(generateSynthetic(), {}, t0);
}
